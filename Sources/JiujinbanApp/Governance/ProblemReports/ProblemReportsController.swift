import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 问题反映 (attachment 4): the ledger, the report form, a report's page with its chain and the actions the user
/// may take, and its screenshots. The responsibility list and the province's oversight have their own controllers.
enum ProblemReportsController {
    /// Everyone who reports or oversees; what each sees is decided per report (`ProblemReportStore.sees`).
    static let viewers: Access = .anyOf([.reportProblem, .problemOversight])
    /// Three screenshots at their limit, with room for the form around them; a larger single file still reaches
    /// the form check, which names it.
    static let uploadLimit: ByteCount = "8mb"
    static let ledgerLimit = 200

    static func register(_ app: Application) {
        app.get(.problems(), viewers, use: ledger)
        app.get(.newProblem, .capability(.reportProblem), use: newReport)
        app.post(.fileProblem, .capability(.reportProblem), bodyLimit: uploadLimit, use: file)
        app.get(.problemsExport(), viewers, use: ProblemExport.export)
        app.get(.problem(id: UUID()), viewers, use: show)
        app.post(.problemAction(id: UUID()), viewers, use: act)
        app.get(.problemScreenshot(id: UUID(), position: 1), viewers, use: screenshot)
    }

    @Sendable static func ledger(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let filter = ProblemLedgerQuery.filter(from: req)
        let calendar = try await WorkCalendarStore.calendar(req: req)
        let limits = try await ProblemReplyLimits.schedule(req)
        let today = req.jiujinban.clock.today
        let records = try await ProblemReportStore.list(for: staff, filter: filter, limit: ledgerLimit, calendar: calendar,
                                                        limits: limits, today: today, on: req.db)
        let rows = try await ProblemLedgerQuery.rows(records, calendar: calendar, limits: limits, today: today, on: req.db)
        let groups = try await ProblemLedgerQuery.groups(for: staff, on: req.db)
        let trainings = try await TrainingSessions.upcoming(for: staff, today: today, on: req.db)
        return HTMLResponse.make(ProblemLedgerPage.render(
            rows, filter: filter, groups: groups, trainings: trainings, limit: ledgerLimit, context: PageContext(req)))
    }

    @Sendable static func newReport(_ req: Request) async throws -> Response {
        HTMLResponse.make(ProblemFormPage.render(values: [:], errors: FieldErrors(), submission: UUID(), context: PageContext(req)))
    }

    struct FileForm: Content {
        var category: String?
        var area: String?
        var description: String?
        var suggestion: String?
        var submission: String?
        var screenshot1: File?
        var screenshot2: File?
        var screenshot3: File?
    }

