import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 政策参数: the list, one figure's page, adding a successor, and confirming or correcting a 待核实 row. Thin: each handler
/// authorizes, calls a use case and renders; a refused form comes back (422) with its problems and nothing written.
enum PolicyFiguresController {
    static func register(_ app: Application) {
        app.get(.policyFigures, .capability(.viewPolicyFigures), use: index)
        app.get(.policyFigure(.centralBasicPension, county: nil), .capability(.viewPolicyFigures), use: show)
        app.post(.addPolicyFigureSuccessor, .capability(.managePolicyFigures), use: addSuccessor)
        app.post(.confirmPolicyFigure, .capability(.managePolicyFigures), use: confirm)
        app.post(.correctPolicyFigure, .capability(.managePolicyFigures), use: correct)
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        return HTMLResponse.make(PolicyFiguresPage.render(try await PolicyFiguresQuery.list(req: req, staff: staff), context: PageContext(req)))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let key = req.parameters.get("key").flatMap(PolicyFigureKey.init(rawValue:)) else { throw PublicError.notFound("该政策参数") }
        let county = try countyParameter(of: key, query: req.query[String.self, at: "county"])
        let figure = try await PolicyFiguresQuery.figure(key, county: county, req: req, staff: staff)
        let typed = PolicyFigurePage.Typed(confirming: req.query[String.self, at: "confirm"].flatMap(UUID.init(uuidString:)),
                                           correcting: req.query[String.self, at: "correct"].flatMap(UUID.init(uuidString:)))
        return HTMLResponse.make(PolicyFigurePage.render(figure, typed: typed, context: PageContext(req)))
    }

    /// The county of a link: none for a provincial figure, a county code for a county's (anything else: no page).
    static func countyParameter(of key: PolicyFigureKey, query: String?) throws -> DivisionCode? {
        switch key.definition.scope {
        case .province: return nil
        case .county:
            guard let code = query.flatMap({ try? DivisionCode.county($0) }), code.depth == 2 else { throw PublicError.notFound("该政策参数") }
            return code
        }
    }

    @Sendable static func addSuccessor(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(PolicyFigureChanges.SuccessorForm.self)
        let typed = PolicyFigurePage.Typed(validFrom: form.valid_from ?? "", value: form.value ?? "", source: form.source ?? "")
        guard let key = PolicyFigureKey(rawValue: form.key) else { throw PublicError.notFound("该政策参数") }
        let target: PolicyFigureChanges.Target
        switch try await PolicyFigureChanges.target(key: key, county: form.county ?? "", on: req.db) {
        case .success(let found): target = found
        case .failure(let errors): return try await refusedTarget(req, staff: staff, key: key, typed: typed, errors: errors)
        }
        try PolicyFigureChanges.authorize(staff, target.key, county: target.county)
        switch try await PolicyFigureChanges.addSuccessor(form, target: target, by: staff, req: req) {
        case .success:
            req.forgetPolicyFigures()
            return HTMLResponse.seeOther(.policyFigure(target.key, county: target.county), notice: PolicyFigureNotices.succeeded, on: req)
        case .failure(let errors):
            let figure = try await PolicyFiguresQuery.figure(target.key, county: target.county, req: req, staff: staff)
            return HTMLResponse.make(PolicyFigurePage.render(figure, typed: typed, errors: errors, context: PageContext(req)),
                                     status: .unprocessableEntity)
        }
    }

    /// A successor whose county is refused (unknown, or given for a provincial figure): there is no page of that
    /// county's figure to draw the form on, so the user's own one (the province's for a provincial figure) with the
    /// problem; a user with no county of their own gets the problem alone.
    static func refusedTarget(_ req: Request, staff: SignedInStaff, key: PolicyFigureKey, typed: PolicyFigurePage.Typed,
                              errors: FieldErrors) async throws -> Response {
        let own = key.definition.scope == .province ? nil : staff.account.unit.county
        guard key.definition.scope == .province || own != nil else {
            throw PublicError(.unprocessableEntity, errors.problems.map(\.message).joined(separator: "；"))
        }
        let figure = try await PolicyFiguresQuery.figure(key, county: own, req: req, staff: staff)
        return HTMLResponse.make(PolicyFigurePage.render(figure, typed: typed, errors: errors, context: PageContext(req)),
                                 status: .unprocessableEntity)
    }

    /// The row a confirmation or correction names, once the user may see it and change its figure (refusals audited).
    static func changeableRow(_ id: UUID, req: Request, staff: SignedInStaff) async throws -> PolicyFigureRow {
        guard let row = try await req.policyFigures().row(id: id) else { throw PublicError.notFound("该政策参数") }
        if let county = row.county, !PolicyFigureAccess.mayRead(county: county, from: staff.account.unit) {
            throw OutOfScope("该政策参数", objectType: "policy_figure", id: row.id)
        }
        try PolicyFigureChanges.authorize(staff, row.key, county: row.county)
        return row
    }

    @Sendable static func confirm(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(PolicyFigureChanges.ConfirmForm.self)
        let row = try await changeableRow(form.row, req: req, staff: staff)
        return try await answer(try await PolicyFigureChanges.confirm(form, row: row, by: staff, req: req), row: row, notice: PolicyFigureNotices.confirmed,
                                typed: PolicyFigurePage.Typed(value: form.confirm_value ?? "", source: form.confirm_source ?? "", confirming: row.id),
                                staff: staff, req: req)
    }

    @Sendable static func correct(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(PolicyFigureChanges.CorrectForm.self)
        let row = try await changeableRow(form.row, req: req, staff: staff)
        return try await answer(try await PolicyFigureChanges.correct(form, row: row, by: staff, req: req), row: row, notice: PolicyFigureNotices.corrected,
                                typed: PolicyFigurePage.Typed(value: form.correct_value ?? "", source: form.correct_source ?? "", correcting: row.id),
                                staff: staff, req: req)
    }

    /// What a confirmation or a correction of `row` answers: the figure's page with its notice, or the page again
    /// with what was typed and its problems.
    static func answer(_ result: Result<UUID, FieldErrors>, row: PolicyFigureRow, notice: PageNotice, typed: PolicyFigurePage.Typed,
                       staff: SignedInStaff, req: Request) async throws -> Response {
        switch result {
        case .success:
            req.forgetPolicyFigures()
            return HTMLResponse.seeOther(.policyFigure(row.key, county: row.county), notice: notice, on: req)
        case .failure(let errors):
            let figure = try await PolicyFiguresQuery.figure(row.key, county: row.county, req: req, staff: staff)
            return HTMLResponse.make(PolicyFigurePage.render(figure, typed: typed, errors: errors, context: PageContext(req)),
                                     status: .unprocessableEntity)
        }
    }
}
