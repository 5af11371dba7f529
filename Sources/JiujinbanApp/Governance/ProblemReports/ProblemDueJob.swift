import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// Due-date notices (issue 6, 5): the holding desk is told once on the last day for its reply, and once when a reply
/// or a promised solution is late. Runs hourly in every instance; the stored marker makes a second run (or a second
/// instance) tell nobody twice.
enum ProblemDueJob {
    @discardableResult
    static func run(_ app: Application) async throws -> Int {
        let services = app.jiujinban
        let today = services.clock.today, now = services.clock.now()
        let calendar = WorkCalendarStore.calendar(of: try await WorkCalendarStore.years(builtIn: services.workCalendar, on: app.db))
        let limits = try await ProblemReplyLimits.schedule(on: app.db)
        let open = try await ProblemReportRecord.query(on: app.db)
            .filter(\.$state != ProblemReport.State.solved.rawValue).all()
        var told = 0
        for record in open {
            guard let report = record.report, let id = record.id, let notice = notice(for: report, record, today: today, calendar: calendar, limits: limits),
                  record.overdueNoticed != notice.key else { continue }
            let sent = try await services.writer.write(on: app.db) { db -> Bool in
                guard let fresh = try await ProblemReportRecord.find(id, on: db), fresh.overdueNoticed != notice.key,
                      fresh.state == record.state, fresh.desk == record.desk else { return false }
                fresh.overdueNoticed = notice.key
                try await fresh.update(on: db)
                try await Notifier.notify(try await ProblemDesks.recipients(of: fresh, on: db),
                                          title: "问题反映 \(fresh.number) \(notice.title)", body: notice.body,
                                          link: .problem(id: id), at: now, on: db)
                try await AuditTrail.record(AuditEvent("problem.due_notice", objectType: "problem_report", objectID: fresh.number,
                                                       detail: notice.title),
                                            by: .system, at: now, key: services.keys.auditKey, on: db)
                return true
            }
            if sent { told += 1 }
        }
        return told
    }

    struct Notice {
        let key: String
        let title: String
        let body: String
    }

    static func notice(for report: ProblemReport, _ record: ProblemReportRecord, today: CalendarDate, calendar: WorkCalendar,
                       limits: DatedSchedule<Int>) -> Notice? {
        if report.isOverdue(today: today, calendar: calendar, limits: limits) {
            if report.state == .waiting {
                let due = report.replyDue(calendar: calendar, limits: limits)?.date.description ?? ""
                return Notice(key: "overdue:waiting:\(record.assignedOn)", title: "答复已超期",
                              body: "答复期限为\(due)，已超期，请尽快答复；无法解决的请逐级上报。")
            }
            return Notice(key: "overdue:answered:\(record.promisedBy ?? "")", title: "已超过承诺时限",
                          body: "承诺在\(record.promisedBy ?? "")前解决或反馈，已超期，请尽快反馈处理结果。")
        }
        if let due = report.replyDue(calendar: calendar, limits: limits), due.date == today {
            return Notice(key: "due:\(record.assignedOn)", title: "今日答复到期", body: "今天（\(today)）是答复期限，请及时答复。")
        }
        return nil
    }

    static func schedule(on app: Application) {
        let loop = app.eventLoopGroup.next()
        app.metrics.jobScheduled(.problemDue)
        loop.scheduleRepeatedAsyncTask(initialDelay: .minutes(2), delay: .hours(1)) { _ in
            loop.makeFutureWithTask {
                do {
                    try await run(app)
                    app.metrics.jobSucceeded(.problemDue, at: app.jiujinban.clock.now())
                } catch { app.logger.error("problem due job failed: \(String(reflecting: error))") }
            }
        }
    }
}
