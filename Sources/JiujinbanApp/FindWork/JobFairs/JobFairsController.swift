import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 招聘会信息查询 (item 14): every post that serves citizens looks up fairs; the business admins of the county, city
/// and province publish, edit and cancel the fairs of their own divisions.
enum JobFairsController {
    static func register(_ app: Application) {
        app.get(.jobFairs(), .capability(.searchEmploymentDirectories), use: index)
        app.get(.newJobFair, .capability(.manageEmploymentDirectories), use: new)
        app.post(.jobFairs(), .capability(.manageEmploymentDirectories), use: create)
        app.get(.jobFair(id: UUID()), .capability(.searchEmploymentDirectories), use: show)
        app.get(.editJobFair(id: UUID()), .capability(.manageEmploymentDirectories), use: edit)
        app.post(.jobFair(id: UUID()), .capability(.manageEmploymentDirectories), use: update)
        app.post(.cancelJobFair(id: UUID()), .capability(.manageEmploymentDirectories), use: cancel)
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        func string(_ key: String) -> String { (try? req.query.get(String.self, at: key)) ?? "" }
        let query = string("q")
        let filter = JobFairRecord.Filter(terms: PolicySearch.terms(query), period: JobFairRecord.Period(rawValue: string("status")) ?? .upcoming,
                                          division: try? DivisionCode(string("division")))
        let now = WallClockTime(req.jiujinban.clock.now())
        let (fairs, total) = try await JobFairRecord.search(filter, now: now, on: req.db)
        // The directory is public: browsing the default list is not audited, a search with a keyword, place or other period is.
        if !filter.terms.isEmpty || filter.division != nil || filter.period != .upcoming {
            try await req.auditSearch("job_fair.search", within: filter.division,
                                      filters: [("q", filter.terms.joined(separator: " ")), ("status", filter.period == .upcoming ? "" : filter.period.rawValue)],
                                      found: "\(total)场")
        }
        let names = try await DirectoryDivisions.names(fairs.map(\.divisionCode), on: req.db)
        let model = JobFairsPage.ListModel(
            fairs: try fairs.map { try JobFairQueries.view($0, names: names, now: now) }, total: total, filter: filter, query: query, now: now,
            divisions: try await DirectoryDivisions.all(within: nil, on: req.db), manages: staff.may(.manageEmploymentDirectories))
        let place = filter.division.flatMap { chosen in model.divisions.first { $0.code == chosen.value }?.name } ?? ""
        let context = try await CounterSearch.context(req, item: JobFairSearchItem.seq, filters: [("q", filter.terms.joined(separator: " ")),
                                                                             ("status", filter.period == .upcoming ? "" : filter.period.label),
                                                                             ("division", place)],
                                                      found: "\(total)场")
        return HTMLResponse.make(JobFairsPage.index(model, context: context))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await showPage(req, fair: try await load(req), cancelErrors: FieldErrors(), reason: nil)
    }

    static func showPage(_ req: Request, fair: JobFairRecord, cancelErrors: FieldErrors, reason: String?,
                         status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.requireStaff()
        let edits = staff.may(.manageEmploymentDirectories) && (try? DivisionCode(fair.divisionCode)).map(staff.mayWrite) == true
        let names = try await DirectoryDivisions.names([fair.divisionCode], on: req.db)
        let view = try JobFairQueries.view(fair, names: names, now: WallClockTime(req.jiujinban.clock.now()))
        let page = JobFairsPage.show(view, edits: edits, cancelErrors: cancelErrors, reason: reason, context: PageContext(req))
        return HTMLResponse.make(page, status: status)
    }

    @Sendable static func new(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let divisions = try await DirectoryDivisions.writable(by: staff, on: req.db)
        let draft = JobFairDraft(division: divisions.count == 1 ? divisions[0].code : nil)
        return HTMLResponse.make(JobFairsPage.form(draft, editing: nil, divisions: divisions, errors: FieldErrors(), context: PageContext(req)))
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let fair = try await loadWritable(req)
        let divisions = try await DirectoryDivisions.writable(by: try req.requireStaff(), on: req.db)
        return HTMLResponse.make(JobFairsPage.form(fair.draft, editing: fair.id, divisions: divisions, errors: FieldErrors(), context: PageContext(req)))
    }

    struct Form: Content {
        var title: String?
        var start_date: String?
        var start_time: String?
        var end_date: String?
        var end_time: String?
        var venue: String?
        var address: String?
        var division: String?
        var audience: String?
        var employers: String?
        var organiser: String?
        var contact_phone: String?

