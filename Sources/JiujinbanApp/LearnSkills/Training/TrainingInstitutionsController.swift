import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 培训机构: a county business admin keeps the county's training institutions and what each is approved to teach
/// (培训资质, occupation and level). Another county's institution, or any of them for a city's or the province's
/// admin, is refused (403, audited).
enum TrainingInstitutionsController {
    static let maximumApprovalRows = 30

    static func register(_ app: Application) {
        app.get(.trainingInstitutions, .capability(.manageTraining), use: index)
        app.get(.newTrainingInstitution, .capability(.manageTraining), use: new)
        app.post(.trainingInstitutions, .capability(.manageTraining), use: create)
        app.get(.trainingInstitution(id: UUID()), .capability(.manageTraining), use: show)
        app.get(.editTrainingInstitution(id: UUID()), .capability(.manageTraining), use: edit)
        app.post(.trainingInstitution(id: UUID()), .capability(.manageTraining), use: update)
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let county = try TrainingRegistryQueries.county(of: try req.requireStaff())
        let lines = try await TrainingRegistryQueries.list(county: county, today: req.jiujinban.clock.today, on: req.db)
        return HTMLResponse.make(TrainingInstitutionPages.index(lines, context: PageContext(req)))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let institution = try await TrainingRegistryQueries.ownInstitution(req)
        return HTMLResponse.make(TrainingInstitutionPages.show(try await TrainingRegistryQueries.view(institution, on: req.db),
                                                               context: PageContext(req)))
    }

    @Sendable static func new(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        _ = try TrainingRegistryQueries.county(of: staff)
        return HTMLResponse.make(TrainingInstitutionPages.form(TrainingInstitutionForm(), editing: nil, choices: try await
            TrainingRegistryQueries.choices(for: staff, on: req.db), errors: FieldErrors(), context: PageContext(req)))
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let institution = try await TrainingRegistryQueries.ownInstitution(req)
        return HTMLResponse.make(TrainingInstitutionPages.form(
            try await TrainingRegistryQueries.form(institution, on: req.db), editing: try institution.requireID(),
            choices: try await TrainingRegistryQueries.choices(for: try req.requireStaff(), on: req.db), errors: FieldErrors(),
            context: PageContext(req)))
    }

    struct Form: Content {
        var name: String?
        var credit_code: String?
        var division: String?
        var address: String?
        var longitude: String?
        var latitude: String?
        var subsidised: String?
        var contact_phone: String?
        /// Rows by their form index (`approvals[0][occupation]`).
        var approvals: [String: ApprovalRow]?
        /// Set by the 增加一行 button: the form again with one more blank row, nothing saved.
        var more: String?

        struct ApprovalRow: Content {
            var occupation: String?
            var level: String?
        }

        var typed: TrainingInstitutionForm {
            let rows = (approvals ?? [:]).compactMap { key, row in Int(key).map { ($0, row) } }.sorted { $0.0 < $1.0 }.map(\.1)
            return TrainingInstitutionForm(
                name: name ?? "", creditCode: credit_code ?? "", division: division ?? "", address: address ?? "",
                longitude: longitude ?? "", latitude: latitude ?? "", subsidised: subsidised == "1", contactPhone: contact_phone ?? "",
                approvals: rows.map { .init(occupation: $0.occupation ?? "", level: $0.level ?? "") }
                    .filter { !$0.occupation.isEmpty || !$0.level.isEmpty })
        }
    }

    enum Outcome {
        case valid(TrainingInstitutionDraft)
        case shown(Response)
    }

