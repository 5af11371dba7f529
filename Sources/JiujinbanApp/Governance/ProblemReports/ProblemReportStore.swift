import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// Filing a report, acting on it, and what each user may see. Every change is one transaction with its timeline
/// entry, its notifications and its audit row.
enum ProblemReportStore {
    /// Why a category has no desk for the reporter; the form names it at the category (`ProblemReportsController`).
    static let noDeskMessage = "业务指导性问题由县级人社部门答复；市、省级人社部门的问题请选择“系统问题”或“功能性问题”，或直接联系上级业务处室"

    /// Files a validated report: routes it (attachment 4, 三), assigns it, stores its screenshots, tells the desk.
    /// A repeated submission of the same form returns the report already filed.
    static func file(_ facts: ProblemReportFacts, submissionKey: String, staff: SignedInStaff, req: Request) async throws -> UUID {
        let unit = staff.account.unit
        guard let desk = ProblemDesk.first(for: facts.category, reporterDivision: unit.divisionCode) else {
            throw PublicError(.unprocessableEntity, noDeskMessage)
        }
        if let existing = try await existing(reporter: staff.account.id, key: submissionKey, on: req.db) { return existing }
        let assignment: ResponsibilityList.Assignment? = if case .department(let county) = desk {
            try await ProblemDesks.assignment(county: county, area: facts.area, on: req.db)
        } else { nil }
        let now = req.jiujinban.clock.now(), today = req.jiujinban.clock.today
        let deskName = try await ProblemDesks.names(of: [desk], on: req.db)[desk] ?? desk.storageKey
        let province = unit.province
        do {
            return try await req.write { db in
                if let existing = try await existing(reporter: staff.account.id, key: submissionKey, on: db) { return existing }
                let day = today.description.replacingOccurrences(of: "-", with: "")
                let sequence = try await SequenceAllocator.next("problem-\(day)", on: db)
                let record = ProblemReportRecord()
                let id = UUID()
                record.id = id
                record.number = "WT\(day)" + String(format: "%04d", sequence)
                record.category = facts.category.rawValue
                record.area = facts.area.rawValue
                record.problemDescription = facts.description
                record.suggestion = facts.suggestion
                record.reporterAccount = staff.account.id
                record.reporterName = staff.personName
                record.reporterUnitName = staff.unitName
                record.reporterDivision = unit.divisionCode.value
                record.reporterGroup = ProblemDesks.group(of: unit).value
                record.desk = desk.storageKey
                record.chain = desk.storageKey
                record.assigneeAccount = assignment?.account
                record.assignmentGap = assignment?.isGap ?? false
                record.state = ProblemReport.State.waiting.rawValue
                record.filedAt = now
                record.filedOn = today.description
                record.assignedOn = today.description
                record.escalations = 0
                record.submissionKey = submissionKey
                record.updatedAt = now
                try await record.create(on: db)
                for (position, image) in facts.screenshots.enumerated() {
                    try await ProblemScreenshotRecord(reportID: id, position: position + 1, image: image).create(on: db)
                }
                try await ProblemEntryRecord(reportID: id, at: now, by: staff, kind: .filed, text: facts.description, desk: desk)
                    .create(on: db)
                let recipients: [UUID] = if let assignment {
                    assignment.account.map { [$0] } ?? []
                } else {
                    try await ProblemDesks.members(of: desk, province: province, on: db)
                }
                let gapNote = assignment?.isGap == true
                    ? "（责任清单未指定“\(facts.area.label)”领域的业务骨干，由县级业务管理员暂为答复，请补全责任清单）" : ""
                try await Notifier.notify(
                    recipients.filter { $0 != staff.account.id }, title: "新的问题反映 \(record.number)",
                    body: "\(staff.unitName)\(staff.personName)反映了\(facts.category.label)（\(facts.area.label)），已转\(deskName)，请按时限答复。\(gapNote)",
                    link: .problem(id: id), at: now, on: db)
                var detail = "\(facts.category.label)·\(facts.area.label) → \(deskName)"
                if let assignment { detail += assignment.account == nil ? "，未指定承办人" : (assignment.isGap ? "，责任清单缺项，转县级业务管理员" : "，转责任清单业务骨干") }
                try await req.audit(AuditEvent("problem.file", objectType: "problem_report", objectID: record.number, detail: detail), on: db)
                return id
            }
        } catch let error where !(error is any AbortError) {
            // Two copies of one form raced past the check: the unique index kept one, which is the answer.
            guard let existing = try await existing(reporter: staff.account.id, key: submissionKey, on: req.db) else { throw error }
            return existing
        }
    }

