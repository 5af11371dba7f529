import Fluent
import JiujinbanRules
import Vapor

/// The service-point form's choices: the townships, villages and communities of the user's division, each labelled
/// with its township so that two villages of one name can be told apart.
enum ServicePointFormQuery {
    static func divisions(in root: DivisionCode, on db: any Database) async throws -> [FormFields.Option] {
        let divisions = try await Division.query(on: db)
            .filter(\.$level ~~ [DivisionLevel.township, .village, .community].map(\.rawValue))
            .filter(\.$id =~ root.scopePrefix)
            .sort(\.$id).all().map(\.summary)
        let names = Dictionary(uniqueKeysWithValues: divisions.map { ($0.code, $0.shortName) })
        return divisions.map { division -> FormFields.Option in
            let township = names[String(division.code.prefix(9)) + "000"] ?? ""
            let label = division.level == .township ? division.name : "\(township) › \(division.shortName)"
            return FormFields.Option(value: division.code, label: "\(label)（\(division.code)）")
        }
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
