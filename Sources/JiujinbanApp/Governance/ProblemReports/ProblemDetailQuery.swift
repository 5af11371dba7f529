import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 问题详情's value: the report as the viewer sees it, display-ready, with what the viewer may do now. Read by
/// `ProblemDetailQuery.load`, rendered by `ProblemDetailPage.render`.
struct ProblemDetail: Sendable {
    struct Entry: Sendable {
        let at: Date
        let actorUnitName: String
        let actorName: String
        /// The step's label with where it went and the promised time (`→ 县级业务管理员（反馈时限3个工作日，至…）`).
        let heading: String
        /// The reply or reason, shown for every step but the filing (whose text is the description above).
        let text: String?
    }

    let id: UUID
    let number: String
    let reporter: String
    let filedAt: Date
    let categoryLabel: String
    let areaLabel: String
    let stateLabel: String
    let isOverdue: Bool
    let deskName: String
    let assignee: String?
    let assignmentGap: Bool
    let path: String
    let limitText: String
    let description: String
    let suggestion: String?
    let screenshotPositions: [Int]
    let entries: [Entry]
    /// The viewer's desk holds the report: it may reply, or escalate to `escalation` when there is a desk above.
    let holds: Bool
    let escalation: String?
    /// The reporter confirms or reopens once an answer came; `maySolve` only after an answer.
    let mayConfirm: Bool
    let maySolve: Bool
}

enum ProblemDetailQuery {
    static func load(
        _ record: ProblemReportRecord, viewer staff: SignedInStaff, calendar: WorkCalendar, limits: DatedSchedule<Int>, today: CalendarDate,
        on db: any Database
    ) async throws -> ProblemDetail {
        let id = try record.requireID()
        let entries = try await ProblemEntryRecord.query(on: db).filter(\.$reportID == id).sort(\.$at).all()
        let shots = try await ProblemScreenshotRecord.query(on: db).filter(\.$reportID == id).sort(\.$position)
            .field(\.$id).field(\.$position).field(\.$reportID).field(\.$mediaType).all()
        let chain = record.chainValue
        let names = try await ProblemDesks.names(of: chain + (record.deskValue?.escalation.map { [$0] } ?? []), on: db)
        let report = record.report
        let myDesk = ProblemDesks.desk(of: staff)
        var assignee: String?
        if let account = record.assigneeAccount { assignee = try await assigneeName(account, on: db) }
        let due = report?.replyDue(calendar: calendar, limits: limits)
        var limitText = ""
        if let due { limitText = "答复期限 \(due.date)" + (due.isProvisional ? "（暂定）" : "") }
        if let promised = record.promisedBy { limitText += (limitText.isEmpty ? "" : "；") + "承诺解决时限 \(promised)" }
        let isReporter = record.reporterAccount == staff.account.id
        return ProblemDetail(
            id: id, number: record.number, reporter: "\(record.reporterUnitName) \(record.reporterName)", filedAt: record.filedAt,
            categoryLabel: record.categoryValue?.label ?? record.category, areaLabel: record.areaValue?.label ?? record.area,
            stateLabel: record.stateValue?.label ?? record.state, isOverdue: report?.isOverdue(today: today, calendar: calendar, limits: limits) == true,
            deskName: record.deskValue.flatMap { names[$0] } ?? record.desk, assignee: assignee, assignmentGap: record.assignmentGap,
            path: chain.compactMap { names[$0] }.joined(separator: " → "), limitText: limitText.isEmpty ? "—" : limitText,
            description: record.problemDescription, suggestion: record.suggestion, screenshotPositions: shots.map(\.position),
            entries: entries.map { entry($0, names: names) },
            holds: myDesk != nil && myDesk == record.deskValue && record.stateValue != .solved,
            escalation: record.deskValue?.escalation.map { names[$0] ?? "上级" },
            mayConfirm: isReporter && record.stateValue != .waiting, maySolve: record.stateValue == .answered)
    }

    static func assigneeName(_ account: UUID, on db: any Database) async throws -> String? {
        guard let record = try await AccountRecord.find(account, on: db) else { return nil }
        return try await StaffPerson.find(record.personID, on: db).map { "\($0.name)（\(Post(rawValue: record.post)?.label ?? record.post)）" }
    }

    static func entry(_ entry: ProblemEntryRecord, names: [ProblemDesk: String]) -> ProblemDetail.Entry {
        var extra = ""
        if let desk = entry.desk.flatMap(ProblemDesk.init(storageKey:)) { extra = " → \(names[desk] ?? desk.storageKey)" }
        if let days = entry.promisedDays, let by = entry.promisedBy { extra += "（反馈时限\(days)个工作日，至\(by)）" }
        return ProblemDetail.Entry(at: entry.at, actorUnitName: entry.actorUnitName, actorName: entry.actorName,
                                   heading: (entry.kindValue?.label ?? entry.kind) + extra,
                                   text: entry.kindValue == .filed ? nil : entry.text)
    }
}

extension ProblemDetailPage {
    static func respond(_ req: Request, _ record: ProblemReportRecord, error: String?, typed: Typed? = nil, status: HTTPStatus)
        async throws -> Response
    {
        let staff = try req.requireStaff()
        let calendar = try await WorkCalendarStore.calendar(req: req)
        let limits = try await ProblemReplyLimits.schedule(req)
        let detail = try await ProblemDetailQuery.load(record, viewer: staff, calendar: calendar, limits: limits, today: req.jiujinban.clock.today,
                                                       on: req.db)
        return HTMLResponse.make(render(detail, error: error, typed: typed, context: PageContext(req)), status: status)
    }
}
