import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// The county's leading-group office (领导小组办公室, in the county HR department): accepts or returns each
/// township's submission, grants or refuses exceptions, and answers the county's own columns 16, 17 and 24.
enum ReportReviewController {
    static func register(_ app: Application) {
        app.post(.monthlyReportDecision, .capability(.reviewMonthlyReport), use: decide)
        app.post(.monthlyReportExceptionDecision(id: UUID()), .capability(.reviewMonthlyReport), use: decideException)
        app.post(.monthlyReportCountyTasks, .capability(.reviewMonthlyReport), use: countyTasks)
    }

    static func county(of staff: SignedInStaff) throws -> DivisionCode {
        guard staff.account.unit.isCountyDepartment else { throw PublicError(.forbidden, "调度表由县领导小组办公室（县人社部门）审核") }
        return staff.account.unit.divisionCode
    }

    static func month(_ req: Request) throws -> ReportMonth {
        try ReportEntryController.month(req, try? req.content.get(String.self, at: "month"))
    }

    /// Back to the county's table of the month, which says once what was done.
    static func back(_ month: ReportMonth, notice: PageNotice, on req: Request) -> Response {
        HTMLResponse.seeOther(.monthlyReport(query: [("month", month.description)]), notice: notice, on: req)
    }

    @Sendable static func decide(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try county(of: staff)
        let month = try month(req)
        let township = TextField.clean(try? req.content.get(String.self, at: "township"))
        guard let code = try? DivisionCode(township), code.depth == 3,
              let record = try await ReportSubmissionRecord.query(on: req.db).filter(\.$month == month.description)
                .filter(\.$townshipCode == code.value).first() else {
            throw PublicError.notFound("该乡镇本月的报送记录")
        }
        guard county.contains(code) else {
            throw OutOfScope("该乡镇本月的报送记录", objectType: "report_submission", objectID: "\(code.value) \(month)")
        }
        let accept = (try? req.content.get(String.self, at: "decision")) == "accept"
        // 采用 carries no text (its form has none); a reason belongs to a return only.
        let comment = accept ? "" : TextField.clean(try? req.content.get(String.self, at: "comment"))
        let next: ReportCycle.State
        switch ReportCycle.decide(state: record.stateValue, accept: accept, comment: comment) {
        case .success(let state): next = state
        case .failure(let refusal) where refusal == .commentRequired:
            // Drawn again at the township with what was typed, as any refused form.
            return try await MonthlyReportController.respond(
                req, root: county, month: month, refused: ReportProgress.Refused(township: code.value, message: refusal.message, comment: comment),
                status: .unprocessableEntity)
        case .failure(let refusal): throw PublicError(.conflict, refusal.message)
        }
        let now = req.jiujinban.clock.now()
        let submitter = record.submittedBy
        try await req.write { db in
            guard let fresh = try await ReportSubmissionRecord.find(record.requireID(), on: db), fresh.state == record.state else {
                throw PublicError(.conflict, "报送状态已变化，请刷新后重试")
            }
            fresh.state = next.rawValue
            fresh.decidedBy = staff.account.id
            fresh.comment = comment.isEmpty ? nil : String(comment.prefix(200))
            fresh.updatedAt = now
            try await fresh.update(on: db)
            if let submitter {
                try await Notifier.notify([submitter], title: "\(month)调度表\(next.label)",
                                          body: next == .returned ? "县领导小组办公室退回：\(comment)" : "县领导小组办公室已采用。",
                                          link: .monthlyReportEntry(query: [("month", month.description)]), at: now, on: db)
            }
            try await req.audit(AuditEvent("monthly_report.\(accept ? "accept" : "return")", objectType: "township", objectID: code.value,
                                           detail: "\(month)" + (comment.isEmpty ? "" : "：\(comment)")), on: db)
        }
        return back(month, notice: accept ? ReportEntryNotices.accepted : ReportEntryNotices.returned, on: req)
    }

