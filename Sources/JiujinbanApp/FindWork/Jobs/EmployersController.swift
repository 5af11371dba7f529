import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 用人单位 and their fixed-job postings, recorded by the operators of a county for its employers. Postings are
/// public to every post that serves or supervises (item 3's search); entering and closing them stays in the county.
enum EmployersController {
    static func register(_ app: Application) {
        // The county's business admin reads the register it supervises; only the points record employers.
        app.get(.employers(), .anyOf([.registerEmployers, .manageEmploymentDirectories]), use: index)
        app.get(.newEmployer, .capability(.registerEmployers), use: new)
        app.post(.employers(), .capability(.registerEmployers), use: create)
        app.get(.employer(id: UUID()), .capability(.searchEmploymentDirectories), use: show)
        app.get(.newJobPosting(employer: UUID()), .capability(.registerEmployers), use: newPosting)
        app.post(.newJobPosting(employer: UUID()), .capability(.registerEmployers), use: createPosting)
        app.post(.closeJobPosting(id: UUID()), .capability(.registerEmployers), use: closePosting)
    }

    /// The county an operator records employers for.
    static func county(of staff: SignedInStaff) -> DivisionCode { staff.county }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let query = TextField.clean(try? req.query.get(String.self, at: "q"))
        var builder = EmployerRecord.query(on: req.db).filter(\.$divisionCode >= county(of: staff).scopePrefix)
            .filter(\.$divisionCode < county(of: staff).scopePrefix + "a")
        if !query.isEmpty {
            let code = query.uppercased()
            builder = builder.group(.or) { $0.filter(\.$name, .contains(inverse: false, .anywhere), query).filter(\.$creditCode == code) }
        }
        let employers = try await builder.sort(\.$createdAt, .descending).limit(200).all()
        return HTMLResponse.make(EmployerPages.index(try employers.map(JobQueries.employer), query: query, context: PageContext(req)))
    }

    @Sendable static func new(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let places = try await places(for: staff, on: req.db)
        // A new employer is most often in the operator's own village.
        let draft = EmployerDraft(division: PlaceChooser.initial(nil, operatorDivision: staff.ownDivision, offered: places))
        return HTMLResponse.make(EmployerPages.form(draft, errors: FieldErrors(), divisions: places, context: PageContext(req)))
    }

    struct EmployerForm: Content {
        var name: String?
        var credit_code: String?
        var division: String?
        var address: String?
        var contact_name: String?
        var contact_phone: String?
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(EmployerForm.self)
        let draft = EmployerDraft(name: form.name, creditCode: form.credit_code, division: form.division, address: form.address,
                                  contactName: form.contact_name, contactPhone: form.contact_phone)
        var facts: EmployerDraft.Facts?
        var errors = FieldErrors()
        switch draft.validate(within: county(of: staff)) {
        case .success(let value): facts = value
        case .failure(let found): errors = found
        }
        if let facts, let existing = try await EmployerRecord.query(on: req.db).filter(\.$creditCode == facts.creditCode.value).first() {
            errors.add("credit_code", "该统一社会信用代码已登记为“\(existing.name)”，请在用人单位列表中查找")
        }
        guard errors.isEmpty, let facts else {
            return HTMLResponse.make(EmployerPages.form(draft, errors: errors, divisions: try await places(for: staff, on: req.db),
                                                        context: PageContext(req)), status: .unprocessableEntity)
        }
        let id = UUID(), now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = EmployerRecord()
            record.id = id
            record.name = facts.name
            record.creditCode = facts.creditCode.value
            record.divisionCode = facts.division.value
            record.address = facts.address
            record.contactName = facts.contactName
            record.contactPhone = facts.contactPhone
            record.createdBy = staff.account.id
            record.createdAt = now
            try await record.create(on: db)
            try await req.audit(AuditEvent("employer.create", objectType: "employer", objectID: id.uuidString, detail: facts.name), on: db)
        }
        return HTMLResponse.seeOther(.employer(id: id), notice: EmployerNotices.registered, on: req)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let employer = try await loadEmployer(req)
        let postings = try await JobPostingRecord.query(on: req.db).filter(\.$employerID == employer.requireID())
            .sort(\.$revision, .descending).limit(200).all()
        let division = try await DivisionNames.path(employer.divisionCode, on: req.db)
        let manages = staff.may(.registerEmployers) && ownsEmployer(employer, staff)
        let view = try JobQueries.employerPage(employer, division: division, postings: postings, manages: manages,
                                               today: req.jiujinban.clock.today)
        return HTMLResponse.make(EmployerPages.show(view, context: PageContext(req)))
    }

    static func ownsEmployer(_ employer: EmployerRecord, _ staff: SignedInStaff) -> Bool {
        (try? DivisionCode(employer.divisionCode)).map { county(of: staff).contains($0) } ?? false
    }

    static func loadEmployer(_ req: Request) async throws -> EmployerRecord {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let employer = try await EmployerRecord.find(id, on: req.db) else {
            throw PublicError.notFound("该用人单位")
        }
        return employer
    }

    /// An employer outside the operator's county answers as missing to its posting form.
    static func loadOwnEmployer(_ req: Request, _ staff: SignedInStaff) async throws -> EmployerRecord {
        let employer = try await loadEmployer(req)
        guard ownsEmployer(employer, staff) else {
            throw OutOfScope("该用人单位", objectType: "employer", id: try employer.requireID())
        }
        return employer
    }

    @Sendable static func newPosting(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let employer = try await loadOwnEmployer(req, staff)
        let draft = JobPostingDraft(workplace: employer.divisionCode, address: employer.address,
                                    validUntil: req.jiujinban.clock.today.adding(days: 90).iso)
        return try await postingForm(req, employer, draft: draft, title: "", errors: FieldErrors(), status: .ok)
    }

    static func postingForm(_ req: Request, _ employer: EmployerRecord, draft: JobPostingDraft, title: String, errors: FieldErrors,
                            status: HTTPStatus) async throws -> Response {
        let staff = try req.requireStaff()
        return HTMLResponse.make(EmployerPages.postingForm(
            try JobQueries.employer(employer), draft: draft, title: title, errors: errors, occupations: try await OccupationStore.grouped(on: req.db),
            divisions: try await places(for: staff, on: req.db), context: PageContext(req)), status: status)
    }

    struct PostingForm: Content {
        var title: String?
        var occupation: String?
        var headcount: String?
        var wage_min: String?
        var wage_max: String?
        var education: String?
        var age_min: String?
        var age_max: String?
        var workplace: String?
        var address: String?
        var hours: String?
        var valid_until: String?
    }

    @Sendable static func createPosting(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let employer = try await loadOwnEmployer(req, staff)
        let form = try req.content.decode(PostingForm.self)
        let draft = JobPostingDraft(occupation: form.occupation, headcount: form.headcount, wageMinimum: form.wage_min, wageMaximum: form.wage_max,
                                    education: form.education, ageMinimum: form.age_min, ageMaximum: form.age_max, workplace: form.workplace,
                                    address: form.address, hours: form.hours, validUntil: form.valid_until)
        let today = req.jiujinban.clock.today
        var errors = FieldErrors()
        let title = TextField.required(form.title, field: "title", label: "岗位名称", maxLength: 40, into: &errors)
        let occupations = Set(try await OccupationStore.all(on: req.db).map(\.code))
        var facts: JobPostingDraft.Facts?
        switch draft.validate(today: today, occupations: occupations, within: county(of: staff)) {
        case .success(let value): facts = value
        case .failure(let found): for problem in found.problems { errors.add(problem.field, problem.message) }
        }
        var workplace: GeoCoordinate?
        if let facts {
            workplace = try await DivisionLocator.coordinate(of: facts.workplace, on: req.db)
            if workplace == nil { errors.add("workplace", "该区划及其上级都没有服务点，无法计算通勤距离，请选择所在乡镇") }
        }
        guard errors.isEmpty, let facts, let workplace else {
            return try await postingForm(req, employer, draft: draft, title: form.title ?? "", errors: errors, status: .unprocessableEntity)
        }
        let id = UUID(), now = req.jiujinban.clock.now(), employerID = try employer.requireID()
        try await req.write { db in
            let record = JobPostingRecord()
            record.id = id
            record.employerID = employerID
            record.revision = try await JobPostingRecord.nextRevision(on: db)
            record.title = title
            record.occupation = facts.occupation
            record.headcount = facts.headcount
            record.wageMinimumFen = facts.wageMinimumFen
            record.wageMaximumFen = facts.wageMaximumFen
            record.education = facts.minimumEducation?.rawValue
            record.ageMinimum = facts.ages?.lowerBound
            record.ageMaximum = facts.ages?.upperBound
            record.workplaceDivision = facts.workplace.value
            record.longitude = workplace.longitude
            record.latitude = workplace.latitude
            record.address = facts.address
            record.hours = facts.hours
            record.validUntil = facts.validUntil.iso
            record.createdBy = staff.account.id
            record.createdAt = now
            try await record.create(on: db)
            try await req.audit(AuditEvent("job_posting.create", objectType: "job_posting", objectID: id.uuidString,
                                           detail: "\(employer.name) \(title) \(facts.headcount)人"), on: db)
        }
        return HTMLResponse.seeOther(.jobPosting(id: id), notice: EmployerNotices.postingPublished, on: req)
    }

    struct CloseForm: Content {
        var reason: String?
    }

    /// 停止招聘: filled or withdrawn; the posting leaves matching and search at once.
    @Sendable static func closePosting(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let posting = try await JobPostingRecord.find(id, on: req.db),
              let employer = try await EmployerRecord.find(posting.employerID, on: req.db) else {
            throw PublicError.notFound("该岗位")
        }
        guard ownsEmployer(employer, staff) else { throw OutOfScope("该岗位", objectType: "job_posting", id: id) }
        let reasons = ["filled": "已招满", "withdrawn": "单位撤回"]
        guard let reason = try req.content.decode(CloseForm.self).reason.flatMap({ reasons[$0] }) else {
            throw PublicError(.unprocessableEntity, "请选择停止招聘的原因")
        }
        guard posting.closedAt == nil else { return HTMLResponse.seeOther(.jobPosting(id: id), notice: EmployerNotices.postingClosed, on: req) }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            let revision = try await JobPostingRecord.nextRevision(on: db)
            // Only an open posting is closed: of two closes at once one writes.
            let updated = try await (db as! any SQLDatabase).raw("""
                UPDATE job_postings SET closed_at = \(bind: now), close_reason = \(bind: reason), revision = \(bind: revision)
                WHERE id = \(bind: id) AND closed_at IS NULL RETURNING id
                """).all()
            guard updated.count == 1 else { return }
            try await req.audit(AuditEvent("job_posting.close", objectType: "job_posting", objectID: id.uuidString, detail: reason), on: db)
        }
        return HTMLResponse.seeOther(.jobPosting(id: id), notice: EmployerNotices.postingClosed, on: req)
    }

    /// The county and every division below it, grouped by township, the user's own township first: where an
    /// employer is, where a posting's work is.
    static func places(for staff: SignedInStaff, on db: any Database) async throws -> GroupedChoices {
        try await PlaceChoices.grouped(county(of: staff), offering: PlaceChoices.everyLevelBelowCity, for: staff.ownDivision, on: db)
    }
}
