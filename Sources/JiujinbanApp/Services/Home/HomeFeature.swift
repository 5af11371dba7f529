import Fluent
import Vapor

/// Home: its routes, and the counts of waiting work beside the navigation's links, registered once (`Feature`).
enum HomeFeature: Feature {
    static func routes(_ app: Application) {
        HomeController.register(app)
        // The counts read the work tables of several features, so the home feature supplies them; the platform's
        // middleware asks once per page. Routes are registered after the platform's middleware, so this runs after
        // the session middleware has found the user.
        app.navigationBadges = NavigationBadgeReader { staff, req in
            let counts = try await WorkCounts.read(for: staff, on: req.db)
            req.workCounts = counts
            return counts.badges
        }
        app.middleware.use(NavigationBadgeMiddleware())
    }

    static var migrations: [any Migration] {
        [M0051IndexWorkCounts()]
    }
}

extension WorkCounts {
    /// The counts as the navigation shows them, on the link of the list each is on.
    var badges: [NavigationBadge] {
        func badge(_ url: SiteURL, _ label: String, _ count: Int?) -> NavigationBadge? {
            count.map { NavigationBadge(path: url.path, label: label, count: $0) }
        }
        return [
            badge(.cases(), "待审核", casesAwaitingReview),
            badge(.cases(), "核心系统退回", casesCoreReturned),
            badge(.cases(), "退回", casesReturned),
            badge(.problems(), "待答复", problemsToAnswer),
            badge(.problems(), "待确认", problemsToConfirm),
            badge(.accountApplications(), "待报送", applicationsToForward),
            badge(.accountApplications(), "待审批", applicationsToDecide),
            badge(.accountApplications(), "待办理", applicationsToCarryOut),
            badge(.monthlyReport(), "待审核", reportsToReview),
        ].compactMap { $0 }
    }
}

extension Request {
    private struct WorkCountsKey: StorageKey { typealias Value = WorkCounts }

    /// The counts the navigation read for this page, so the home page lists them without reading them again.
    var workCounts: WorkCounts? {
        get { storage[WorkCountsKey.self] }
        set { storage[WorkCountsKey.self] = newValue }
    }
}
