import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 办件: accepting an item for a citizen at the counter, the case page with its timeline and the actions the
/// user may take, the printed receipt and one-time notice, and the operator's and reviewer's workbench.
enum CasesController {
    static func register(_ app: Application) {
        app.get(.cases(), .capability(.serveCitizens), use: workbench)
        app.get(.newCase(citizen: UUID(), item: 0), .capability(.serveCitizens), use: newCase)
        app.post(.acceptCase, .capability(.serveCitizens), use: accept)
        app.get(.caseFile(id: UUID()), .capability(.serveCitizens), use: show)
        app.post(.caseAction(id: UUID()), .capability(.serveCitizens), use: act)
        app.get(.caseReceipt(id: UUID()), .capability(.serveCitizens), use: receipt)
    }

    @Sendable static func newCase(_ req: Request) async throws -> Response {
        let (citizen, item) = try await target(req, citizen: try? req.query.get(String.self, at: "citizen"),
                                               item: try? req.query.get(Int.self, at: "item"))
        if let start = try await ItemRegistry.make(item, county: try req.requireStaff().county, on: req.db).startPage(citizen: try citizen.requireID()) {
            return req.redirect(to: start.path, redirectType: .normal)
        }
        return try await CaseFormPage.respond(req, citizen: citizen, item: item, values: [:], errors: FieldErrors(), status: .ok, fresh: true)
    }

    @Sendable static func accept(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        // The item's own fields vary: the form is read as plain strings, and the item reads its own.
        let sent = try URLEncodedForm.fields(of: req) ?? req.content.decode([String: String].self)
        let (citizen, item) = try await target(req, citizen: sent["citizen"], item: sent["item"].flatMap { Int($0) })
        switch try await CaseEngine.submit(CaseEngine.Submission(citizen: citizen, item: item, sent: sent, key: sent["submission"]),
                                           by: try CaseActor.staff(staff), in: CaseContext(req)) {
        case .accepted(let id):
            return HTMLResponse.seeOther(.caseFile(id: id), notice: CaseNotices.accepted, on: req)
        case .refused(let form, let errors):
            return try await CaseFormPage.respond(req, citizen: citizen, item: item, values: form.values, errors: errors,
                                                  status: .unprocessableEntity)
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let (record, file) = try await load(req)
        return try await CasePage.respond(req, record, file, error: nil, status: .ok)
    }

    struct ActionForm: Content {
        var action: String?
        var reason: String?
        /// One missing document per line.
        var missing: String?
    }

    @Sendable static func act(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (record, file) = try await load(req)
        let form = try req.content.decode(ActionForm.self)
        let action: CaseFile.Action
        switch form.action {
        case "approve": action = .approve
        case "reject": action = .reject(reason: form.reason ?? "")
        case "return": action = .returnForDocuments(missing: (form.missing ?? "").split(whereSeparator: \.isNewline).map(String.init))
        case "resubmit": action = .resubmit
        case "close": action = .close(reason: form.reason ?? "")
        default:
            return try await CasePage.respond(req, record, file, error: "请选择办理操作", status: .unprocessableEntity)
        }
        switch try await CaseEngine.act(action, on: record, file: file, by: try CaseActor.staff(staff, on: record), in: CaseContext(req)) {
        case .success:
            return HTMLResponse.seeOther(.caseFile(id: try record.requireID()), notice: CaseNotices.after(action, from: file), on: req)
        case .failure(let refusal):
            try await req.write { db in
                try await req.audit(AuditEvent("case.\(action.stepName)", objectType: "case", objectID: record.number,
                                               result: .denied, detail: refusal.message), on: db)
            }
            let status: HTTPStatus = switch refusal {
            case .caseReasonRequired, .caseCloseReasonRequired, .caseReasonTooLong, .caseMissingDocumentsRequired, .caseMissingDocumentsTooLong,
                 .commentHasControlCharacters: .unprocessableEntity
            case .caseClosed, .caseWrongState: .conflict
            default: .forbidden
            }
            return try await CasePage.respond(req, record, file, error: refusal.message, status: status,
                                              typed: CaseView.Typed(missing: form.missing ?? "", reason: form.reason ?? ""))
        }
    }

    /// 受理回执, or the 一次性告知单 while the case waits for missing documents.
    @Sendable static func receipt(_ req: Request) async throws -> Response {
        let (record, file) = try await load(req)
        let citizen = try await CitizenRecord.find(id: record.citizenID, on: req.db)
        try await req.write { db in
            try await req.audit(AuditEvent(file.state == .returned ? "case.print_notice" : "case.print_receipt",
                                           objectType: "case", objectID: record.number), on: db)
        }
        return try await CaseReceiptPage.respond(req, record, file, citizen: citizen)
    }

    @Sendable static func workbench(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        func visible(_ records: [CaseSummary]) -> [CaseSummary] {
            records.filter { CaseEngine.sees(servicePoint: $0.servicePointID, division: $0.divisionCode, staff) }
        }
        let open = visible(try await CaseSummary.list(in: staff.scope, .open, people: true, on: req.db))
        let finished = visible(try await CaseSummary.list(in: staff.scope, .latestFinished(CaseWorkbenchPage.finishedShown), people: true,
                                                       on: req.db))
        let calendar = try await WorkCalendarStore.calendar(req: req)
        let today = req.jiujinban.clock.today
        return HTMLResponse.make(CaseWorkbenchPage.render(
            CaseWorkbenchPage.Lists(open: open, finished: finished, me: staff.account.id), today: today,
            nextWorkday: calendar.addingWorkingDays(1, to: today).date, catalogue: req.jiujinban.catalogue, context: PageContext(req)))
    }

    static func load(_ req: Request) async throws -> (CaseRecord, CaseFile) {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap({ UUID(uuidString: $0) }),
              let record = try await CaseRecord.find(id, on: req.db) else {
            throw PublicError.notFound("该办件")
        }
        guard CaseEngine.sees(record, staff) else { throw OutOfScope("该办件", objectType: "case", id: id) }
        guard let file = try await CaseEngine.file(record, catalogue: req.jiujinban.catalogue, on: req.db) else {
            throw PublicError.notFound("该办件")
        }
        return (record, file)
    }

    /// The person (under `CitizenScope`) and the item a case is opened or accepted for.
    static func target(_ req: Request, citizen: String?, item: Int?) async throws -> (CitizenRecord, ServiceCatalogue.Item) {
        let record = try await CitizenAccess.require(citizen, req: req)
        guard let item = req.jiujinban.catalogue.items.first(where: { $0.seq == item }) else { throw PublicError.notFound("服务事项") }
        return (record, item)
    }
}
