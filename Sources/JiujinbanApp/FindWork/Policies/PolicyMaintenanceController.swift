import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// Keeping the policy directory current (item 12): the business admin who may write for a document's division (the
/// one that entered it, or one above it: S13) corrects it or withdraws it (废止). A withdrawn document is kept, out of
/// the search, and is changed no more.
enum PolicyMaintenanceController {
    static func register(_ app: Application) {
        app.get(.editPolicy(id: UUID()), .capability(.manageEmploymentDirectories), use: edit)
        app.post(.policy(id: UUID()), .capability(.manageEmploymentDirectories), use: update)
        app.get(.withdrawPolicy(id: UUID()), .capability(.manageEmploymentDirectories), use: withdrawal)
        app.post(.withdrawPolicy(id: UUID()), .capability(.manageEmploymentDirectories), use: withdraw)
    }

    /// Whether `staff` may change or withdraw the document: the same rule as entering one.
    static func mayMaintain(_ record: PolicyRecord, staff: SignedInStaff) -> Bool {
        staff.may(.manageEmploymentDirectories) && (try? DivisionCode(record.divisionCode)).map(staff.mayWrite) == true
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let record = try await loadWritable(req)
        return HTMLResponse.make(PoliciesPage.form(record.draft, editing: try record.requireID(), errors: FieldErrors(),
                                                   today: req.jiujinban.clock.today, context: PageContext(req)))
    }

    /// The same rules as entering; the search's folded copy is rebuilt with the text, so the old words no longer find it.
    @Sendable static func update(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let id = try await loadWritable(req).requireID()
        let facts: PolicyDraft.Facts
        switch try PoliciesController.validate(req, editing: id) {
        case .valid(let value): facts = value
        case .refused(let page): return page
        }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = try await inForce(id, on: db)
            record.apply(facts)
            record.updatedBy = staff.account.id
            record.updatedAt = now
            try await record.update(on: db)
            try await req.audit(AuditEvent("policy.update", objectType: "employment_policy", objectID: id.uuidString, detail: facts.title),
                                on: db)
        }
        return HTMLResponse.seeOther(.policy(id: id), notice: PolicyNotices.updated, on: req)
    }

    @Sendable static func withdrawal(_ req: Request) async throws -> Response {
        let record = try await loadWritable(req)
        return HTMLResponse.make(PolicyMaintenancePage.withdrawal(try PolicyQueries.heading(record), reason: "", errors: FieldErrors(), context: PageContext(req)))
    }

    struct WithdrawForm: Content {
        var reason: String?
    }

    @Sendable static func withdraw(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let shown = try await loadWritable(req)
        let id = try shown.requireID()
        let raw = try req.content.decode(WithdrawForm.self).reason
        let reason: String
        switch PolicyWithdrawal.validate(reason: raw) {
        case .success(let value): reason = value
        case .failure(let errors):
            return HTMLResponse.make(PolicyMaintenancePage.withdrawal(try PolicyQueries.heading(shown), reason: raw ?? "", errors: errors, context: PageContext(req)),
                                     status: .unprocessableEntity)
        }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = try await inForce(id, on: db)
            record.withdrawnBy = staff.account.id
            record.withdrawnAt = now
            record.withdrawnReason = reason
            try await record.update(on: db)
            try await req.audit(AuditEvent("policy.withdraw", objectType: "employment_policy", objectID: id.uuidString,
                                           detail: "\(record.title)：\(reason)"), on: db)
        }
        return HTMLResponse.seeOther(.policy(id: id), notice: PolicyNotices.withdrawn, on: req)
    }

    /// A document in force that the admin may change: one of its own division or one below it.
    static func loadWritable(_ req: Request) async throws -> PolicyRecord {
        let record = try await PoliciesController.load(req)
        guard mayMaintain(record, staff: try req.requireStaff()) else {
            throw OutOfScope("该政策法规", objectType: "policy", id: try record.requireID(),
                             answer: PublicError(.forbidden, "只能修改或废止本辖区发布的政策法规"))
        }
        guard !record.isWithdrawn else { throw withdrawnError }
        return record
    }

    /// The row again inside the write, so that two admins withdrawing at once do not both succeed.
    static func inForce(_ id: UUID, on db: any Database) async throws -> PolicyRecord {
        guard let record = try await PolicyRecord.find(id, on: db) else { throw PublicError.notFound("该政策法规") }
        guard !record.isWithdrawn else { throw withdrawnError }
        return record
    }

    static let withdrawnError = PublicError(.conflict, "该政策法规已废止，不能再修改或废止")
}
