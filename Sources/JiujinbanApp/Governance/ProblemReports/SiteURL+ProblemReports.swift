import Foundation
import Vapor

/// The pages and endpoints of ProblemReports: each one's route pattern and its path with parameters filled in.
extension SiteURL {
    static func problems(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["problems"], "/problems" + Self.queryString(query))
    }
    static let newProblem = SiteURL(["problems", "new"], "/problems/new")
    static let fileProblem = SiteURL(["problems"], "/problems")
    static func problem(id: UUID) -> SiteURL {
        SiteURL(["problems", ":id"], "/problems/\(id.uuidString.lowercased())")
    }
    static func problemAction(id: UUID) -> SiteURL {
        SiteURL(["problems", ":id", "actions"], "/problems/\(id.uuidString.lowercased())/actions")
    }
    static func problemScreenshot(id: UUID, position: Int) -> SiteURL {
        SiteURL(
            ["problems", ":id", "screenshots", ":position"],
            "/problems/\(id.uuidString.lowercased())/screenshots/\(position)"
        )
    }
    static func problemsExport(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["problems", "export"], "/problems/export" + Self.queryString(query))
    }
    static let responsibilityList = SiteURL(["problems", "responsibilities"], "/problems/responsibilities")
    static func problemOversight(query: [(String, String)] = []) -> SiteURL {
        SiteURL(["problems", "oversight"], "/problems/oversight" + Self.queryString(query))
    }
    static let scheduleTraining = SiteURL(["problems", "trainings"], "/problems/trainings")
}
