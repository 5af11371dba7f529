import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 用户申请（变更）单 (attachment 3, article 8): filing, the city's forwarding, the decision, carrying out, the
/// applicant's notification, the archive, the printed form and the county's export for filing with the city.
/// Every step is the rules' decision (`AccountApplication.may`); the handlers load, ask, write and audit.
enum AccountApplicationsController {
    static func register(_ app: Application) {
        let any = Access.anyOf(AccountApplicationAccess.capabilities)
        app.get(.accountApplications(), any, use: index)
        app.get(.newAccountApplication(), .capability(.fileAccountApplication), use: newForm)
        app.post(.createAccountApplication, .capability(.fileAccountApplication), use: ApplicationFiling.create)
        app.get(.accountApplicationsExport(), .anyOf([.reviewAccountApplications, .receiveApplicationFilings]),
                use: ApplicationExport.export)
        app.get(.accountApplication(id: UUID()), any, use: show)
        app.get(.accountApplicationPrint(id: UUID()), any, use: print)
        app.post(.withdrawAccountApplication(id: UUID()), .capability(.fileAccountApplication), use: withdraw)
        app.post(.forwardAccountApplication(id: UUID()), .capability(.forwardAccountApplications), use: forward)
        app.post(.decideAccountApplication(id: UUID()), .capability(.reviewAccountApplications), use: decide)
        app.post(.carryOutAccountApplication(id: UUID()), .anyOf([.manageAccounts, .grantItemPermissions]), use: carryOut)
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let state = (try? req.query.get(String.self, at: "state")).flatMap(AccountApplication.State.init(rawValue:))
        let lines = try await ApplicationListQuery.lines(for: staff, state: state, on: req.db)
        return HTMLResponse.make(ApplicationListPage.render(lines, state: state, context: PageContext(req)))
    }

    @Sendable static func newForm(_ req: Request) async throws -> Response {
        let rows = min(max((try? req.query.get(Int.self, at: "rows")) ?? 3, 1), ApplicationFiling.maximumRows)
        return try await ApplicationFormPage.respond(req, form: ApplicationFiling.Form(), rows: rows, errors: FieldErrors(),
                                                     status: .ok)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (_, loaded) = try await ApplicationStore.load(applicationID(req), for: staff, req: req)
        return try await detail(req, loaded, error: nil, status: .ok)
    }

    /// The form on A4, in the attachment's layout; printing it is recorded like an export.
    @Sendable static func print(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (_, loaded) = try await ApplicationStore.load(applicationID(req), for: staff, req: req)
        try await req.write { db in
            try await req.audit(AuditEvent("account_application.print", objectType: "account_application",
                                           objectID: loaded.number), on: db)
        }
        let response = HTMLResponse.make(ApplicationPrintPage.render(loaded, context: PageContext(req)))
        return response
    }

    @Sendable static func withdraw(_ req: Request) async throws -> Response {
        try await act(req, .withdraw)
    }

    @Sendable static func forward(_ req: Request) async throws -> Response {
        try await act(req, .forward)
    }

    struct DecisionForm: Content {
        var decision: String?
        var comment: String?
    }

    @Sendable static func decide(_ req: Request) async throws -> Response {
        let form = try req.content.decode(DecisionForm.self)
        switch form.decision {
        case "approve": return try await act(req, .approve(comment: form.comment ?? ""))
        case "reject": return try await act(req, .reject(comment: form.comment ?? ""))
        default:
            let staff = try req.requireStaff()
            let (_, loaded) = try await ApplicationStore.load(applicationID(req), for: staff, req: req)
            return try await detail(req, loaded, error: "审核意见：请选择“同意”或“不同意”",
                                                           status: .unprocessableEntity)
        }
    }

    /// The comment a decision carried, to show again when it was refused.
    static func typedComment(_ action: AccountApplication.Action) -> String {
        switch action {
        case .approve(let comment), .reject(let comment): comment
        default: ""
        }
    }

    @Sendable static func carryOut(_ req: Request) async throws -> Response {
        let part = (try? req.content.get(String.self, at: "part")).flatMap(ExecutionPart.init(rawValue:))
        guard let part else {
            let staff = try req.requireStaff()
            let (_, loaded) = try await ApplicationStore.load(applicationID(req), for: staff, req: req)
            return try await detail(req, loaded, error: "办理事项：请选择账号事项或角色和权限事项",
                                                           status: .unprocessableEntity)
        }
        return try await act(req, .carryOut(part))
    }

