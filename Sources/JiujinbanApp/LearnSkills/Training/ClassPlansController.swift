import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 开班计划: the classes a county's institution plans, entered and corrected by the county business admin. Checked by
/// `ClassPlanDraft.parse` against the classification and the institution's approvals; an edit may not plan fewer
/// places than the people item 19 has already enrolled.
enum ClassPlansController {
    static func register(_ app: Application) {
        app.get(.newClassPlan(institution: UUID()), .capability(.manageTraining), use: new)
        app.post(.classPlans(institution: UUID()), .capability(.manageTraining), use: create)
        app.get(.editClassPlan(id: UUID()), .capability(.manageTraining), use: edit)
        app.post(.classPlan(id: UUID()), .capability(.manageTraining), use: update)
    }

    struct Form: Content {
        var occupation: String?
        var level: String?
        var starts: String?
        var ends: String?
        var place: String?
        var capacity: String?
        var enrolled: String?

        var typed: ClassPlanForm {
            ClassPlanForm(occupation: occupation ?? "", level: level ?? "", starts: starts ?? "", ends: ends ?? "", place: place ?? "",
                          capacity: capacity ?? "", enrolled: enrolled ?? "")
        }
    }

    @Sendable static func new(_ req: Request) async throws -> Response {
        let institution = try await TrainingRegistryQueries.ownInstitution(req)
        // Most classes are held at the institution.
        let form = ClassPlanForm(place: institution.address, enrolled: "0")
        return try await page(req, institution, form: form, editing: nil, errors: FieldErrors(), status: .ok)
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let (plan, institution) = try await ownPlan(req)
        let form = ClassPlanForm(occupation: plan.occupationCode, level: String(plan.level), starts: plan.startsOn, ends: plan.endsOn,
                                 place: plan.place, capacity: String(plan.capacity), enrolled: String(plan.enrolled))
        return try await page(req, institution, form: form, editing: try plan.requireID(), errors: FieldErrors(), status: .ok)
    }

    static func page(_ req: Request, _ institution: TrainingInstitutionRecord, form: ClassPlanForm, editing: UUID?, errors: FieldErrors,
                     status: HTTPStatus) async throws -> Response {
        let id = try institution.requireID()
        let approvals = try await TrainingRegistryQueries.approvals(of: [id], on: req.db)[id] ?? []
        let names = try await TrainingRegistryQueries.occupationNames(approvals.map(\.occupationCode), on: req.db)
        let occupations = Array(Set(approvals.map(\.occupationCode))).sorted().map { FormFields.Option(value: $0, label: "\($0) \(names[$0] ?? "")") }
        let heading = ClassPlanPages.Heading(institutionID: id, institutionName: institution.name,
                                             approvals: TrainingRegistryQueries.approvalLabels(approvals, names: names))
        return HTMLResponse.make(ClassPlanPages.form(form, heading: heading, editing: editing, occupations: occupations, errors: errors,
                                                     context: PageContext(req)), status: status)
    }

