import Foundation
import Vapor

/// The pages and endpoints of Audit: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func auditLog(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["audit"], "/audit" + Self.queryString(query))
    }
}