    @Sendable static func file(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(FileForm.self)
        guard let key = form.submission.flatMap({ UUID(uuidString: $0) })?.uuidString.lowercased() else {
            throw PublicError(.badRequest, "表单已失效，请重新打开问题反映页面")
        }
        let now = req.jiujinban.clock.now()
        // Each input's new file, or the one held from the refused attempt before.
        let sent = [form.screenshot1, form.screenshot2, form.screenshot3].enumerated().compactMap { index, file -> HeldUpload? in
            guard let file, file.data.readableBytes > 0 else { return nil }
            return HeldUpload(field: "screenshot\(index + 1)", filename: file.filename, bytes: Array(file.data.readableBytesView))
        }
        let held = try await HeldUploads.held(key: key, session: staff.sessionHash, now: now, on: req.db)
        let uploads = HeldUploads.merge(sent: sent, held: held)
        let draft = ProblemReportDraft(category: form.category, area: form.area, description: form.description,
                                       suggestion: form.suggestion,
                                       screenshots: uploads.map { ProblemReportDraft.Upload(name: $0.filename, bytes: $0.bytes) })
        var validated = draft.validate()
        // A category no desk answers for this reporter (业务指导性问题 above the county) is a problem of the form,
        // refused like any other: what was typed and chosen comes back.
        if case .success(let facts) = validated,
           ProblemDesk.first(for: facts.category, reporterDivision: staff.account.unit.divisionCode) == nil {
            var errors = FieldErrors()
            errors.add("category", ProblemReportStore.noDeskMessage)
            validated = .failure(errors)
        }
        switch validated {
        case .failure(let errors):
            // The chosen images are kept for the retry, but not one the check refused by itself (too large, not an image).
            let sound = uploads.filter { Screenshot.passesOnItsOwn($0.bytes) }
            try await req.write { db in
                try await HeldUploads.hold(sound, key: key, session: staff.sessionHash, at: now, on: db)
            }
            let values = ["category": form.category ?? "", "area": form.area ?? "", "description": form.description ?? "",
                          "suggestion": form.suggestion ?? ""]
            return HTMLResponse.make(ProblemFormPage.render(values: values, errors: errors, submission: UUID(uuidString: key) ?? UUID(),
                                                            held: sound.map { ($0.field, $0.filename) }, context: PageContext(req)),
                                     status: .unprocessableEntity)
        case .success(let facts):
            let id = try await ProblemReportStore.file(facts, submissionKey: key, staff: staff, req: req)
            if !held.isEmpty {
                try await req.write { db in try await HeldUploads.release(key: key, session: staff.sessionHash, on: db) }
            }
            return HTMLResponse.seeOther(.problem(id: id), notice: ProblemNotices.filed, on: req)
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let record = try await load(req)
        return try await ProblemDetailPage.respond(req, record, error: nil, status: .ok)
    }

    struct ActionForm: Content {
        var action: String?
        var text: String?
        var days: String?
    }

    @Sendable static func act(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await load(req)
        let form = try req.content.decode(ActionForm.self)
        let text = form.text ?? ""
        var typed = ProblemDetailPage.Typed(action: form.action ?? "", text: text, days: form.days ?? "")
        let action: ProblemReport.Action
        switch form.action {
        case "reply":
            guard let days = Int(TextField.clean(form.days)) else {
                typed.errors.add("days", "请填写反馈时限（工作日数）")
                return try await ProblemDetailPage.respond(req, record, error: "请填写反馈时限（工作日数）", typed: typed,
                                                           status: .unprocessableEntity)
            }
            action = .reply(text: text, promisedWorkingDays: days)
        case "solve": action = .markSolved
        case "reopen": action = .reopen(comment: text)
        case "escalate": action = .escalate(reason: text)
        default:
            return try await ProblemDetailPage.respond(req, record, error: "请选择要进行的操作", status: .unprocessableEntity)
        }
        switch try await ProblemReportStore.act(action, on: try record.requireID(), staff: staff, req: req) {
        case .success:
            return HTMLResponse.seeOther(.problem(id: try record.requireID()), notice: ProblemNotices.after(action), on: req)
        case .failure(let problem):
            let status: HTTPStatus = switch problem {
            case .notHoldingDesk, .onlyReporter: .forbidden
            case .alreadySolved, .notAnsweredYet, .nothingAbove: .conflict
            case .promisedDaysOutOfRange, .badText: .unprocessableEntity
            }
            if case .promisedDaysOutOfRange = problem { typed.errors.add("days", problem.message) }
            if case .badText = problem { typed.errors.add("text", problem.message) }
            let fresh = try await load(req)
            // What was typed stays in its form, unless the step is no longer the user's to take.
            return try await ProblemDetailPage.respond(req, fresh, error: problem.message, typed: status == .unprocessableEntity ? typed : nil,
                                                       status: status)
        }
    }

    /// A screenshot of a report the user sees, served with its checked type and never sniffed by the browser.
    @Sendable static func screenshot(_ req: Request) async throws -> Response {
        let record = try await load(req)
        guard let position = req.parameters.get("position").flatMap(Int.init),
              let shot = try await ProblemScreenshotRecord.query(on: req.db).filter(\.$reportID == record.requireID())
                .filter(\.$position == position).first() else { throw PublicError.notFound("该截图") }
        return FileResponse.image(shot.bytes, mediaType: shot.mediaType)
    }

    /// The report named in the path when the user may see it; any other answers as missing.
    static func load(_ req: Request) async throws -> ProblemReportRecord {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap({ UUID(uuidString: $0) }),
              let record = try await ProblemReportRecord.find(id, on: req.db) else {
            throw PublicError.notFound("该问题")
        }
        guard ProblemReportStore.sees(record, staff) else { throw OutOfScope("该问题", objectType: "problem_report", id: id) }
        return record
    }
}
