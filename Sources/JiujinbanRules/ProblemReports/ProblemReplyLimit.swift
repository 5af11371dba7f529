/// 反馈时限: how many working days a desk has for its first reply to a report that reached it. Attachment 4 asks for
/// replies with a time limit but names no figure; the platform began with three working days. The limit is a dated
/// policy figure (`PolicyFigureKey.problemReplyWorkingDays`, 待核实 until the province decides): the app passes its
/// schedule in, and a report is held to the limit in force on the day it reached its current desk, so a later
/// decision applies to reports that arrive after it.
extension ProblemReport {
    /// The working days allowed for a reply to this report at its current desk.
    public func replyWorkingDays(limits: DatedSchedule<Int>) -> Int {
        max(limits.value(on: assignedOn), 0)
    }

    /// Overdue under the reply limit in force when the report reached its current desk.
    public func isOverdue(today: CalendarDate, calendar: WorkCalendar, limits: DatedSchedule<Int>) -> Bool {
        isOverdue(today: today, replyWorkingDays: replyWorkingDays(limits: limits), calendar: calendar)
    }

    /// The last day for the current desk's reply while one is awaited.
    public func replyDue(calendar: WorkCalendar, limits: DatedSchedule<Int>) -> Deadline? {
        state == .waiting ? calendar.addingWorkingDays(replyWorkingDays(limits: limits), to: assignedOn) : nil
    }
}