    /// The form through the rules, with the institution's approvals and, for an edit, the enrolments already made.
    static func validate(_ req: Request, _ institution: TrainingInstitutionRecord, editing: UUID?) async throws -> Result<ClassPlanDraft, FieldErrors> {
        let form = try req.content.decode(Form.self).typed
        let id = try institution.requireID()
        let approvals = Set((try await TrainingRegistryQueries.approvals(of: [id], on: req.db)[id] ?? []).compactMap { record in
            SkillLevel(rawValue: record.level).map { ClassPlanDraft.Approval(occupationCode: record.occupationCode, level: $0) }
        })
        let parsed = ClassPlanDraft.parse(
            occupation: form.occupation, level: form.level, starts: form.starts, ends: form.ends, place: form.place, capacity: form.capacity,
            enrolled: form.enrolled, classification: try await TrainingRegistryQueries.classification(on: req.db), approvals: approvals)
        guard case .success(let draft) = parsed, let editing, let stored = try await ClassPlanRecord.find(editing, on: req.db) else { return parsed }
        let problem = try await editProblems(draft, stored: stored, on: req.db)
        return problem.isEmpty ? parsed : .failure(problem)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let institution = try await TrainingRegistryQueries.ownInstitution(req)
        let draft: ClassPlanDraft
        switch try await validate(req, institution, editing: nil) {
        case .success(let value): draft = value
        case .failure(let errors):
            return try await page(req, institution, form: try req.content.decode(Form.self).typed, editing: nil, errors: errors,
                                  status: .unprocessableEntity)
        }
        let id = UUID(), institutionID = try institution.requireID(), now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = ClassPlanRecord()
            record.id = id
            record.institutionID = institutionID
            record.countyCode = institution.countyCode
            record.apply(draft)
            record.createdBy = staff.account.id
            record.createdAt = now
            try await record.create(on: db)
            try await req.audit(AuditEvent("class_plan.create", objectType: "class_plan", objectID: id.uuidString,
                                           detail: "\(institution.name)：\(summary(draft))"), on: db)
        }
        return HTMLResponse.seeOther(.trainingInstitution(id: institutionID), notice: TrainingNotices.planCreated, on: req)
    }

    @Sendable static func update(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (plan, institution) = try await ownPlan(req)
        let id = try plan.requireID()
        let draft: ClassPlanDraft
        switch try await validate(req, institution, editing: id) {
        case .success(let value): draft = value
        case .failure(let errors):
            return try await page(req, institution, form: try req.content.decode(Form.self).typed, editing: id, errors: errors,
                                  status: .unprocessableEntity)
        }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            guard let record = try await ClassPlanRecord.find(id, on: db) else { throw PublicError.notFound("该开班计划") }
            // Counted again inside the write: an enrolment or notice made since the form was checked still holds.
            let problem = try await editProblems(draft, stored: record, on: db)
            if let message = problem.problems.first?.message { throw PublicError(.conflict, message) }
            record.apply(draft)
            record.updatedBy = staff.account.id
            record.updatedAt = now
            try await record.update(on: db)
            try await req.audit(AuditEvent("class_plan.update", objectType: "class_plan", objectID: id.uuidString,
                                           detail: "\(institution.name)：\(summary(draft))"), on: db)
        }
        return HTMLResponse.seeOther(.trainingInstitution(id: plan.institutionID), notice: TrainingNotices.planUpdated, on: req)
    }

    /// What the plan's places through item 19 forbid of the edit (`ClassPlanDraft.editProblems`).
    static func editProblems(_ draft: ClassPlanDraft, stored: ClassPlanRecord, on db: any Database) async throws -> FieldErrors {
        let id = try stored.requireID()
        let places = try await TrainingEnrolmentRecord.query(on: db).filter(\.$planID == id).count()
        let kept = ClassPlanDraft.Approval(occupationCode: stored.occupationCode, level: SkillLevel(rawValue: stored.level) ?? draft.level)
        return ClassPlanDraft.editProblems(draft, enrolledThroughPlatform: try await TrainingRegistryQueries.platformEnrolments(plan: id, on: db),
                                           hasPlaces: places > 0, stored: kept)
    }

    static func summary(_ draft: ClassPlanDraft) -> String {
        "\(draft.occupationCode) \(draft.level.chinese)，\(draft.starts.iso)至\(draft.ends.iso)，计划\(draft.capacity)人，已报名\(draft.enrolled)人"
    }

    /// The plan of the path and its institution, refused (403, audited) when another county keeps it.
    static func ownPlan(_ req: Request) async throws -> (ClassPlanRecord, TrainingInstitutionRecord) {
        let county = try TrainingRegistryQueries.county(of: try req.requireStaff())
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let plan = try await ClassPlanRecord.find(id, on: req.db),
              let institution = try await TrainingInstitutionRecord.find(plan.institutionID, on: req.db) else {
            throw PublicError.notFound("该开班计划")
        }
        guard plan.countyCode == county.value else {
            throw OutOfScope("该开班计划", objectType: "class_plan", id: id, answer: PublicError(.forbidden, "只能维护本县培训机构的开班计划"))
        }
        return (plan, institution)
    }
}

extension ClassPlanRecord {
    /// Writes the validated fields; the institution, county, who and when are the caller's.
    func apply(_ draft: ClassPlanDraft) {
        occupationCode = draft.occupationCode
        level = draft.level.rawValue
        startsOn = draft.starts.iso
        endsOn = draft.ends.iso
        place = draft.place
        capacity = draft.capacity
        enrolled = draft.enrolled
    }
}
