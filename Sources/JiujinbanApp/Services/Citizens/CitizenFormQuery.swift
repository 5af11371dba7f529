import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 登记办事群众's choices: the divisions of the user's county (a business admin above counties registers within its
/// own division).
enum CitizenFormQuery {
    static func choices(for staff: SignedInStaff, on db: any Database) async throws -> CitizenFormPage.Choices {
        let county = staff.account.unit.county ?? staff.scopeRoot
        let divisions = try await Division.query(on: db).filter(\.$id =~ county.scopePrefix).sort(\.$id).all()
        let all = divisions.map { FormFields.Option(value: $0.id ?? "", label: indent($0) + $0.name) }
        let homes = divisions.filter { $0.level == DivisionLevel.village.rawValue || $0.level == DivisionLevel.community.rawValue }
            .map { FormFields.Option(value: $0.id ?? "", label: $0.name) }
        return CitizenFormPage.Choices(hukou: all, residence: homes)
    }

    private static func indent(_ division: Division) -> String {
        switch DivisionLevel(rawValue: division.level) {
        case .township?: "　"
        case .village?, .community?: "　　"
        default: ""
        }
    }
}

extension CitizenFormPage {
    static func respond(
        _ req: Request, draft: CitizenDraft, errors: FieldErrors, notice: String?, status: HTTPStatus
    ) async throws -> Response {
        let choices = try await CitizenFormQuery.choices(for: try req.requireStaff(), on: req.db)
        return HTMLResponse.make(render(draft: draft, errors: errors, notice: notice, choices: choices,
                                        context: CitizensController.searchContext(req)),
                                 status: status)
    }
}
