import Foundation

/// 节假日安排: one year of the State Council's holiday notice (国务院办公厅关于部分节假日安排的通知).
///
/// Every date belongs to the record of its own calendar year. Should a notice ever move a day of the previous
/// year (the 2012 notice made Saturday 2011-12-31 a working day), that day goes into the previous year's record.
public struct WorkCalendarYear: Hashable, Sendable {
    /// Years an admin may load: far enough on both sides for history and for the next notices.
    public static let supportedYears = 2000...2100

    public let year: Int
    /// The notice's title and address, shown beside every date the year decides.
    public let notice: String
    /// Every day off inside an official holiday period, weekends included, with the holiday's name (`国庆节`).
    public let holidays: [CalendarDate: String]
    /// 调休上班: Saturdays and Sundays worked in exchange for days off.
    public let makeupWorkdays: Set<CalendarDate>

    /// Validates the data and returns every problem at once: a year outside `supportedYears`, an empty notice,
    /// no holidays, a date outside the year, a date in both lists, a makeup workday on a weekday, an empty
    /// holiday name. Holiday names and the notice are trimmed of surrounding white space.
    public init(
        year: Int, notice: String, holidays: [CalendarDate: String], makeupWorkdays: Set<CalendarDate>
    ) throws(WorkCalendarDataError) {
        var problems: [WorkCalendarProblem] = []
        let knownYear = Self.supportedYears.contains(year) ? year : nil
        if knownYear == nil { problems.append(.invalidYear(String(year))) }
        problems += Self.noticeProblems(notice, year: year)
        problems += Self.dateProblems(year: knownYear, holidays: holidays, makeupWorkdays: makeupWorkdays)
        guard problems.isEmpty else { throw WorkCalendarDataError(problems: problems) }
        self.init(unchecked: year, notice: notice, holidays: holidays, makeupWorkdays: makeupWorkdays)
    }

    /// For data already validated by the caller.
    init(unchecked year: Int, notice: String, holidays: [CalendarDate: String], makeupWorkdays: Set<CalendarDate>) {
        self.year = year
        self.notice = notice.trimmingCharacters(in: .whitespacesAndNewlines)
        self.holidays = holidays.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        self.makeupWorkdays = makeupWorkdays
    }

    static func noticeProblems(_ notice: String, year: Int) -> [WorkCalendarProblem] {
        notice.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? [.emptyNotice(year: year)] : []
    }

    /// The rules on the dates themselves, in date order. `year` is nil when the year itself is unusable, in which
    /// case dates cannot be checked against it.
    static func dateProblems(
        year: Int?, holidays: [CalendarDate: String], makeupWorkdays: Set<CalendarDate>
    ) -> [WorkCalendarProblem] {
        var problems: [WorkCalendarProblem] = []
        if let year, holidays.isEmpty { problems.append(.noHolidays(year: year)) }
        for (date, name) in holidays.sorted(by: { $0.key < $1.key }) {
            if let year, date.year != year { problems.append(.dateOutsideYear(date, year: year)) }
            if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(.emptyHolidayName(date))
            }
            if makeupWorkdays.contains(date) { problems.append(.dateInBothLists(date)) }
        }
        for date in makeupWorkdays.sorted() {
            if let year, date.year != year { problems.append(.dateOutsideYear(date, year: year)) }
            if date.isoWeekday < 6 { problems.append(.makeupWorkdayNotWeekend(date)) }
        }
        return problems
    }
}
