/// 城乡居民养老保险的险种: the two resident pension schemes a person enrols in (domain-rules §4, policy-figures.md).
///
/// 基本险 is the national 城乡居民基本养老保险 (国发〔2014〕8号); 补充险 is Shanxi's 城乡居民补充养老保险
/// (《山西省城乡居民补充养老保险条例》, from 2021-01-01). The scheme fixes the drawing age and the full number of
/// contribution years; every amount and date around it is a figure the caller passes in.
public enum PensionScheme: String, Sendable, CaseIterable, Codable {
    case residentBasic
    case residentSupplementary

    /// 规定领取年龄: 60 for the basic scheme, 65 for the supplementary one (mission documents, item 32's text).
    public var drawingAge: Int {
        switch self {
        case .residentBasic: 60
        case .residentSupplementary: 65
        }
    }

    /// 15 years: the full contribution period of both schemes (国发〔2014〕8号; the Shanxi regulation).
    public static let fullContributionYears = 15

    /// 城乡居民基本养老保险 / 城乡居民补充养老保险, as printed on receipts.
    public var chinese: String {
        switch self {
        case .residentBasic: "城乡居民基本养老保险"
        case .residentSupplementary: "城乡居民补充养老保险"
        }
    }

    /// 基本险 / 补充险, where the scheme is named beside a year or an amount.
    public var shortChinese: String {
        switch self {
        case .residentBasic: "基本险"
        case .residentSupplementary: "补充险"
        }
    }
}

/// Ages as 周岁, from the birth date on the ID number (`ResidentIDNumber.birthDate`), with the convention
/// `CalendarDate.completedYears(since:)` already states: someone born on 29 February turns a year older on 1 March
/// in a common year. Every pension rule here counts ages this one way, so "turns 60" and "is 60" never disagree.
public enum PensionAge {
    /// The age in completed years on `date`.
    public static func age(born: CalendarDate, on date: CalendarDate) -> Int {
        date.completedYears(since: born)
    }

    /// The first day on which someone born on `born` is `years` old (1 March for a 29 February birthday in a
    /// common year, matching `age(born:on:)`).
    public static func birthday(_ years: Int, born: CalendarDate) -> CalendarDate {
        let year = born.year + years
        if born.month == 2, born.day == 29, !CalendarDate.isLeap(year) {
            return CalendarDate(year: year, month: 3, day: 1)!
        }
        return CalendarDate(year: year, month: born.month, day: born.day)!
    }
}
