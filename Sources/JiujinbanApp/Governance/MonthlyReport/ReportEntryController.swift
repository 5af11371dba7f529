import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 调度表填报: a township point's staff enter the month's column 23 (专题宣传) for the township's points, see what the
/// system filled, and submit by the 20th; after that they ask the county for a time-boxed exception.
enum ReportEntryController {
    static func register(_ app: Application) {
        app.get(.monthlyReportEntry(), .capability(.enterMonthlyReport), use: show)
        app.post(.monthlyReportEntry(), .capability(.enterMonthlyReport), bodyLimit: uploadLimit, use: save)
        app.post(.monthlyReportException, .capability(.enterMonthlyReport), use: requestException)
    }

    /// Evidence files of several points at once (each at most `ReportEvidence.maximumBytes`), with the form.
    static let uploadLimit: ByteCount = "24mb"

    /// The township the signed-in staff enters for: its township point's division.
    static func township(of staff: SignedInStaff) throws -> DivisionCode {
        guard case .servicePoint(_, .townshipCentre, let code) = staff.account.unit else {
            throw PublicError(.forbidden, "调度表由乡镇（街道）服务点汇总填报，行政村、社区服务点的情况由乡镇统一填报")
        }
        return code
    }

    static func month(_ req: Request, _ raw: String?) throws -> ReportMonth {
        let today = req.jiujinban.clock.today
        switch ReportMonth.parse(raw ?? ReportMonth(containing: today).description, today: today) {
        case .success(let month): return month
        case .failure(let errors): throw PublicError(.unprocessableEntity, errors.problems.first?.message ?? "报送月份有误")
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        // Only a township point's staff hold 调度表填报 (`Capability.granted(to:grants:at:)`): the route let them in.
        let month = try month(req, try? req.query.get(String.self, at: "month"))
        let context = try await ReportEntryQuery.load(req, month: month)
        return HTMLResponse.make(ReportEntryPage.render(context, error: nil, today: req.jiujinban.clock.today, page: PageContext(req)))
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let month = try month(req, try? req.content.get(String.self, at: "month"))
        let context = try await ReportEntryQuery.load(req, month: month)
        if let refusal = context.refusal {
            try await req.write { db in
                try await req.audit(AuditEvent("monthly_report.enter", objectType: "township", objectID: context.township.value,
                                               result: .denied, detail: refusal.message), on: db)
            }
            return HTMLResponse.make(ReportEntryPage.render(context, error: refusal.message, today: req.jiujinban.clock.today,
                                                            page: PageContext(req)), status: .forbidden)
        }
        // One decode of the whole body: a form with files is parsed once, not once per field asked for.
        let form = try req.content.decode(EntryForm.self)
        // Every point's note field is always sent by the page (empty when blank); without it an absent box would
        // read as "not done" and reset the month's entries (`CompleteForm`).
        if let missing = context.points.first(where: { form.strings["note_\($0.id.uuidString)"] == nil }) {
            throw CompleteForm.incomplete("\(missing.name)的宣传情况说明")
        }
        var answers: [(String, Bool, String?)] = []
        var files: [(point: ServicePointSummary, file: (name: String, kind: ReportEvidence.Kind, bytes: [UInt8])?)] = []
        var errors = FieldErrors()
        // A file chosen on a refused attempt is held for this one (`HeldUploads`): a new choice replaces it.
        // Per drawing of the form: a fresh entry never picks up what an abandoned one had chosen.
        let formSubmission = HeldUploads.submission(form.strings[HeldUploads.submissionField])
        let heldKey = HeldUploads.formKey("monthly_report_entry:\(context.township.value):\(context.month)", submission: formSubmission)
        let held = Dictionary(try await HeldUploads.held(key: heldKey, session: staff.sessionHash, now: req.jiujinban.clock.now(), on: req.db)
            .map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        var sound: [HeldUpload] = []
        for point in context.points {
            let key = point.id.uuidString
            let done = form.strings["publicity_\(key)"] == "1"
            let note = TextField.optional(form.strings["note_\(key)"], field: "note_\(key)",
                                          label: "\(point.name)的宣传情况说明", maxLength: 200, into: &errors)
            answers.append((key, done, note))
            // 宣传凭证: a new file replaces the month's one, a ticked 删除 removes it, nothing chosen keeps it.
            let field = "evidence_\(key)"
            // A ticked 删除 wins over a file held from the refused attempt; a file chosen now wins over both.
            let removing = form.strings["remove_evidence_\(key)"] == "1"
            let chosen = form.files[field].flatMap { upload in
                upload.data.readableBytes > 0 ? HeldUpload(field: field, filename: upload.filename, bytes: Array(upload.data.readableBytesView)) : nil
            } ?? (removing ? nil : held[field])
            if let upload = chosen {
                if let kind = ReportEvidence.check(ProblemReportDraft.Upload(name: upload.filename, bytes: upload.bytes), field: field,
                                                   owner: point.name, into: &errors) {
                    let name = String(TextField.clean(upload.filename).prefix(100))
                    files.append((point, (name.isEmpty ? "凭证" : name, kind, upload.bytes)))
                    sound.append(upload)
                }
            } else if removing, context.evidence[key] != nil {
                files.append((point, nil))
            }
        }
        if !errors.isEmpty {
            // Everything typed and every sound file chosen comes back with the problems, each at its field.
            let now = req.jiujinban.clock.now()
            let keep = sound
            try await req.write { db in try await HeldUploads.hold(keep, key: heldKey, session: staff.sessionHash, at: now, on: db) }
            var refused = context
            refused.errors = errors
            refused.formSubmission = formSubmission
            refused.entries = Dictionary(answers.map { ($0.0, ReportEntryView.Entry(done: $0.1, evidenceNote: $0.2 ?? form.strings["note_\($0.0)"])) },
                                         uniquingKeysWith: { first, _ in first })
            refused.held = Dictionary(sound.map { (String($0.field.dropFirst("evidence_".count)), $0.filename) }, uniquingKeysWith: { first, _ in first })
            return HTMLResponse.make(ReportEntryPage.render(refused, error: nil, today: req.jiujinban.clock.today, page: PageContext(req)),
                                     status: .unprocessableEntity)
        }
        let submit = form.strings["action"] == "submit"
        let now = req.jiujinban.clock.now(), today = req.jiujinban.clock.today
        let township = context.township
        let admins = try await Notifier.accounts(holding: [.businessAdmin], in: .department(township.ancestor(atDepth: 2)!), on: req.db)
        let pointName = staff.unitName
        let entered = answers, evidence = files
        try await req.write { db in
            for (point, file) in evidence {
                try await ReportEvidenceRecord.replace(month: month, task: .publicity, point: point, with: file, by: staff.account.id,
                                                       at: now, on: db)
            }
            for (key, done, note) in entered {
                try await ReportEntryRecord.set([.publicity: done], notes: note.map { [.publicity: $0] } ?? [:], month: month, scopeKey: key,
                                                by: staff.account.id, at: now, on: db)
            }
            let record = try await ReportSubmissionRecord.query(on: db).filter(\.$month == month.description)
                .filter(\.$townshipCode == township.value).first() ?? {
                    let fresh = ReportSubmissionRecord()
                    fresh.id = UUID()
                    fresh.month = month.description
                    fresh.townshipCode = township.value
                    fresh.state = ReportCycle.State.draft.rawValue
                    return fresh
                }()
            if submit {
                record.state = ReportCycle.State.submitted.rawValue
                record.submittedOn = today.description
                record.submittedBy = staff.account.id
            }
            record.updatedAt = now
            try await record.save(on: db)
            if submit {
                try await Notifier.notify(admins, title: "\(month)调度表已报送", body: "\(pointName)报送了\(month)的调度表，请审核。",
                                          link: .monthlyReport(query: [("month", month.description)]), at: now, on: db)
            }
            try await req.audit(AuditEvent(submit ? "monthly_report.submit" : "monthly_report.enter", objectType: "township",
                                           objectID: township.value, detail: "\(month)，\(entered.filter(\.1).count)/\(entered.count)个服务点已开展专题宣传"
                                               + Self.evidenceSummary(evidence.map { $0.file != nil })), on: db)
            if !held.isEmpty { try await HeldUploads.release(key: heldKey, session: staff.sessionHash, on: db) }
        }
        return HTMLResponse.seeOther(.monthlyReportEntry(query: [("month", month.description)]),
                                     notice: submit ? ReportEntryNotices.submitted : ReportEntryNotices.saved, on: req)
    }

    /// The entry form's fields by name, whatever the township's points are: texts, and the evidence files.
    struct EntryForm: Decodable {
        struct Key: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        var strings: [String: String] = [:]
        var files: [String: File] = [:]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            for key in container.allKeys {
                if key.stringValue.hasPrefix("evidence_") {
                    files[key.stringValue] = try? container.decode(File.self, forKey: key)
                } else {
                    strings[key.stringValue] = try? container.decode(String.self, forKey: key)
                }
            }
        }
    }

    /// `，凭证2份，删除凭证1份` for the audit row.
    static func evidenceSummary(_ uploads: [Bool]) -> String {
        let added = uploads.filter { $0 }.count, removed = uploads.count - added
        return (added > 0 ? "，凭证\(added)份" : "") + (removed > 0 ? "，删除凭证\(removed)份" : "")
    }

    @Sendable static func requestException(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let month = try month(req, try? req.content.get(String.self, at: "month"))
        let context = try await ReportEntryQuery.load(req, month: month)
        guard case .locked = context.refusal else {
            return HTMLResponse.make(ReportEntryPage.render(context, error: "本月调度表仍可填报，无需申请延期", today: req.jiujinban.clock.today,
                                                            page: PageContext(req)), status: .conflict)
        }
        if context.exception?.isRequested == true {
            return HTMLResponse.make(ReportEntryPage.render(context, error: "已有待批准的延期申请，请等待县领导小组办公室批准",
                                                            today: req.jiujinban.clock.today, page: PageContext(req)), status: .conflict)
        }
        var errors = FieldErrors()
        let typed = try? req.content.get(String.self, at: "reason")
        let reason = TextField.required(typed, field: "reason", label: "延期原因", maxLength: 200, into: &errors)
        guard errors.isEmpty else {
            // The reason comes back with its problem at the field.
            var refused = context
            refused.exceptionReason = typed
            refused.exceptionErrors = errors
            return HTMLResponse.make(ReportEntryPage.render(refused, error: errors.problems.first?.message, today: req.jiujinban.clock.today,
                                                            page: PageContext(req)), status: .unprocessableEntity)
        }
        let now = req.jiujinban.clock.now()
        let township = context.township
        let admins = try await Notifier.accounts(holding: [.businessAdmin], in: .department(township.ancestor(atDepth: 2)!), on: req.db)
        let pointName = staff.unitName
        try await req.write { db in
            let record = ReportExceptionRecord()
            record.id = UUID()
            record.month = month.description
            record.townshipCode = township.value
            record.reason = reason
            record.requestedBy = staff.account.id
            record.requestedAt = now
            record.state = ReportExceptionRecord.State.requested.rawValue
            try await record.create(on: db)
            try await Notifier.notify(admins, title: "\(month)调度表延期申请", body: "\(pointName)：\(reason)",
                                      link: .monthlyReport(query: [("month", month.description)]), at: now, on: db)
            try await req.audit(AuditEvent("monthly_report.exception_request", objectType: "township", objectID: township.value,
                                           detail: "\(month)：\(reason)"), on: db)
        }
        return HTMLResponse.seeOther(.monthlyReportEntry(query: [("month", month.description)]), notice: ReportEntryNotices.exceptionRequested,
                                     on: req)
    }
}
