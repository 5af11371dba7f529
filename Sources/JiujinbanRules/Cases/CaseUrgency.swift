/// How urgent an open case is for the work lists of the home page: the working days left until its deadline
/// (negative once overdue), so a list sorted by it puts overdue cases first and the longest-late at the very top.
public struct CaseUrgency: Hashable, Sendable, Comparable {
    /// Working days from today to the deadline: 0 when due today, negative when overdue (by that many working days),
    /// nil for a case with no deadline (即时办结), which sorts last.
    public let workingDaysLeft: Int?

    public init(workingDaysLeft: Int?) { self.workingDaysLeft = workingDaysLeft }

    /// The urgency of a case due on `deadline` (its last allowed day), seen on `today`, counted in working days of
    /// `calendar`: a deadline three working days after today leaves 3; one passed two working days ago, -2. An
    /// overdue case is at least one day late even when the days since were all days off.
    public static func of(deadline: CalendarDate?, today: CalendarDate, calendar: WorkCalendar) -> CaseUrgency {
        guard let deadline else { return CaseUrgency(workingDaysLeft: nil) }
        if deadline >= today { return CaseUrgency(workingDaysLeft: calendar.workingDaysBetween(today, deadline).days) }
        return CaseUrgency(workingDaysLeft: -max(1, calendar.workingDaysBetween(deadline, today).days))
    }

    public var isOverdue: Bool { (workingDaysLeft ?? 0) < 0 }

    /// 超期2个工作日, 今日到期, 剩1个工作日; empty without a deadline.
    public var label: String {
        guard let days = workingDaysLeft else { return "" }
        if days < 0 { return "超期\(-days)个工作日" }
        if days == 0 { return "今日到期" }
        return "剩\(days)个工作日"
    }

    /// Overdue first (the most late first), then the fewest days left; no deadline last.
    public static func < (lhs: CaseUrgency, rhs: CaseUrgency) -> Bool {
        switch (lhs.workingDaysLeft, rhs.workingDaysLeft) {
        case let (left?, right?): left < right
        case (.some, nil): true
        default: false
        }
    }
}
