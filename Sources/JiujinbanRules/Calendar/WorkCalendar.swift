/// 工作日历: which days are working days, from the State Council's yearly holiday notices (domain rules §2).
///
/// `workday(d) = d ∈ makeupWorkdays OR (Mon–Fri AND d ∉ holidays)`, for the years whose notice is loaded. For any
/// other year the calendar does not guess: it says the year is not loaded, and deadlines that reach into such a
/// year are marked provisional.
public struct WorkCalendar: Hashable, Sendable {
    private let yearsByNumber: [Int: WorkCalendarYear]

    /// A later entry for the same year replaces an earlier one.
    public init(years: [WorkCalendarYear]) {
        yearsByNumber = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { _, later in later })
    }

    /// The loaded years, in ascending order.
    public var years: [WorkCalendarYear] { yearsByNumber.values.sorted { $0.year < $1.year } }

    public var loadedYears: [Int] { yearsByNumber.keys.sorted() }

    public func isLoaded(year: Int) -> Bool { yearsByNumber[year] != nil }

    /// The same calendar with `year` added, or replacing the data already loaded for that year.
    public func loading(_ year: WorkCalendarYear) -> WorkCalendar {
        WorkCalendar(years: Array(yearsByNumber.values) + [year])
    }

    /// Whether `date` is a working day, or that the answer is unknown because its year is not loaded.
    public func isWorkday(_ date: CalendarDate) -> WorkdayStatus {
        let isMondayToFriday = date.isoWeekday <= 5
        guard let year = yearsByNumber[date.year] else {
            return .notLoaded(provisionalWeekdayGuess: isMondayToFriday)
        }
        if year.makeupWorkdays.contains(date) { return .workday }
        if let holiday = year.holidays[date] { return .dayOff(holiday: holiday) }
        return isMondayToFriday ? .workday : .dayOff(holiday: nil)
    }

    /// The deadline of a time limit of `n` working days (办理时限) for a case accepted on `accepted`.
    ///
    /// The day of acceptance does not count; day 1 is the first working day after it, and `n == 0` means the same
    /// day (即时办结). Days in a year that is not loaded are counted by the weekends-only rule and the deadline is
    /// marked provisional. `n` must not be negative.
    public func addingWorkingDays(_ n: Int, to accepted: CalendarDate) -> Deadline {
        precondition(n >= 0, "a time limit in working days cannot be negative")
        var date = accepted
        var remaining = n
        var isProvisional = false
        while remaining > 0 {
            date = date.adding(days: 1)
            let (counts, provisional) = isWorkday(date).countsAsWorkday
            isProvisional = isProvisional || provisional
            if counts { remaining -= 1 }
        }
        return Deadline(date: date, isProvisional: isProvisional)
    }

    /// The number of working days after `start` up to and including `end`: the handling time of a case accepted on
    /// `start` and finished on `end`, so that `workingDaysBetween(d, addingWorkingDays(n, to: d).date)` is `n`.
    /// Zero when `end` is not after `start`. Provisional when a day counted lies in a year that is not loaded.
    public func workingDaysBetween(_ start: CalendarDate, _ end: CalendarDate) -> WorkingDayCount {
        var days = 0
        var isProvisional = false
        var date = start.adding(days: 1)
        while date <= end {
            let (counts, provisional) = isWorkday(date).countsAsWorkday
            isProvisional = isProvisional || provisional
            if counts { days += 1 }
            date = date.adding(days: 1)
        }
        return WorkingDayCount(days: days, isProvisional: isProvisional)
    }
}

/// What the calendar knows about one date.
public enum WorkdayStatus: Hashable, Sendable {
    /// 工作日: Monday to Friday outside a holiday period, or a makeup workday (调休上班).
    case workday
    /// 休息日: a weekend day, or a day inside an official holiday period named by `holiday` (`国庆节`).
    case dayOff(holiday: String?)
    /// The notice for the date's year is not loaded, so the answer is unknown. `provisionalWeekdayGuess` is what the
    /// weekends-only rule says (true for Monday to Friday); it ignores holidays and must be shown as provisional.
    case notLoaded(provisionalWeekdayGuess: Bool)

    /// Whether a deadline counts the day, and whether that rests on a guess.
    var countsAsWorkday: (counts: Bool, provisional: Bool) {
        switch self {
        case .workday: (true, false)
        case .dayOff: (false, false)
        case .notLoaded(let guess): (guess, true)
        }
    }
}

/// 办理期限: the last day of a time limit in working days.
public struct Deadline: Hashable, Sendable {
    public let date: CalendarDate
    /// True when a day counted lies in a year whose holiday notice is not loaded: the date assumes no holidays then
    /// and may move once the notice is loaded.
    public let isProvisional: Bool

    public init(date: CalendarDate, isProvisional: Bool) {
        self.date = date
        self.isProvisional = isProvisional
    }
}

/// A number of working days, such as the handling time of a case.
public struct WorkingDayCount: Hashable, Sendable {
    public let days: Int
    /// True when a day counted lies in a year whose holiday notice is not loaded.
    public let isProvisional: Bool

    public init(days: Int, isProvisional: Bool) {
        self.days = days
        self.isProvisional = isProvisional
    }
}
