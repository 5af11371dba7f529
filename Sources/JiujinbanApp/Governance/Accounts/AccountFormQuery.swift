import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// The account pages' use cases: the units an administrator may open accounts in, and which of a person's accounts
/// the administrator manages. The pages (`AccountPages.swift`) render what these return.
enum AccountFormQuery {
    /// The departments first, then the service points by township (a county has 170 of them), the same grouped
    /// chooser as the places at the counter (`GroupedChoices`).
    static func units(in root: DivisionCode, on db: any Database) async throws -> GroupedChoices {
        let units = try await AccountQueries.units(in: root, on: db)
        let townships = try await Division.query(on: db).filter(\.$level == DivisionLevel.township.rawValue)
            .filter(\.$id =~ root.scopePrefix).all()
        let names = Dictionary(townships.compactMap { division in division.id.map { ($0, division.name) } },
                               uniquingKeysWith: { first, _ in first })
        // The points come in division-code order, so their townships do too.
        return GroupedChoices.grouping(units, group: { element in
            guard case .servicePoint(_, _, let code) = element.unit, let township = code.ancestor(atDepth: 3)?.value else { return nil }
            return (township, (names[township] ?? township) + " 服务点")
        }, choice: { GroupedChoices.Choice(value: AccountRecord.key(of: $0.unit), label: $0.name) })
    }

    /// Only accounts the administrator manages link to their page.
    static func manageable(_ person: PersonAccounts.Listing?, by staff: SignedInStaff) -> Set<UUID> {
        Set((person?.accounts ?? []).filter { staff.mayWrite(in: $0.account.unit.divisionCode) }.map(\.account.id))
    }
}

extension AccountFormPage {
    /// - Parameters:
    ///   - person: the person the ID number typed belongs to, listed with their accounts (any unit, masked).
    ///   - lookedUp: the page answers "查询此人已有账号", so an unknown number is said to be one.
    static func respond(
        _ req: Request, form: AccountsController.NewAccountForm, errors: FieldErrors, status: HTTPResponseStatus,
        person: PersonAccounts.Listing? = nil, lookedUp: Bool = false
    ) async throws -> Response {
        let staff = try req.requireStaff()
        let units = try await AccountFormQuery.units(in: staff.scopeRoot, on: req.db)
        let page = render(form: form, errors: errors, units: units, person: person,
                          manageable: AccountFormQuery.manageable(person, by: staff), lookedUp: lookedUp, context: PageContext(req))
        return HTMLResponse.make(page, status: status)
    }
}

extension AccountDetailPage {
    static func respond(_ req: Request, _ summary: AccountSummary, errors: FieldErrors, typed: Typed = Typed(),
                        status: HTTPResponseStatus) async throws -> Response {
        HTMLResponse.make(render(summary, errors: errors, typed: typed, catalogue: req.jiujinban.catalogue, context: PageContext(req)),
                          status: status)
    }
}
