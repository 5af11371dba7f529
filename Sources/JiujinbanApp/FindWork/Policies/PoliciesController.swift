import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 就业政策法规查询 (item 12): every post that serves citizens searches the directory; the business admins of the
/// county, city and province enter documents (and change or withdraw them: `PolicyMaintenanceController`).
enum PoliciesController {
    static func register(_ app: Application) {
        app.get(.policies(), .capability(.searchEmploymentDirectories), use: index)
        app.get(.newPolicy, .capability(.manageEmploymentDirectories), use: new)
        app.post(.policies(), .capability(.manageEmploymentDirectories), use: create)
        app.get(.policy(id: UUID()), .capability(.searchEmploymentDirectories), use: show)
        PolicyMaintenanceController.register(app)
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let query = (try? req.query.get(String.self, at: "q")) ?? ""
        let terms = PolicySearch.terms(query)
        let hits = try await PolicyRecord.search(terms, on: req.db)
        // The directory holds public documents: browsing it is not audited, a keyword search is.
        if !terms.isEmpty {
            try await req.auditSearch("policy.search", within: nil, filters: [("q", terms.joined(separator: " "))], found: "\(hits.count)件")
        }
        let context = try await CounterSearch.context(req, item: PolicySearchItem.seq, filters: [("q", terms.joined(separator: " "))], found: "\(hits.count)件")
        return HTMLResponse.make(PoliciesPage.index(hits, query: query, terms: terms, manages: staff.may(.manageEmploymentDirectories), context: context))
    }

    @Sendable static func new(_ req: Request) async throws -> Response {
        HTMLResponse.make(PoliciesPage.form(PolicyDraft(), editing: nil, errors: FieldErrors(), today: req.jiujinban.clock.today,
                                            context: PageContext(req)))
    }

    struct Form: Content {
        var title: String?
        var issuer: String?
        var document_number: String?
        var issued_on: String?
        var body: String?

        var draft: PolicyDraft {
            PolicyDraft(title: title, issuer: issuer, documentNumber: document_number, issuedOn: issued_on, body: body)
        }
    }

    /// The form's rules, for a new document and an edit alike; the refused form is shown again as typed.
    static func validate(_ req: Request, editing: UUID?) throws -> DirectoryFormOutcome<PolicyDraft.Facts> {
        let draft = try req.content.decode(Form.self).draft
        let today = req.jiujinban.clock.today
        switch draft.validate(today: today) {
        case .success(let facts): return .valid(facts)
        case .failure(let errors):
            let page = PoliciesPage.form(draft, editing: editing, errors: errors, today: today, context: PageContext(req))
            return .refused(HTMLResponse.make(page, status: .unprocessableEntity))
        }
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let facts: PolicyDraft.Facts
        switch try validate(req, editing: nil) {
        case .valid(let value): facts = value
        case .refused(let page): return page
        }
        let id = UUID(), now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = PolicyRecord()
            record.id = id
            record.apply(facts)
            record.divisionCode = staff.account.unit.divisionCode.value
            record.createdBy = staff.account.id
            record.createdAt = now
            try await record.create(on: db)
            try await req.audit(AuditEvent("policy.create", objectType: "employment_policy", objectID: id.uuidString,
                                           detail: facts.title), on: db)
        }
        return HTMLResponse.seeOther(.policy(id: id), notice: PolicyNotices.created, on: req)
    }

    /// Everyone who searches may read a document, a withdrawn one too (with when and why it was withdrawn: an old
    /// link or a printed reference still leads somewhere); the admins who may change it see how.
    @Sendable static func show(_ req: Request) async throws -> Response {
        let record = try await load(req)
        let maintains = PolicyMaintenanceController.mayMaintain(record, staff: try req.requireStaff())
        return HTMLResponse.make(PoliciesPage.show(try PolicyQueries.view(record, maintains: maintains), context: PageContext(req)))
    }

    static func load(_ req: Request) async throws -> PolicyRecord {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let record = try await PolicyRecord.find(id, on: req.db) else {
            throw PublicError.notFound("该政策法规")
        }
        return record
    }
}
