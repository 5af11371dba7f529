import Fluent
import JiujinbanRules
import Vapor

/// 服务点: list, detail, create, edit, disable and enable.
enum ServicePointsController {
    static func register(_ app: Application) {
        app.get(.servicePoints(), .capability(.viewServicePoints), use: index)
        app.get(.newServicePoint, .capability(.manageServicePoints), use: newForm)
        app.post(.createServicePoint, .capability(.manageServicePoints), use: create)
        app.get(.servicePoint(id: UUID()), .capability(.viewServicePoints), use: show)
        app.get(.editServicePoint(id: UUID()), .capability(.manageServicePoints), use: editForm)
        app.post(.updateServicePoint(id: UUID()), .capability(.manageServicePoints), use: update)
        app.post(.disableServicePoint(id: UUID()), .capability(.manageServicePoints), use: disable)
        app.post(.enableServicePoint(id: UUID()), .capability(.manageServicePoints), use: enable)
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        var filter = ServicePointListPage.filter(from: req)
        // Narrow every filter to the account's own subtree (S13): a wider or foreign scope falls back to its own.
        if let scope = filter.scope, staff.sees(division: scope) {} else { filter.scope = staff.scopeRoot }
        if let township = filter.township, !staff.sees(division: township) { filter.township = nil }
        filter.onlyPoint = staff.ownServicePoint
        let (points, total) = try await ServicePointQueries.list(filter, on: req.db)
        let townships = try await DivisionQueries.descendants(of: filter.scope, level: .township, on: req.db)
        let model = ServicePointListPage.Model(filter: filter, points: points, total: total, townships: townships)
        return HTMLResponse.make(ServicePointListPage.render(model, context: PageContext(req)))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let point = try await load(req)
        let ancestry = try await DivisionQueries.ancestry(of: point.divisionCode, on: req.db)
        let page = ServicePointDetailPage.render(
            point, ancestry: ancestry, disableErrors: FieldErrors(), today: req.jiujinban.clock.today, context: PageContext(req))
        return HTMLResponse.make(page)
    }

    @Sendable static func newForm(_ req: Request) async throws -> Response {
        let division = try? req.query.get(String.self, at: "division")
        return try await ServicePointFormPage.respond(req, editing: nil, form: ServicePointForm(divisionCode: division),
                                                      errors: FieldErrors(), status: .ok)
    }

