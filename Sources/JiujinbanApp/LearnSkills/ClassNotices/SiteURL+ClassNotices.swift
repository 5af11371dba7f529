import Foundation

/// The pages of 参加培训办结送达 (item 19): each one's route pattern and its path with parameters filled in.
extension SiteURL {
    /// The county's class plans from today on, for the points to notify people.
    static let upcomingClassPlans = SiteURL(["training", "plans"], "/training/plans")
    /// The people a plan fits at the viewer's point, nearest first, and those notified.
    static func classPlanNotices(plan: UUID) -> SiteURL {
        SiteURL(["training", "plans", ":id", "notices"], "/training/plans/\(plan.uuidString.lowercased())/notices")
    }
    /// What became of a notified person's place (已报名, 已参训, …).
    static func enrolmentProgress(id: UUID) -> SiteURL {
        SiteURL(["training", "enrolments", ":enrolment"], "/training/enrolments/\(id.uuidString.lowercased())")
    }
}
