import Foundation
import Vapor

/// The pages and endpoints of AccountApplications: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func accountApplications(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["account-applications"], "/account-applications" + Self.queryString(query))
    }
    static func newAccountApplication(rows: Int? = nil) -> SiteURL {
        SiteURL(
            ["account-applications", "new"],
            "/account-applications/new" + Self.queryString([("rows", rows.map(String.init) ?? "")])
        )
    }
    static let createAccountApplication = SiteURL(["account-applications"], "/account-applications")
    static func accountApplication(id: UUID) -> SiteURL {
        SiteURL(["account-applications", ":id"], "/account-applications/\(id.uuidString.lowercased())")
    }
    static func accountApplicationPrint(id: UUID) -> SiteURL {
        SiteURL(["account-applications", ":id", "print"], "/account-applications/\(id.uuidString.lowercased())/print")
    }
    static func withdrawAccountApplication(id: UUID) -> SiteURL {
        SiteURL(
            ["account-applications", ":id", "withdraw"],
            "/account-applications/\(id.uuidString.lowercased())/withdraw"
        )
    }
    static func forwardAccountApplication(id: UUID) -> SiteURL {
        SiteURL(
            ["account-applications", ":id", "forward"],
            "/account-applications/\(id.uuidString.lowercased())/forward"
        )
    }
    static func decideAccountApplication(id: UUID) -> SiteURL {
        SiteURL(["account-applications", ":id", "decide"], "/account-applications/\(id.uuidString.lowercased())/decide")
    }
    static func carryOutAccountApplication(id: UUID) -> SiteURL {
        SiteURL(
            ["account-applications", ":id", "carry-out"],
            "/account-applications/\(id.uuidString.lowercased())/carry-out"
        )
    }
    static func accountApplicationsExport(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["account-applications", "export"], "/account-applications/export" + Self.queryString(query))
    }
}