    static func existing(reporter: UUID, key: String, on db: any Database) async throws -> UUID? {
        try await ProblemReportRecord.query(on: db).filter(\.$reporterAccount == reporter).filter(\.$submissionKey == key)
            .first()?.id
    }

    /// Applies `action` by the signed-in user. A refusal is audited and returned; nothing else is written.
    static func act(_ action: ProblemReport.Action, on id: UUID, staff: SignedInStaff, req: Request)
        async throws -> Result<Void, ProblemReport.Problem> {
        let calendar = try await WorkCalendarStore.calendar(req: req)
        let now = req.jiujinban.clock.now(), today = req.jiujinban.clock.today
        let actor = ProblemReport.Actor(account: staff.account.id, desk: ProblemDesks.desk(of: staff))
        let allDesks = try await ProblemReportRecord.find(id, on: req.db).map { $0.chainValue + ($0.deskValue?.escalation.map { [$0] } ?? []) } ?? []
        let names = try await ProblemDesks.names(of: allDesks, on: req.db)
        return try await req.write { db -> Result<Void, ProblemReport.Problem> in
            guard let record = try await ProblemReportRecord.find(id, on: db), let report = record.report else {
                throw PublicError.notFound("该问题")
            }
            switch report.applying(action, by: actor, today: today, calendar: calendar) {
            case .failure(let problem):
                try await req.audit(AuditEvent("problem.\(Self.name(of: action))", objectType: "problem_report",
                                               objectID: record.number, result: .denied, detail: problem.message), on: db)
                return .failure(problem)
            case .success(let next):
                record.apply(next)
                record.updatedAt = now
                record.overdueNoticed = nil
                let entry: ProblemEntryRecord
                var told: [UUID] = []
                var message = ""
                switch action {
                case .reply(let text, let days):
                    if record.firstReplyOn == nil { record.firstReplyOn = today.description }
                    entry = ProblemEntryRecord(reportID: id, at: now, by: staff, kind: .replied, text: text, promisedDays: days,
                                               promisedBy: next.promisedBy)
                    told = [record.reporterAccount]
                    message = "\(names[next.desk] ?? "承办单位")已答复，反馈时限至\(next.promisedBy?.description ?? "")。请确认是否解决。"
                case .markSolved:
                    record.solvedOn = today.description
                    entry = ProblemEntryRecord(reportID: id, at: now, by: staff, kind: .solved)
                    told = try await ProblemDesks.recipients(of: record, on: db)
                    message = "反映人已确认问题解决。"
                case .reopen(let comment):
                    record.solvedOn = nil
                    entry = ProblemEntryRecord(reportID: id, at: now, by: staff, kind: .reopened, text: comment)
                    told = try await ProblemDesks.recipients(of: record, on: db)
                    message = "反映人认为问题未解决，已重新反映：\(comment.prefix(60))"
                case .escalate(let reason):
                    record.escalations += 1
                    record.assigneeAccount = nil
                    record.assignmentGap = false
                    entry = ProblemEntryRecord(reportID: id, at: now, by: staff, kind: .escalated, text: reason, desk: next.desk)
                    told = try await ProblemDesks.recipients(of: record, on: db) + [record.reporterAccount]
                    message = "\(names[report.desk] ?? "下级")无法解决，已上报\(names[next.desk] ?? "上级")：\(reason.prefix(60))"
                }
                try await record.update(on: db)
                try await entry.create(on: db)
                try await Notifier.notify(told.filter { $0 != staff.account.id }, title: "问题反映 \(record.number) \(entry.kindValue?.label ?? "")",
                                          body: message, link: .problem(id: id), at: now, on: db)
                try await req.audit(AuditEvent("problem.\(Self.name(of: action))", objectType: "problem_report",
                                               objectID: record.number, detail: Self.detail(of: action, next: next, names: names)), on: db)
                return .success(())
            }
        }
    }

