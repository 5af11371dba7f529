import Foundation
import Vapor

/// The pages and endpoints of Policies: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func policies(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["policies"], "/policies" + Self.queryString(query))
    }
    static let newPolicy = SiteURL(["policies", "new"], "/policies/new")
    static func policy(id: UUID) -> SiteURL {
        SiteURL(["policies", ":id"], "/policies/\(id.uuidString.lowercased())")
    }
    static func editPolicy(id: UUID) -> SiteURL {
        SiteURL(["policies", ":id", "edit"], "/policies/\(id.uuidString.lowercased())/edit")
    }
    static func withdrawPolicy(id: UUID) -> SiteURL {
        SiteURL(["policies", ":id", "withdraw"], "/policies/\(id.uuidString.lowercased())/withdraw")
    }
}
