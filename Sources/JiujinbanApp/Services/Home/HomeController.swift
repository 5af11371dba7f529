import Fluent
import JiujinbanRules
import Vapor

/// The start page: the work of the signed-in post (`HomeQueries`), rendered by `HomePage`.
enum HomeController {
    static func register(_ app: Application) {
        app.get(.home, .signedIn) { req -> Response in
            let staff = try req.requireStaff()
            // Read once per page: the navigation's reader kept them (`NavigationBadgeMiddleware` runs first).
            let counts: WorkCounts
            if let read = req.workCounts { counts = read } else { counts = try await WorkCounts.read(for: staff, on: req.db) }
            let view = try await HomeQueries.view(
                for: staff, counts: counts, catalogue: req.jiujinban.catalogue,
                calendar: try await WorkCalendarStore.calendar(req: req), today: req.jiujinban.clock.today, on: req.db)
            return HTMLResponse.make(HomePage.render(view, catalogue: req.jiujinban.catalogue, context: PageContext(req)))
        }
    }
}
