/// 反馈时限: how many working days a desk has for its first reply to a report that reached it. Attachment 4 asks
/// for replies with a time limit but names no figure; three working days is the platform's rule from its start, kept
/// dated so that a later decision applies to reports that arrive after it.
public enum ProblemReplyLimit {
    public static let schedule = DatedSchedule<Int>([
        .init(from: CalendarDate(year: 2024, month: 1, day: 1)!, value: 3),
    ])

    /// The working days allowed for a reply to a report that reached its desk on `assignedOn`.
    public static func workingDays(assignedOn: CalendarDate) -> Int {
        schedule.value(on: assignedOn)
    }
}

extension ProblemReport {
    /// Overdue under the reply limit in force when the report reached its current desk.
    public func isOverdue(today: CalendarDate, calendar: WorkCalendar) -> Bool {
        isOverdue(today: today, replyWorkingDays: ProblemReplyLimit.workingDays(assignedOn: assignedOn), calendar: calendar)
    }

    /// The last day for the current desk's reply while one is awaited.
    public func replyDue(calendar: WorkCalendar) -> Deadline? {
        state == .waiting
            ? calendar.addingWorkingDays(ProblemReplyLimit.workingDays(assignedOn: assignedOn), to: assignedOn) : nil
    }
}
