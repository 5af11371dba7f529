import Fluent
import JiujinbanRules
import Vapor

/// The division tree: browse it with counts at each level, and add a division.
enum DivisionsController {
    static func register(_ app: Application) {
        app.get(.divisions, .capability(.viewDivisions), use: index)
        app.get(.newDivision(parent: nil), .capability(.manageDivisions), use: newForm)
        app.post(.createDivision, .capability(.manageDivisions), use: create)
        app.get(.division(code: ""), .capability(.viewDivisions), use: show)
    }

    /// The tree starts at the account's own division (the province for a provincial department).
    @Sendable static func index(_ req: Request) async throws -> Response {
        HTMLResponse.seeOther(.division(code: try req.requireStaff().scopeRoot.value))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let code = req.parameters.get("code"), let parsed = try? DivisionCode(code),
              let division = try await DivisionQueries.find(parsed.value, on: req.db) else {
            throw PublicError.notFound("该行政区划")
        }
        guard staff.sees(division: parsed) else { throw OutOfScope("该行政区划", objectType: "division", objectID: parsed.value) }
        let children = try await DivisionQueries.children(of: division.code, on: req.db)
        var grandchildren: [String: [DivisionSummary]] = [:]
        if division.level == .county {
            for village in try await DivisionQueries.descendants(of: parsed, level: .village, on: req.db)
                + DivisionQueries.descendants(of: parsed, level: .community, on: req.db) {
                grandchildren[village.parentCode ?? "", default: []].append(village)
            }
        }
        let model = DivisionPage.Model(
            division: division,
            ancestry: try await DivisionQueries.ancestry(of: division.code, on: req.db).filter {
                $0.divisionCode.map(staff.sees) ?? false
            },
            totals: try await ServicePointQueries.counts(in: parsed, on: req.db),
            children: try await rows(children, parent: parsed, on: req.db),
            grandchildren: grandchildren.mapValues { $0.sorted { $0.code < $1.code } })
        return HTMLResponse.make(DivisionPage.render(model, context: PageContext(req)))
    }

    /// The children with their service-point counts, from one grouped query over the parent's subtree.
    static func rows(_ children: [DivisionSummary], parent: DivisionCode, on db: any Database) async throws -> [DivisionPage.Row] {
        guard let first = children.first?.divisionCode else { return [] }
        let counts = try await ServicePointQueries.countsByChild(under: parent, childPrefixLength: first.scopePrefix.count, on: db)
        return children.map { child in
            DivisionPage.Row(division: child, counts: counts[child.divisionCode?.scopePrefix ?? ""] ?? ServicePointCounts())
        }
    }

    @Sendable static func newForm(_ req: Request) async throws -> Response {
        let parent = try? req.query.get(String.self, at: "parent")
        let form = DivisionForm(parentCode: parent)
        return try await renderForm(req, form: form, errors: FieldErrors(), status: .ok)
    }

    /// Adds a division under an existing one in the account's own subtree. Roots come only from
    /// `jiujinban divisions import`; `DivisionDraft.validate` says why anything else is refused, and every refusal is
    /// audited with nothing written.
    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(DivisionFormInput.self).form
        let candidates = [form.code, form.parentCode].compactMap { $0 }.map { TextField.clean($0) }
        let known = try await DivisionQueries.levels(of: candidates, on: req.db)
        switch DivisionDraft.validate(form, scope: staff.scope, existingLevel: { known[$0.value] }) {
        case .failure(let refusal):
            return try await refuse(req, form: form, refusal: refusal)
        case .success(let draft):
            do {
                try await req.write { db in
                    try await Division(
                        code: draft.code.value, name: draft.name, shortName: draft.name, level: draft.level,
                        parentCode: draft.parentCode.value, areaCentiKm2: draft.areaCentiKm2,
                        population: draft.population
                    ).create(on: db)
                    try await req.audit(AuditEvent("division.create", objectType: "division", objectID: draft.code.value,
                                                   detail: draft.name), on: db)
                }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Another clerk added the same code a moment ago.
                var errors = FieldErrors()
                errors.add("code", "区划代码 \(draft.code.value) 已存在，不能重复添加")
                return try await refuse(req, form: form, refusal: .invalid(errors))
            }
            return HTMLResponse.seeOther(.division(code: draft.code.value), notice: DivisionNotices.created, on: req)
        }
    }

    /// 403 for what the account may not do at all, 422 for bad input; the form comes back with each field's message.
    static func refuse(_ req: Request, form: DivisionForm, refusal: DivisionRefusal) async throws -> Response {
        let (status, result): (HTTPResponseStatus, AuditResult) = switch refusal {
        case .outOfScope: (.forbidden, .denied)
        case .invalid: (.unprocessableEntity, .failed)
        }
        let typed = AuditDetail.sanitized(TextField.clean(form.code), maximumLength: 20)
        let detail = "\(form.level ?? "")，上级 \(TextField.clean(form.parentCode))：" + refusal.errors.problems.map(\.message).joined(separator: "；")
        try await req.write { db in
            try await req.audit(AuditEvent("division.create", objectType: "division", objectID: typed.isEmpty ? nil : typed,
                                           result: result, detail: detail), on: db)
        }
        return try await renderForm(req, form: form, errors: refusal.errors, status: status)
    }

    static func renderForm(_ req: Request, form: DivisionForm, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let scope = try req.requireStaff().scopeRoot
        let parents = try await Division.query(on: req.db)
            .filter(\.$level ~~ [DivisionLevel.province, .city, .county, .township].map(\.rawValue))
            .filter(\.$id =~ scope.scopePrefix)
            .sort(\.$id).all().map(\.summary)
        let page = DivisionFormPage.render(form: form, errors: errors, parents: parents, context: PageContext(req))
        return HTMLResponse.make(page, status: status)
    }
}

/// The urlencoded form, field names as in the HTML.
struct DivisionFormInput: Content {
    var code: String?
    var name: String?
    var level: String?
    var parent_code: String?
    var area_km2: String?
    var population_wan: String?

    var form: DivisionForm {
        DivisionForm(code: code, name: name, level: level, parentCode: parent_code, areaKm2: area_km2, populationWan: population_wan)
    }
}
