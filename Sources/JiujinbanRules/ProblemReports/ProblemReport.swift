import Foundation

/// One reported problem on its way up the chain (attachment 4): the desk holding it replies with guidance and a
/// promised time limit in working days, the reporter marks it solved or reopens it, and a desk that cannot solve it
/// escalates it, county → city → provincial task force. Everyone who held it, and the reporter, keeps seeing it.
public struct ProblemReport: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// 待答复: waiting for the holding desk's reply.
        case waiting
        /// 已答复: replied; the reporter is to confirm or reopen.
        case answered
        /// 已解决: the reporter confirmed it solved.
        case solved

        public var label: String {
            switch self {
            case .waiting: "待答复"
            case .answered: "已答复"
            case .solved: "已解决"
            }
        }
    }

    public enum Action: Sendable, Equatable {
        case reply(text: String, promisedWorkingDays: Int)
        case markSolved
        case reopen(comment: String)
        case escalate(reason: String)
    }

    /// Who acts: an account, and the desk it answers for (nil for a service point's staff).
    public struct Actor: Sendable, Equatable {
        public let account: UUID
        public let desk: ProblemDesk?

        public init(account: UUID, desk: ProblemDesk?) {
            self.account = account
            self.desk = desk
        }
    }

    public let reporter: UUID
    public private(set) var desk: ProblemDesk
    public private(set) var state: State
    /// Every desk that has held the report, in order; the last is `desk`.
    public private(set) var chain: [ProblemDesk]
    /// The day the current desk received it (first reply counts from here).
    public private(set) var assignedOn: CalendarDate
    /// The day the last reply promised a solution by.
    public private(set) var promisedBy: CalendarDate?

    public static let maximumTextLength = 2_000
    public static let promisedWorkingDays = 1...30

    public init(reporter: UUID, desk: ProblemDesk, state: State = .waiting, chain: [ProblemDesk]? = nil, assignedOn: CalendarDate,
                promisedBy: CalendarDate? = nil) {
        self.reporter = reporter
        self.desk = desk
        self.state = state
        self.chain = chain ?? [desk]
        self.assignedOn = assignedOn
        self.promisedBy = promisedBy
    }

    /// Whether `actor` may see the report: the reporter, and every desk that has held it.
    public func isVisible(to actor: Actor) -> Bool {
        actor.account == reporter || actor.desk.map(chain.contains) == true
    }

    /// The report after `action`, or why it is refused. `today` is the day of the action.
    public func applying(_ action: Action, by actor: Actor, today: CalendarDate, calendar: WorkCalendar) -> Result<ProblemReport, Problem> {
        var next = self
        switch action {
        case .reply(let text, let days):
            guard actor.desk == desk else { return .failure(.notHoldingDesk) }
            guard state != .solved else { return .failure(.alreadySolved) }
            if let problem = Self.textProblem(text, label: "答复内容") { return .failure(problem) }
            guard Self.promisedWorkingDays.contains(days) else { return .failure(.promisedDaysOutOfRange) }
            next.state = .answered
            next.promisedBy = calendar.addingWorkingDays(days, to: today).date
        case .markSolved:
            guard actor.account == reporter else { return .failure(.onlyReporter) }
            guard state == .answered else { return .failure(state == .solved ? .alreadySolved : .notAnsweredYet) }
            next.state = .solved
        case .reopen(let comment):
            guard actor.account == reporter else { return .failure(.onlyReporter) }
            guard state != .waiting else { return .failure(.notAnsweredYet) }
            if let problem = Self.textProblem(comment, label: "重新反映的说明") { return .failure(problem) }
            next.state = .waiting
            next.assignedOn = today
            next.promisedBy = nil
        case .escalate(let reason):
            guard actor.desk == desk else { return .failure(.notHoldingDesk) }
            guard state != .solved else { return .failure(.alreadySolved) }
            guard let above = desk.escalation else { return .failure(.nothingAbove) }
            if let problem = Self.textProblem(reason, label: "上报原因") { return .failure(problem) }
            next.desk = above
            next.chain.append(above)
            next.state = .waiting
            next.assignedOn = today
            next.promisedBy = nil
        }
        return .success(next)
    }

    /// Overdue: no reply within `replyWorkingDays` of reaching the desk, or not solved by the promised day.
    public func isOverdue(today: CalendarDate, replyWorkingDays: Int, calendar: WorkCalendar) -> Bool {
        switch state {
        case .solved: return false
        case .waiting: return today > calendar.addingWorkingDays(replyWorkingDays, to: assignedOn).date
        case .answered: return promisedBy.map { today > $0 } ?? false
        }
    }

    static func textProblem(_ text: String, label: String) -> Problem? {
        var errors = FieldErrors()
        _ = ProblemReportDraft.multiline(text, field: "text", label: label, maxLength: maximumTextLength, required: true, into: &errors)
        return errors.problems.first.map { Problem.badText($0.message) }
    }

    public enum Problem: Error, Equatable, Sendable {
        case notHoldingDesk
        case onlyReporter
        case alreadySolved
        case notAnsweredYet
        case nothingAbove
        case promisedDaysOutOfRange
        case badText(String)

        public var message: String {
            switch self {
            case .notHoldingDesk: "只有当前承办单位可以答复或上报该问题"
            case .onlyReporter: "只有问题反映人可以确认解决或重新反映"
            case .alreadySolved: "该问题已确认解决"
            case .notAnsweredYet: "该问题尚未答复"
            case .nothingAbove: "省工作专班是最高一级，无法继续上报"
            case .promisedDaysOutOfRange: "反馈时限应为\(ProblemReport.promisedWorkingDays.lowerBound)至\(ProblemReport.promisedWorkingDays.upperBound)个工作日"
            case .badText(let message): message
            }
        }
    }
}
