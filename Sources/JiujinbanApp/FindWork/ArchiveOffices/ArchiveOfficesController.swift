import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 档案存放机构查询 (item 15): every post that serves citizens tells a mobile worker where his file can be kept; the
/// business admins of the county, city and province keep the offices of their own divisions.
enum ArchiveOfficesController {
    static func register(_ app: Application) {
        app.get(.archiveOffices(), .capability(.searchEmploymentDirectories), use: index)
        app.get(.newArchiveOffice, .capability(.manageEmploymentDirectories), use: new)
        app.post(.archiveOffices(), .capability(.manageEmploymentDirectories), use: create)
        app.get(.archiveOffice(id: UUID()), .capability(.searchEmploymentDirectories), use: show)
        app.get(.editArchiveOffice(id: UUID()), .capability(.manageEmploymentDirectories), use: edit)
        app.post(.archiveOffice(id: UUID()), .capability(.manageEmploymentDirectories), use: update)
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        func string(_ key: String) -> String { (try? req.query.get(String.self, at: key)) ?? "" }
        let query = string("q")
        let filter = ArchiveOfficeRecord.Filter(terms: PolicySearch.terms(query), division: try? DivisionCode(string("division")))
        let offices = try await ArchiveOfficeRecord.search(filter, on: req.db)
        // The directory is public: browsing it is not audited, a search with a keyword or place is.
        if !filter.terms.isEmpty || filter.division != nil {
            try await req.auditSearch("archive_office.search", within: filter.division, filters: [("q", filter.terms.joined(separator: " "))],
                                      found: "\(offices.count)个")
        }
        let names = try await DirectoryDivisions.names(offices.map(\.divisionCode), on: req.db)
        let model = ArchiveOfficesPage.ListModel(
            offices: try offices.map { try ArchiveOfficeQueries.view($0, names: names) }, filter: filter, query: query,
            divisions: try await DirectoryDivisions.all(within: nil, on: req.db), manages: staff.may(.manageEmploymentDirectories))
        let place = filter.division.flatMap { chosen in model.divisions.first { $0.code == chosen.value }?.name } ?? ""
        let context = try await CounterSearch.context(req, item: ArchiveOfficeSearchItem.seq, filters: [("q", filter.terms.joined(separator: " ")), ("division", place)],
                                                      found: "\(offices.count)个")
        return HTMLResponse.make(ArchiveOfficesPage.index(model, context: context))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let office = try await load(req)
        let edits = staff.may(.manageEmploymentDirectories) && (try? DivisionCode(office.divisionCode)).map(staff.mayWrite) == true
        let names = try await DirectoryDivisions.names([office.divisionCode], on: req.db)
        return HTMLResponse.make(ArchiveOfficesPage.show(try ArchiveOfficeQueries.view(office, names: names), edits: edits,
                                                         context: PageContext(req)))
    }

    @Sendable static func new(_ req: Request) async throws -> Response {
        let divisions = try await DirectoryDivisions.writable(by: try req.requireStaff(), on: req.db)
        let draft = ArchiveOfficeDraft(division: divisions.count == 1 ? divisions[0].code : nil)
        return HTMLResponse.make(ArchiveOfficesPage.form(draft, editing: nil, divisions: divisions, errors: FieldErrors(), context: PageContext(req)))
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let office = try await loadWritable(req)
        let divisions = try await DirectoryDivisions.writable(by: try req.requireStaff(), on: req.db)
        return HTMLResponse.make(ArchiveOfficesPage.form(office.draft, editing: office.id, divisions: divisions, errors: FieldErrors(),
                                                         context: PageContext(req)))
    }

    struct Form: Content {
        var name: String?
        var address: String?
        var division: String?
        var scope: String?
        var contact_phone: String?
        var hours: String?

        var draft: ArchiveOfficeDraft {
            ArchiveOfficeDraft(name: name, address: address, division: division, scope: scope, contactPhone: contact_phone, hours: hours)
        }
    }

    /// The form's rules against the divisions the admin may enter offices for; the refused form is shown again.
    static func validate(_ req: Request, editing: UUID?) async throws -> DirectoryFormOutcome<ArchiveOfficeDraft.Facts> {
        let draft = try req.content.decode(Form.self).draft
        let divisions = try await DirectoryDivisions.writable(by: try req.requireStaff(), on: req.db)
        switch draft.validate(divisions: Set(divisions.compactMap(\.divisionCode))) {
        case .success(let facts): return .valid(facts)
        case .failure(let errors):
            let page = ArchiveOfficesPage.form(draft, editing: editing, divisions: divisions, errors: errors, context: PageContext(req))
            return .refused(HTMLResponse.make(page, status: .unprocessableEntity))
        }
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let facts: ArchiveOfficeDraft.Facts
        switch try await validate(req, editing: nil) {
        case .valid(let value): facts = value
        case .refused(let page): return page
        }
        let id = UUID(), now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = ArchiveOfficeRecord()
            record.id = id
            record.apply(facts)
            record.createdBy = staff.account.id
            record.createdAt = now
            try await record.create(on: db)
            try await req.audit(AuditEvent("archive_office.create", objectType: "archive_office", objectID: id.uuidString,
                                           detail: facts.name), on: db)
        }
        return HTMLResponse.seeOther(.archiveOffice(id: id), notice: ArchiveOfficeNotices.created, on: req)
    }

    @Sendable static func update(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let id = try await loadWritable(req).requireID()
        let facts: ArchiveOfficeDraft.Facts
        switch try await validate(req, editing: id) {
        case .valid(let value): facts = value
        case .refused(let page): return page
        }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            guard let record = try await ArchiveOfficeRecord.find(id, on: db) else { throw PublicError.notFound("该档案存放机构") }
            record.apply(facts)
            record.updatedBy = staff.account.id
            record.updatedAt = now
            try await record.update(on: db)
            try await req.audit(AuditEvent("archive_office.update", objectType: "archive_office", objectID: id.uuidString,
                                           detail: facts.name), on: db)
        }
        return HTMLResponse.seeOther(.archiveOffice(id: id), notice: ArchiveOfficeNotices.updated, on: req)
    }

    static func load(_ req: Request) async throws -> ArchiveOfficeRecord {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let office = try await ArchiveOfficeRecord.find(id, on: req.db) else {
            throw PublicError.notFound("该档案存放机构")
        }
        return office
    }

    /// An office the admin may change: one of its own division or one below it (S13).
    static func loadWritable(_ req: Request) async throws -> ArchiveOfficeRecord {
        let office = try await load(req)
        guard let code = try? DivisionCode(office.divisionCode), try req.requireStaff().mayWrite(in: code) else {
            throw OutOfScope("该档案存放机构", objectType: "archive_office", id: try office.requireID(),
                             answer: PublicError(.forbidden, "只能修改本辖区的档案存放机构"))
        }
        return office
    }
}
