import Foundation

/// A minute on the wall clock in Asia/Shanghai (`2026-11-28 09:30`): when a job fair opens and closes.
///
/// Like `CalendarDate` it carries no time zone: Shanghai has kept UTC+8 without daylight saving since 1991, so the
/// minute a clerk types is the minute everyone in the province means. `stored` sorts as text in time order, which
/// is how the database compares it with the clock on SQLite and PostgreSQL alike.
public struct WallClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CalendarDate
    /// Minutes after midnight, 0…1439.
    public let minuteOfDay: Int

    public init?(date: CalendarDate, minuteOfDay: Int) {
        guard (0..<1440).contains(minuteOfDay) else { return nil }
        self.date = date
        self.minuteOfDay = minuteOfDay
    }

    /// A date and an `HH:mm` time of day (24-hour clock).
    public init?(date: CalendarDate, time: String) {
        guard let minute = Self.minuteOfDay(time) else { return nil }
        self.init(date: date, minuteOfDay: minute)
    }

    /// `YYYY-MM-DD HH:mm`, as stored.
    public init?(stored: String) {
        let parts = stored.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = CalendarDate(iso: String(parts[0])) else { return nil }
        self.init(date: date, time: String(parts[1]))
    }

    /// The minute in Asia/Shanghai at the given instant.
    public init(_ instant: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .shanghai
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        date = CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
        minuteOfDay = c.hour! * 60 + c.minute!
    }

    /// `HH:mm` with 00–23 and 00–59, else nil.
    public static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    /// `09:30`
    public var time: String { String(format: "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60) }

    /// `2026-11-28 09:30`: sorts as text in time order.
    public var stored: String { "\(date.iso) \(time)" }

    public var description: String { stored }

    /// `2026年11月28日 09:30`
    public var chinese: String { "\(date.chinese) \(time)" }

    /// Minutes since 1970-01-01 00:00 on the wall clock, for arithmetic.
    public var minuteNumber: Int { date.dayNumber * 1440 + minuteOfDay }

    public static func < (lhs: WallClockTime, rhs: WallClockTime) -> Bool { lhs.minuteNumber < rhs.minuteNumber }
}
