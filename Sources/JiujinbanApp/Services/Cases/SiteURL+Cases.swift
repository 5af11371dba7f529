import Foundation
import Vapor

/// The pages and endpoints of Cases: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func cases(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["cases"], "/cases" + Self.queryString(query))
    }
    static func newCase(citizen: UUID, item: Int) -> SiteURL {
        SiteURL(
            ["cases", "new"],
            "/cases/new" + Self.queryString([("citizen", citizen.uuidString.lowercased()), ("item", String(item))])
        )
    }
    static let acceptCase = SiteURL(["cases"], "/cases")
    static func caseStatistics(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["cases", "statistics"], "/cases/statistics" + Self.queryString(query))
    }
    static func caseFile(id: UUID) -> SiteURL {
        SiteURL(["cases", ":id"], "/cases/\(id.uuidString.lowercased())")
    }
    static func caseAction(id: UUID) -> SiteURL {
        SiteURL(["cases", ":id", "actions"], "/cases/\(id.uuidString.lowercased())/actions")
    }
    static func caseReceipt(id: UUID) -> SiteURL {
        SiteURL(["cases", ":id", "receipt"], "/cases/\(id.uuidString.lowercased())/receipt")
    }
}
