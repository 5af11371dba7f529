/// 待遇月份: a month for which a pension is due and paid (`2026-05`).
///
/// Benefits are paid by the month, and suspension, stopping, back pay and recovery all count whole months, so the
/// month is a value of its own with plain arithmetic (`ReportMonth` is the monthly report's, bounded to its years).
public struct PensionMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    public init(containing date: CalendarDate) {
        self.year = date.year
        self.month = date.month
    }

    /// `2026-05`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        self.init(year: year, month: month)
    }

    private init(index: Int) {
        year = index / 12
        month = index % 12 + 1
    }

    /// Months since year 0, for arithmetic.
    var index: Int { year * 12 + month - 1 }

    public func adding(months: Int) -> PensionMonth { PensionMonth(index: index + months) }
    public var next: PensionMonth { adding(months: 1) }

    /// The months from `self` up to, not including, `end` (empty when `end` is not later).
    public func months(until end: PensionMonth) -> [PensionMonth] {
        index < end.index ? (index..<end.index).map(PensionMonth.init(index:)) : []
    }

    public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))! }

    public var description: String { "\(year)-" + (month < 10 ? "0" : "") + String(month) }
    /// 2026年5月
    public var chinese: String { "\(year)年\(month)月" }

    public static func < (lhs: PensionMonth, rhs: PensionMonth) -> Bool { lhs.index < rhs.index }
}