    static func name(of action: ProblemReport.Action) -> String {
        switch action {
        case .reply: "reply"
        case .markSolved: "solve"
        case .reopen: "reopen"
        case .escalate: "escalate"
        }
    }

    static func detail(of action: ProblemReport.Action, next: ProblemReport, names: [ProblemDesk: String]) -> String {
        switch action {
        case .reply(_, let days): "承诺\(days)个工作日内（至\(next.promisedBy?.description ?? "")）"
        case .markSolved: "已解决"
        case .reopen: "重新反映"
        case .escalate: "上报至\(names[next.desk] ?? next.desk.storageKey)"
        }
    }

    /// Whether the signed-in user may see the report: its reporter, everyone on its chain of desks, and overseers
    /// (county, city and province business admins, city officers, the task force) of the reporter's division.
    static func sees(_ record: ProblemReportRecord, _ staff: SignedInStaff) -> Bool {
        if record.reporterAccount == staff.account.id { return true }
        if let desk = ProblemDesks.desk(of: staff), record.chainValue.contains(desk) { return true }
        guard staff.may(.problemOversight), let division = try? DivisionCode(record.reporterDivision) else { return false }
        return staff.scope.covers(divisionCode: division)
    }

    struct Filter: Sendable, Equatable {
        var state: ProblemReport.State?
        var category: ProblemCategory?
        var area: BusinessArea?
        /// A county (or city) code the reporter belongs to.
        var group: String?
        var overdueOnly = false
    }

    /// The reports the user sees under `filter`, newest first, at most `limit`; overdue is judged on `today`.
    static func list(for staff: SignedInStaff, filter: Filter, limit: Int, calendar: WorkCalendar, limits: DatedSchedule<Int>,
                     today: CalendarDate, on db: any Database) async throws -> [ProblemReportRecord] {
        let query = ProblemReportRecord.query(on: db).group(.or) { or in
            or.filter(\.$reporterAccount == staff.account.id)
            if let desk = ProblemDesks.desk(of: staff) { or.filter(\.$chain ~~ desk.storageKey) }
            if staff.may(.problemOversight), case .subtree(let root) = staff.scope {
                or.filter(\.$reporterDivision =~ root.scopePrefix)
            }
        }
        if let state = filter.state { query.filter(\.$state == state.rawValue) }
        if let category = filter.category { query.filter(\.$category == category.rawValue) }
        if let area = filter.area { query.filter(\.$area == area.rawValue) }
        if let group = filter.group { query.filter(\.$reporterGroup == group) }
        if filter.overdueOnly { query.filter(\.$state != ProblemReport.State.solved.rawValue) }
        let rows = try await query.sort(\.$filedAt, .descending).sort(\.$number, .descending)
            .limit(filter.overdueOnly ? max(limit, 10_000) : limit).all()
        // The SQL above narrows; the rules decide (a chain LIKE or a prefix never widens what the rules allow).
        let seen = rows.filter { sees($0, staff) }
        guard filter.overdueOnly else { return seen }
        return Array(seen.filter { $0.report?.isOverdue(today: today, calendar: calendar, limits: limits) == true }.prefix(limit))
    }
}