    /// The typed form through `TrainingInstitutionDraft.parse`, and the county's other institutions for the credit
    /// code; a refused form (or one asking for another row) is shown again with what was typed.
    static func validate(_ req: Request, editing: UUID?) async throws -> Outcome {
        let staff = try req.requireStaff()
        let county = try TrainingRegistryQueries.county(of: staff)
        let decoded = try req.content.decode(Form.self)
        let form = decoded.typed
        func again(_ errors: FieldErrors, rows extra: Int = 0) async throws -> Outcome {
            var shown = form
            shown.approvals += Array(repeating: .init(), count: extra)
            let page = TrainingInstitutionPages.form(shown, editing: editing, choices: try await TrainingRegistryQueries.choices(for: staff, on: req.db),
                                                     errors: errors, context: PageContext(req))
            return .shown(HTMLResponse.make(page, status: errors.isEmpty ? .ok : .unprocessableEntity))
        }
        if decoded.more == "1" { return try await again(FieldErrors(), rows: form.approvals.count < maximumApprovalRows ? 1 : 0) }
        var errors = FieldErrors()
        if form.approvals.count > maximumApprovalRows {
            errors.add("approvals", "培训资质：一次最多登记\(maximumApprovalRows)项")
            return try await again(errors)
        }
        let parsed = TrainingInstitutionDraft.parse(
            name: form.name, creditCode: form.creditCode, division: form.division, address: form.address, longitude: form.longitude,
            latitude: form.latitude, approvals: form.approvals.map { ($0.occupation, $0.level) }, subsidised: form.subsidised,
            contactPhone: form.contactPhone, county: county, classification: try await TrainingRegistryQueries.classification(on: req.db))
        switch parsed {
        case .failure(let found): return try await again(found)
        case .success(let draft):
            var query = TrainingInstitutionRecord.query(on: req.db).filter(\.$countyCode == county.value)
                .filter(\.$creditCode == draft.creditCode.value)
            if let editing { query = query.filter(\.$id != editing) }
            if let existing = try await query.first() {
                errors.add("credit_code", "统一社会信用代码：本县已登记该代码的培训机构“\(existing.name)”，请在培训机构列表中查找")
                return try await again(errors)
            }
            return .valid(draft)
        }
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try TrainingRegistryQueries.county(of: staff)
        let draft: TrainingInstitutionDraft
        switch try await validate(req, editing: nil) {
        case .valid(let value): draft = value
        case .shown(let page): return page
        }
        let id = UUID(), now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = TrainingInstitutionRecord()
            record.id = id
            record.countyCode = county.value
            record.apply(draft)
            record.createdBy = staff.account.id
            record.createdAt = now
            try await record.create(on: db)
            try await replaceApprovals(of: id, with: draft.approvals, on: db)
            try await req.audit(AuditEvent("training_institution.create", objectType: "training_institution", objectID: id.uuidString,
                                           detail: "\(draft.name)（\(draft.creditCode.value)），培训资质\(draft.approvals.count)项"), on: db)
        }
        return HTMLResponse.seeOther(.trainingInstitution(id: id), notice: TrainingNotices.institutionCreated, on: req)
    }

    @Sendable static func update(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let id = try await TrainingRegistryQueries.ownInstitution(req).requireID()
        let draft: TrainingInstitutionDraft
        switch try await validate(req, editing: id) {
        case .valid(let value): draft = value
        case .shown(let page): return page
        }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            guard let record = try await TrainingInstitutionRecord.find(id, on: db) else { throw PublicError.notFound("该培训机构") }
            record.apply(draft)
            record.updatedBy = staff.account.id
            record.updatedAt = now
            try await record.update(on: db)
            try await replaceApprovals(of: id, with: draft.approvals, on: db)
            try await req.audit(AuditEvent("training_institution.update", objectType: "training_institution", objectID: id.uuidString,
                                           detail: "\(draft.name)（\(draft.creditCode.value)），培训资质\(draft.approvals.count)项"), on: db)
        }
        return HTMLResponse.seeOther(.trainingInstitution(id: id), notice: TrainingNotices.institutionUpdated, on: req)
    }

    /// The approvals as the form now lists them, in the institution's transaction. Class plans already made keep
    /// their occupation and level: an approval withdrawn later does not undo a class that was allowed.
    static func replaceApprovals(of institution: UUID, with approvals: Set<ClassPlanDraft.Approval>, on db: any Database) async throws {
        try await TrainingApprovalRecord.query(on: db).filter(\.$institutionID == institution).delete()
        for approval in approvals.sorted(by: { ($0.occupationCode, $0.level.rawValue) < ($1.occupationCode, $1.level.rawValue) }) {
            let record = TrainingApprovalRecord()
            record.id = UUID()
            record.institutionID = institution
            record.occupationCode = approval.occupationCode
            record.level = approval.level.rawValue
            try await record.create(on: db)
        }
    }
}

extension TrainingInstitutionRecord {
    /// Writes the validated fields (a new institution or an edit); the county, who and when are the caller's.
    func apply(_ draft: TrainingInstitutionDraft) {
        name = draft.name
        creditCode = draft.creditCode.value
        divisionCode = draft.division.value
        address = draft.address
        longitude = draft.location?.longitude
        latitude = draft.location?.latitude
        subsidised = draft.subsidised
        contactPhone = draft.contactPhone.text
    }
}