        var draft: JobFairDraft {
            JobFairDraft(title: title, startDate: start_date, startTime: start_time, endDate: end_date, endTime: end_time, venue: venue,
                         address: address, division: division, audience: audience, employers: employers, organiser: organiser,
                         contactPhone: contact_phone)
        }
    }

    /// The form's rules against the divisions the admin may publish for; the refused form is shown again.
    static func validate(_ req: Request, editing fair: JobFairRecord?) async throws -> DirectoryFormOutcome<JobFairDraft.Facts> {
        let staff = try req.requireStaff()
        let draft = try req.content.decode(Form.self).draft
        let divisions = try await DirectoryDivisions.writable(by: staff, on: req.db)
        let allowed = Set(divisions.compactMap(\.divisionCode))
        switch draft.validate(today: req.jiujinban.clock.today, divisions: allowed, keeping: fair?.starts) {
        case .success(let facts): return .valid(facts)
        case .failure(let errors):
            let page = JobFairsPage.form(draft, editing: fair?.id, divisions: divisions, errors: errors, context: PageContext(req))
            return .refused(HTMLResponse.make(page, status: .unprocessableEntity))
        }
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let facts: JobFairDraft.Facts
        switch try await validate(req, editing: nil) {
        case .valid(let value): facts = value
        case .refused(let page): return page
        }
        let id = UUID(), now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = JobFairRecord()
            record.id = id
            record.apply(facts)
            record.createdBy = staff.account.id
            record.createdAt = now
            try await record.create(on: db)
            try await req.audit(AuditEvent("job_fair.create", objectType: "job_fair", objectID: id.uuidString,
                                           detail: "\(facts.title)（\(facts.startsAt.stored)）"), on: db)
        }
        return HTMLResponse.seeOther(.jobFair(id: id), notice: JobFairNotices.created, on: req)
    }

    @Sendable static func update(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let existing = try await loadWritable(req)
        let facts: JobFairDraft.Facts
        switch try await validate(req, editing: existing) {
        case .valid(let value): facts = value
        case .refused(let page): return page
        }
        let id = try existing.requireID(), now = req.jiujinban.clock.now()
        try await req.write { db in
            guard let record = try await JobFairRecord.find(id, on: db) else { throw PublicError.notFound("该招聘会") }
            record.apply(facts)
            record.updatedBy = staff.account.id
            record.updatedAt = now
            try await record.update(on: db)
            try await req.audit(AuditEvent("job_fair.update", objectType: "job_fair", objectID: id.uuidString,
                                           detail: "\(facts.title)（\(facts.startsAt.stored)）"), on: db)
        }
        return HTMLResponse.seeOther(.jobFair(id: id), notice: JobFairNotices.updated, on: req)
    }

    struct CancelForm: Content {
        var reason: String?
    }

    @Sendable static func cancel(_ req: Request) async throws -> Response {
        let existing = try await loadWritable(req)
        let input = try req.content.decode(CancelForm.self)
        let now = req.jiujinban.clock.now()
        let reason: String
        switch JobFairCancellation.validate(reason: input.reason, status: existing.status(at: WallClockTime(now))) {
        case .success(let value): reason = value
        case .failure(let errors):
            return try await showPage(req, fair: existing, cancelErrors: errors, reason: input.reason, status: .unprocessableEntity)
        }
        let id = try existing.requireID()
        try await req.write { db in
            // Checked again inside the write: two admins cancelling at once cancel it once.
            guard let record = try await JobFairRecord.find(id, on: db), record.cancelledAt == nil else {
                throw PublicError(.conflict, "该招聘会已经取消")
            }
            record.cancelledAt = now
            record.cancelReason = reason
            try await record.update(on: db)
            try await req.audit(AuditEvent("job_fair.cancel", objectType: "job_fair", objectID: id.uuidString,
                                           detail: "\(record.title)：\(reason)"), on: db)
        }
        return HTMLResponse.seeOther(.jobFair(id: id), notice: JobFairNotices.cancelled, on: req)
    }

    static func load(_ req: Request) async throws -> JobFairRecord {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let fair = try await JobFairRecord.find(id, on: req.db) else {
            throw PublicError.notFound("该招聘会")
        }
        return fair
    }

    /// A fair the admin may change: one published for its own division or one below it (S13).
    static func loadWritable(_ req: Request) async throws -> JobFairRecord {
        let fair = try await load(req)
        guard let code = try? DivisionCode(fair.divisionCode), try req.requireStaff().mayWrite(in: code) else {
            throw OutOfScope("该招聘会", objectType: "job_fair", id: try fair.requireID(),
                             answer: PublicError(.forbidden, "只能修改或取消本辖区发布的招聘会"))
        }
        return fair
    }
}