    @Sendable static func editForm(_ req: Request) async throws -> Response {
        let point = try await load(req)
        return try await ServicePointFormPage.respond(req, editing: point, form: point.form, errors: FieldErrors(), status: .ok)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ServicePointFormInput.self).form
        switch try await validate(form, editing: nil, staff: try req.requireStaff(), on: req.db) {
        case .failure(let errors):
            return try await ServicePointFormPage.respond(req, editing: nil, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let draft):
            do {
                let id = try await req.write { db in
                    let point = ServicePoint(code: try await ServicePointQueries.nextCode(in: draft.divisionCode, on: db), draft: draft)
                    try await point.create(on: db)
                    try await req.audit(AuditEvent("service_point.create", objectType: "service_point",
                                                   objectID: point.code, detail: point.institution), on: db)
                    return try point.requireID()
                }
                return HTMLResponse.seeOther(.servicePoint(id: id), notice: ServicePointNotices.created, on: req)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Another clerk saved a point for the same division a moment ago (the unique index caught it).
                var errors = FieldErrors()
                errors.add("division_code", "该区划刚刚已由他人新增了服务点，请返回列表查看，勿重复新增")
                return try await ServicePointFormPage.respond(req, editing: nil, form: form, errors: errors, status: .conflict)
            }
        }
    }

    @Sendable static func update(_ req: Request) async throws -> Response {
        let existing = try await load(req)
        let form = try req.content.decode(ServicePointFormInput.self).form
        switch try await validate(form, editing: existing.id, staff: try req.requireStaff(), on: req.db) {
        case .failure(let errors):
            return try await ServicePointFormPage.respond(req, editing: existing, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let draft):
            try await req.write { db in
                guard let point = try await ServicePoint.find(existing.id, on: db) else { throw PublicError.notFound("该服务点") }
                point.edit(with: draft)
                try await point.update(on: db)
                try await req.audit(AuditEvent("service_point.update", objectType: "service_point", objectID: point.code), on: db)
            }
            return HTMLResponse.seeOther(.servicePoint(id: existing.id), notice: ServicePointNotices.updated, on: req)
        }
    }

    @Sendable static func disable(_ req: Request) async throws -> Response {
        let existing = try await load(req)
        let input = try req.content.decode(DisableInput.self)
        let today = req.jiujinban.clock.today
        switch ServicePointDisabling.validate(reason: input.reason, date: input.date, today: today) {
        case .failure(let errors):
            let ancestry = try await DivisionQueries.ancestry(of: existing.divisionCode, on: req.db)
            let page = ServicePointDetailPage.render(existing, ancestry: ancestry, disableErrors: errors, today: today,
                                                     typed: (input.reason, input.date), context: PageContext(req))
            return HTMLResponse.make(page, status: .unprocessableEntity)
        case .success(let disabling):
            try await setStatus(existing.id, .disabled, reason: disabling.reason, date: disabling.date.iso, on: req)
            return HTMLResponse.seeOther(.servicePoint(id: existing.id), notice: ServicePointNotices.disabled, on: req)
        }
    }

    @Sendable static func enable(_ req: Request) async throws -> Response {
        let existing = try await load(req)
        try await setStatus(existing.id, .active, reason: nil, date: nil, on: req)
        return HTMLResponse.seeOther(.servicePoint(id: existing.id), notice: ServicePointNotices.enabled, on: req)
    }

    static func setStatus(_ id: UUID, _ status: ServicePointStatus, reason: String?, date: String?, on req: Request) async throws {
        try await req.write { db in
            guard let point = try await ServicePoint.find(id, on: db) else { throw PublicError.notFound("该服务点") }
            point.status = status.rawValue
            point.disabledReason = reason
            point.disabledOn = date
            try await point.update(on: db)
            try await req.audit(AuditEvent(status == .disabled ? "service_point.disable" : "service_point.enable",
                                           objectType: "service_point", objectID: point.code, detail: reason ?? ""), on: db)
        }
    }

    static func load(_ req: Request) async throws -> ServicePointSummary {
        let staff = try req.requireStaff()
        // Another county's point answers exactly like a missing one: nothing leaks (S13); the refusal is audited.
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let point = try await ServicePointQueries.find(id, on: req.db) else {
            throw PublicError.notFound("该服务点")
        }
        guard staff.sees(point) else { throw OutOfScope("该服务点", objectType: "service_point", id: id) }
        return point
    }

    /// The form's own rules, then the one rule that needs the database: a township, village or community has one
    /// service point of its own kind (attachment 2 counts one per division); bank branches may be several.
    static func validate(
        _ form: ServicePointForm, editing: UUID?, staff: SignedInStaff, on db: any Database
    ) async throws -> Result<ServicePointDraft, FieldErrors> {
        let code = TextField.clean(form.divisionCode)
        // A division outside the account's scope is treated as unknown.
        let levels = try await DivisionQueries.levels(of: [code], on: db).filter { entry in
            (try? DivisionCode(entry.key)).map(staff.mayWrite) ?? false
        }
        let result = ServicePointDraft.validate(form) { levels[$0.value] }
        guard case .success(let draft) = result, draft.kind != .bankBranch else { return result }
        let query = ServicePoint.query(on: db)
            .filter(\.$divisionCode == draft.divisionCode.value).filter(\.$kind == draft.kind.rawValue)
        if let editing { query.filter(\.$id != editing) }
        guard let other = try await query.first() else { return result }
        let names = try await ServicePointQueries.names(for: [other], on: db)
        var errors = FieldErrors()
        errors.add("kind", "\(names[other.divisionCode] ?? draft.divisionCode.value)已有\(draft.kind.label)（\(other.institution)），一个区划只设一个")
        return .failure(errors)
    }
}

struct ServicePointFormInput: Content {
    var division_code: String?
    var kind: String?
    var name: String?
    var institution: String?
    var address: String?
    var longitude: String?
    var latitude: String?
    var farthest_km: String?

    var form: ServicePointForm {
        ServicePointForm(divisionCode: division_code, kind: kind, name: name, institution: institution, address: address,
                         longitude: longitude, latitude: latitude, farthestKm: farthest_km)
    }
}

struct DisableInput: Content {
    var reason: String?
    var date: String?
}
