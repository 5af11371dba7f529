/// 法定退休年龄 under the NPC Standing Committee's decision of 2024-09-13 (domain-rules §5): from 2025-01-01 the
/// retirement age of men (60) and of women whose original age was 55 rises by one month for every four months of
/// birth cohort, to 63 and 58; women whose original age was 50 by one month every two months, to 55. Whoever would
/// have retired before January 2025 keeps the original age.
public enum StatutoryRetirement {
    public enum Group: String, Sendable, CaseIterable, Codable {
        /// 男职工: 60 → 63.
        case man
        /// 原法定退休年龄为五十五周岁的女职工 (women in management and technical posts; flexible workers): 55 → 58.
        case womanFiftyFive
        /// 原法定退休年龄为五十周岁的女职工: 50 → 55.
        case womanFifty

        var originalYears: Int {
            switch self {
            case .man: 60
            case .womanFiftyFive: 55
            case .womanFifty: 50
            }
        }

        /// Months of birth cohort per month of delay, and the most months of delay.
        var step: Int { self == .womanFifty ? 2 : 4 }
        var maximumDelay: Int { self == .womanFifty ? 60 : 36 }
    }

    /// The first month of the reform (January 2025), as a month count.
    static let reformStart = 2025 * 12

    /// The retirement age in months of someone of `group` born on `birth`.
    public static func ageInMonths(_ group: Group, born birth: CalendarDate) -> Int {
        let original = birth.year * 12 + (birth.month - 1) + group.originalYears * 12
        guard original >= reformStart else { return group.originalYears * 12 }
        return group.originalYears * 12 + min(group.maximumDelay, (original - reformStart) / group.step + 1)
    }

    /// The day someone of `group` born on `birth` reaches retirement age (the same day of the month, or the month's
    /// last day when it is shorter).
    public static func date(_ group: Group, born birth: CalendarDate) -> CalendarDate {
        let months = birth.year * 12 + (birth.month - 1) + ageInMonths(group, born: birth)
        let year = months / 12, month = months % 12 + 1
        return CalendarDate(year: year, month: month, day: min(birth.day, CalendarDate.daysIn(month: month, year: year)))!
    }

    /// Whether someone born on `birth` is of working age on `day`: 16 or older and not yet at retirement age.
    public static func isWorkingAge(_ group: Group, born birth: CalendarDate, on day: CalendarDate) -> Bool {
        day >= sixteenthBirthday(born: birth) && day < date(group, born: birth)
    }

    /// The day someone born on `birth` turns 16 (28 February for a 29 February birthday in a common year).
    public static func sixteenthBirthday(born birth: CalendarDate) -> CalendarDate {
        CalendarDate(year: birth.year + 16, month: birth.month, day: min(birth.day, CalendarDate.daysIn(month: birth.month, year: birth.year + 16)))!
    }

    /// The highest retirement age in whole years any group reaches (63): the top of an age range a job may ask for.
    public static let highestAgeYears = 63
}
