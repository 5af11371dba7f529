import Foundation
import Vapor

/// The pages and endpoints of MonthlyReport: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func monthlyReport(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["reports", "monthly"], "/reports/monthly" + Self.queryString(query))
    }
    static func pointMap(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["reports", "map"], "/reports/map" + Self.queryString(query))
    }
    static func monthlyReportEntry(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["reports", "monthly", "entry"], "/reports/monthly/entry" + Self.queryString(query))
    }
    static let monthlyReportException = SiteURL(["reports", "monthly", "exception"], "/reports/monthly/exception")
    static let monthlyReportDecision = SiteURL(["reports", "monthly", "decision"], "/reports/monthly/decision")
    static func monthlyReportExceptionDecision(id: UUID) -> SiteURL {
        SiteURL(
            ["reports", "monthly", "exceptions", ":id"],
            "/reports/monthly/exceptions/\(id.uuidString.lowercased())"
        )
    }
    static let monthlyReportCountyTasks = SiteURL(
        ["reports", "monthly", "county-tasks"], "/reports/monthly/county-tasks"
    )
    static func monthlyReportExport(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["reports", "monthly", "export"], "/reports/monthly/export" + Self.queryString(query))
    }
    static func monthlyReportEvidence(id: UUID) -> SiteURL {
        SiteURL(["reports", "monthly", "evidence", ":id"], "/reports/monthly/evidence/\(id.uuidString.lowercased())")
    }
}
