import JiujinbanRules
import Vapor

extension AccountApplicationsController {
    /// Reads what the page needs beyond the application (the person's conflicting accounts, for those who decide or
    /// carry out) and renders it.
    /// - Parameter comment: the decision comment of a refused attempt, shown again with the problem.
    static func detail(_ req: Request, _ loaded: LoadedApplication, error: String?, status: HTTPResponseStatus,
                       comment: String = "") async throws -> Response {
        let staff = try req.requireStaff()
        let mayDecide = [AccountApplication.Action.approve(comment: ""), .carryOut(.accounts)]
            .contains { AccountApplication.may(staff.account, perform: $0, on: loaded.application).isAllowed }
        // Those who decide or carry out see, before they do, which new accounts the person's other accounts forbid.
        let conflicts = mayDecide ? try await ApplicationStore.personConflicts(loaded, req: req) : []
        let html = ApplicationDetailPage.render(loaded, viewer: staff.account, conflicts: conflicts, catalogue: req.jiujinban.catalogue,
                          error: error, comment: comment, context: PageContext(req))
        return HTMLResponse.make(html, status: status)
    }
}
