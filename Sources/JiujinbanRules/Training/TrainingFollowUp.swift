/// 培训意向跟踪反馈 (item 18): an open training intention with no class for it after a number of working days (a
/// dated figure, 10 by default) gets a follow-up case on its service point's workbench, due 5 working days later
/// (the item's time limit); and again the same number of working days after the last follow-up, while the
/// intention stays open.
public enum TrainingFollowUp {
    /// The item's time limit (service-catalog.json, item 18).
    public static let timeLimitWorkingDays = 5

    /// One open intention as the sweep sees it.
    public struct Intention: Sendable, Equatable {
        public let registeredOn: CalendarDate
        /// The day the latest follow-up case was opened for it, if any.
        public let lastFollowUpOn: CalendarDate?
        /// A follow-up case still open: no second one is opened beside it.
        public let followUpOpen: Bool
        /// The point has told the person of a class it fits, starting from today (item 19 follows it).
        public let hasClass: Bool

        public init(registeredOn: CalendarDate, lastFollowUpOn: CalendarDate?, followUpOpen: Bool, hasClass: Bool) {
            self.registeredOn = registeredOn
            self.lastFollowUpOn = lastFollowUpOn
            self.followUpOpen = followUpOpen
            self.hasClass = hasClass
        }
    }

    /// The day a follow-up falls due for `intention` (the working day `waitWorkingDays` after registration or the last
    /// follow-up), or nil when none is wanted (a class found, or a follow-up still open).
    public static func dueOn(_ intention: Intention, waitWorkingDays: Int, calendar: WorkCalendar) -> CalendarDate? {
        guard !intention.hasClass, !intention.followUpOpen else { return nil }
        return calendar.addingWorkingDays(max(0, waitWorkingDays), to: intention.lastFollowUpOn ?? intention.registeredOn).date
    }

    /// Whether the sweep on `today` opens a follow-up case for `intention`.
    public static func opensToday(_ intention: Intention, waitWorkingDays: Int, calendar: WorkCalendar, today: CalendarDate) -> Bool {
        guard let due = dueOn(intention, waitWorkingDays: waitWorkingDays, calendar: calendar) else { return false }
        return due <= today
    }

    /// The follow-up case's deadline: 5 working days after the day it is opened.
    public static func deadline(openedOn: CalendarDate, calendar: WorkCalendar) -> Deadline {
        calendar.addingWorkingDays(timeLimitWorkingDays, to: openedOn)
    }
}
