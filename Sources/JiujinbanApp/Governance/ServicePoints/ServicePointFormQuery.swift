import Fluent
import JiujinbanRules
import Vapor

/// The service-point form's choices: the townships, villages and communities of the user's division, grouped by
/// township (each township first in its own group), so that two villages of one name are told apart by their group.
enum ServicePointFormQuery {
    static func divisions(in root: DivisionCode, on db: any Database) async throws -> GroupedChoices {
        PlaceChooser.grouped(try await PlaceChoices.subtree(root, on: db), offering: [.township, .village, .community])
    }
}

extension ServicePointFormPage {
    static func respond(
        _ req: Request, editing: ServicePointSummary?, form: ServicePointForm, errors: FieldErrors, status: HTTPResponseStatus
    ) async throws -> Response {
        let staff = try req.requireStaff()
        let options = try await ServicePointFormQuery.divisions(in: staff.scopeRoot, on: req.db)
        let page = render(editing: editing, form: form, errors: errors, divisions: options, context: PageContext(req))
        return HTMLResponse.make(page, status: status)
    }
}
