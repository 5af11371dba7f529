/// 月度报送 (note 5 of attachment 2): each township sends its part of the month's table to the county's leading-group
/// office (领导小组办公室) by the deadline day (the 20th); after that, entry is locked unless the county grants a
/// time-boxed exception. The office accepts a submission or returns it with a comment; an accepted one is final.
///
/// The deadline day is a dated policy figure (`PolicyFigureKey.monthlyReportDeadlineDay`): the app passes its
/// schedule in, and the value in force on the first day of a month is that month's.
public enum ReportCycle {
    /// The last day for the month's submission.
    public static func deadline(for month: ReportMonth, deadlineDays: DatedSchedule<Int>) -> CalendarDate {
        let day = min(max(deadlineDays.value(on: month.firstDay), 1), CalendarDate.daysIn(month: month.month, year: month.year))
        return CalendarDate(year: month.year, month: month.month, day: day)!
    }

    public enum State: String, CaseIterable, Sendable, Codable {
        /// 填报中
        case draft
        /// 已报送
        case submitted
        /// 已采用 (accepted by the county)
        case accepted
        /// 已退回 (returned for correction)
        case returned

        public var label: String {
            switch self {
            case .draft: "填报中"
            case .submitted: "已报送"
            case .accepted: "已采用"
            case .returned: "已退回"
            }
        }
    }

    public enum Refusal: Error, Equatable, Sendable {
        case locked(month: ReportMonth, deadline: CalendarDate)
        case exceptionExpired(until: CalendarDate)
        case alreadyAccepted
        case notSubmitted
        case commentRequired

        public var message: String {
            switch self {
            case .locked(let month, let deadline):
                "\(month)的调度表已于\(deadline)截止填报（每月\(deadline.day)日前报送）。如需补报，请向县领导小组办公室申请延期。"
            case .exceptionExpired(let until): "延期填报已于\(until)到期，不能再修改"
            case .alreadyAccepted: "本月调度表已被县领导小组办公室采用，不能再修改"
            case .notSubmitted: "本月调度表尚未报送"
            case .commentRequired: "退回时请填写退回原因"
            }
        }
    }

    /// Whether a township may still enter or submit the month's part on `today`: before the deadline, or within an
    /// exception the county granted; never once accepted.
    public static func mayEdit(month: ReportMonth, state: State, today: CalendarDate, exceptionUntil: CalendarDate?,
                               deadlineDays: DatedSchedule<Int>) -> Refusal? {
        if state == .accepted { return .alreadyAccepted }
        let deadline = deadline(for: month, deadlineDays: deadlineDays)
        if today <= deadline { return nil }
        guard let until = exceptionUntil else { return .locked(month: month, deadline: deadline) }
        return today <= until ? nil : .exceptionExpired(until: until)
    }

    /// The county's decision on a submission.
    public static func decide(state: State, accept: Bool, comment: String) -> Result<State, Refusal> {
        guard state == .submitted else { return .failure(state == .accepted ? .alreadyAccepted : .notSubmitted) }
        if accept { return .success(.accepted) }
        return comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? .failure(.commentRequired) : .success(.returned)
    }

    /// 及时: submitted by the deadline (a submission within an exception counts as late, with its exception).
    public static func isOnTime(submittedOn: CalendarDate, month: ReportMonth, deadlineDays: DatedSchedule<Int>) -> Bool {
        submittedOn <= deadline(for: month, deadlineDays: deadlineDays)
    }

    /// The longest exception a county may grant, in days after the request.
    public static let maximumExceptionDays = 15
}
