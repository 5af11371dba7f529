import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 登记办事群众's choices: the divisions of the user's county (a business admin above counties registers within its
/// own division), grouped by township with the user's own township first.
enum CitizenFormQuery {
    static func choices(for staff: SignedInStaff, on db: any Database) async throws -> CitizenFormPage.Choices {
        let county = staff.account.unit.county ?? staff.scopeRoot
        let places = try await PlaceChoices.subtree(county, on: db)
        let arranged = { (levels: Set<DivisionLevel>) in
            PlaceChooser.arranged(PlaceChooser.grouped(places, offering: levels), for: staff.ownDivision)
        }
        // The household registration may be known only to the county or township; the residence is a village or community.
        return CitizenFormPage.Choices(hukou: arranged([.county, .township, .village, .community]), residence: arranged([.village, .community]))
    }

    /// A new registration starts at the user's own village or community for both places: most people registered at
    /// a village point live and are registered there. A refused form keeps what was submitted instead.
    static func preselected(_ draft: CitizenDraft, choices: CitizenFormPage.Choices, for staff: SignedInStaff) -> CitizenDraft {
        var draft = draft
        draft.hukouDivision = PlaceChooser.initial(draft.hukouDivision, operatorDivision: staff.ownDivision, offered: choices.hukou)
        draft.residenceDivision = PlaceChooser.initial(draft.residenceDivision, operatorDivision: staff.ownDivision, offered: choices.residence)
        return draft
    }
}

extension CitizenFormPage {
    /// - Parameter fresh: a new form, whose empty places take the user's own village (`CitizenFormQuery.preselected`);
    ///   a refused one is shown exactly as it was submitted.
    static func respond(
        _ req: Request, draft: CitizenDraft, errors: FieldErrors, notice: String?, status: HTTPStatus, fresh: Bool = false
    ) async throws -> Response {
        let staff = try req.requireStaff()
        let choices = try await CitizenFormQuery.choices(for: staff, on: req.db)
        let shown = fresh ? CitizenFormQuery.preselected(draft, choices: choices, for: staff) : draft
        return HTMLResponse.make(render(draft: shown, errors: errors, notice: notice, choices: choices, context: CitizensController.searchContext(req)),
                                 status: status)
    }
}
