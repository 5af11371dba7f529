import Foundation
import Vapor

/// The pages and endpoints of Calendar: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func workCalendar(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["calendar"], "/calendar" + Self.queryString(query))
    }
    static let loadWorkCalendarYear = SiteURL(["calendar"], "/calendar")
}