    @Sendable static func decideException(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try county(of: staff)
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let record = try await ReportExceptionRecord.find(id, on: req.db),
              let code = try? DivisionCode(record.townshipCode) else { throw PublicError.notFound("该延期申请") }
        guard county.contains(code) else { throw OutOfScope("该延期申请", objectType: "report_exception", id: id) }
        guard record.stateValue == .requested else { throw PublicError(.conflict, "该延期申请已处理") }
        let grant = (try? req.content.get(String.self, at: "decision")) == "grant"
        let today = req.jiujinban.clock.today
        var until: CalendarDate?
        if grant {
            let text = TextField.clean(try? req.content.get(String.self, at: "until"))
            guard let date = CalendarDate(iso: text), date >= today,
                  date <= today.adding(days: ReportCycle.maximumExceptionDays) else {
                let message = "延期截止日期应在今天（\(today)）至\(today.adding(days: ReportCycle.maximumExceptionDays))之间"
                guard let month = ReportMonth(record.month) else { throw PublicError(.unprocessableEntity, message) }
                return try await MonthlyReportController.respond(
                    req, root: county, month: month, refused: ReportProgress.Refused(township: code.value, message: message, until: text),
                    status: .unprocessableEntity)
            }
            until = date
        }
        let now = req.jiujinban.clock.now()
        let requester = record.requestedBy, month = record.month
        let grantedUntil = until
        try await req.write { db in
            guard let fresh = try await ReportExceptionRecord.find(id, on: db), fresh.stateValue == .requested else {
                throw PublicError(.conflict, "该延期申请已处理")
            }
            fresh.state = (grant ? ReportExceptionRecord.State.granted : .refused).rawValue
            fresh.until = grantedUntil?.description
            fresh.decidedBy = staff.account.id
            fresh.decidedAt = now
            try await fresh.update(on: db)
            try await Notifier.notify([requester], title: "\(month)调度表延期申请" + (grant ? "已批准" : "未批准"),
                                      body: grant ? "可填报至\(grantedUntil?.description ?? "")。" : "请与县领导小组办公室联系。",
                                      link: .monthlyReportEntry(query: [("month", month)]), at: now, on: db)
            try await req.audit(AuditEvent("monthly_report.exception_\(grant ? "grant" : "refuse")", objectType: "township",
                                           objectID: code.value, detail: "\(month)" + (grantedUntil.map { "，至\($0)" } ?? "")), on: db)
        }
        return HTMLResponse.seeOther(.monthlyReport(query: [("month", month)]),
                                     notice: grant ? ReportEntryNotices.exceptionGranted : ReportEntryNotices.exceptionRefused, on: req)
    }

    @Sendable static func countyTasks(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try county(of: staff)
        let month = try month(req)
        try CompleteForm.requireMarker(req, ReportProgress.countyTasksMarker,
                                       listing: ReportTask.allCases.filter(\.isCountyTask).map { String($0.rawValue) },
                                       label: "本县任务（第16、17、24列）")
        var answers: [ReportTask: Bool] = [:]
        for task in ReportTask.allCases where task.isCountyTask {
            answers[task] = (try? req.content.get(String.self, at: "task_\(task.rawValue)")) == "1"
        }
        let now = req.jiujinban.clock.now()
        let chosen = answers
        try await req.write { db in
            try await ReportEntryRecord.set(chosen, month: month, scopeKey: county.value, by: staff.account.id, at: now, on: db)
            try await req.audit(AuditEvent("monthly_report.county_tasks", objectType: "division", objectID: county.value,
                                           detail: "\(month)：" + ReportTask.allCases.filter(\.isCountyTask)
                                               .map { "\($0.label)\(chosen[$0] == true ? 1 : 0)" }.joined(separator: "，")), on: db)
        }
        return back(month, notice: ReportEntryNotices.countyTasksSaved, on: req)
    }
}