    /// One step of the workflow: the rules decide, then the state, the effects, the step, the audit row and the
    /// notifications are written in one transaction. The state is changed only if nobody changed it meanwhile, so
    /// of two administrators acting at once exactly one wins (S26).
    static func act(_ req: Request, _ action: AccountApplication.Action) async throws -> Response {
        let staff = try req.requireStaff()
        let (record, loaded) = try await ApplicationStore.load(applicationID(req), for: staff, req: req)
        let next: AccountApplication
        switch loaded.application.applying(action, by: staff.account) {
        case .success(let value): next = value
        case .failure(let refusal):
            try await req.write { db in
                try await req.audit(AuditEvent("account_application.\(action.stepName)", objectType: "account_application",
                                               objectID: loaded.number, result: .denied, detail: refusal.message), on: db)
            }
            return try await detail(req, loaded, error: refusal.message, status: status(for: refusal), comment: typedComment(action))
        }
        let grants = action == .carryOut(.permissions) ? chosenGrants(req, loaded) : [:]
        let now = req.jiujinban.clock.now()
        do {
            try await req.write { db in
                var content: ApplicationContent?
                let execution = ApplicationExecution(req: req, staff: staff, loaded: loaded, db: db)
                switch action {
                case .carryOut(.accounts): content = try await execution.carryOutAccounts()
                case .carryOut(.permissions): try await execution.carryOutPermissions(grants: grants)
                default: break
                }
                try await saveState(record, from: loaded.application, to: next, content: content, at: now, req: req, on: db)
                try await AccountApplicationStep(applicationID: loaded.id, at: now, actor: staff, action: action.stepName,
                                                 comment: next.decisionComment == loaded.application.decisionComment
                                                     ? nil : next.decisionComment).create(on: db)
                try await req.audit(AuditEvent("account_application.\(action.stepName)", objectType: "account_application",
                                               objectID: loaded.number, detail: next.state.label), on: db)
                try await ApplicationNotices.after(action, next, loaded: loaded, id: loaded.id, at: now, on: db)
            }
        } catch let refused as ApplicationExecution.ExecutionRefused {
            try await req.write { db in
                try await req.audit(AuditEvent("account_application.\(action.stepName)", objectType: "account_application",
                                               objectID: loaded.number, result: .denied, detail: refused.message), on: db)
            }
            return try await detail(req, loaded, error: refused.message, status: .conflict)
        }
        return HTMLResponse.seeOther(.accountApplication(id: loaded.id), notice: ApplicationPageNotices.after(action), on: req)
    }

    /// Writes the new state (and the content, when the step changed it) only where the stored state is still what
    /// this request read; otherwise someone else acted first and the whole transaction is refused.
    private static func saveState(
        _ record: AccountApplicationRecord, from old: AccountApplication, to next: AccountApplication,
        content: ApplicationContent?, at now: Date, req: Request, on db: any Database
    ) async throws {
        let sql = db as! any SQLDatabase
        // Only carrying out the account items changes the content (the accounts it created).
        let sealed = try content.map { try $0.sealed(with: req.jiujinban.cipher) } ?? record.contentSealed
        let carried = next.carriedOut.map(\.rawValue).sorted().joined(separator: ",")
        let updated = try await sql.raw("""
            UPDATE account_applications
            SET state = \(bind: next.state.rawValue), carried_out = \(bind: carried),
                decision_comment = \(bind: next.decisionComment), content_sealed = \(bind: sealed),
                updated_at = \(bind: now)
            WHERE id = \(bind: try record.requireID()) AND state = \(bind: old.state.rawValue)
              AND carried_out = \(bind: record.carriedOut)
            RETURNING id
            """).all()
        guard updated.count == 1 else { throw PublicError(.conflict, "该申请单已由他人处理，请刷新页面后查看最新状态") }
    }

    /// The permissions chosen on the carry-out form, by item index (`grants_2[]`).
    private static func chosenGrants(_ req: Request, _ loaded: LoadedApplication) -> [Int: Set<ItemPermission>] {
        var chosen: [Int: Set<ItemPermission>] = [:]
        for item in loaded.items where item.kind == .newAccount || item.kind == .changePermissions {
            let raw = (try? req.content.get([String].self, at: "grants_\(item.index)")) ?? []
            chosen[item.index] = Set(raw.compactMap(AccountsController.parseGrant))
        }
        return chosen
    }

    static func applicationID(_ req: Request) -> UUID? {
        req.parameters.get("id").flatMap { UUID(uuidString: $0) }
    }

    static func status(for refusal: Refusal) -> HTTPResponseStatus {
        switch refusal {
        case .commentRequired, .commentTooLong, .commentHasControlCharacters: .unprocessableEntity
        case .applicationClosed, .wrongState, .awaitingCityForwarding, .partAlreadyCarriedOut, .accountsFirst: .conflict
        default: .forbidden
        }
    }
}
