import Foundation
import Vapor

/// The pages and endpoints of JobFairs: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func jobFairs(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["job-fairs"], "/job-fairs" + Self.queryString(query))
    }
    static let newJobFair = SiteURL(["job-fairs", "new"], "/job-fairs/new")
    static func jobFair(id: UUID) -> SiteURL {
        SiteURL(["job-fairs", ":id"], "/job-fairs/\(id.uuidString.lowercased())")
    }
    static func editJobFair(id: UUID) -> SiteURL {
        SiteURL(["job-fairs", ":id", "edit"], "/job-fairs/\(id.uuidString.lowercased())/edit")
    }
    static func cancelJobFair(id: UUID) -> SiteURL {
        SiteURL(["job-fairs", ":id", "cancel"], "/job-fairs/\(id.uuidString.lowercased())/cancel")
    }
}
