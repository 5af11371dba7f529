import Foundation
import Vapor

/// The pages and endpoints of API: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static let apiServicePoints = SiteURL(["api", "service-points"], "/api/service-points")
    static func apiDivision(code: String) -> SiteURL {
        SiteURL(["api", "divisions", ":code"], "/api/divisions/\(code)")
    }
}
