import Foundation

/// A calendar date (年月日) with no time of day and no time zone.
///
/// Every business date in the product (acceptance day, deadline, disabled-on day) is a calendar date in
/// Asia/Shanghai. Keeping it a plain value avoids the classic bug of a `Date` at midnight UTC that is
/// already the next day in China.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil when the triple is not a real Gregorian date (2026-02-29, 2026-13-01, …).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (ASCII digits, zero-padded).
    public init?(iso string: String) {
        // Byte by byte, `YYYY-MM-DD` in ASCII digits: the import reads a date or two on each of millions of rows, and
        // splitting the text into substrings cost 7 % of its time.
        var y = 0, m = 0, d = 0, index = 0
        for byte in string.utf8 {
            guard index < 10 else { return nil }
            if index == 4 || index == 7 {
                guard byte == 0x2D else { return nil }
            } else {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                let digit = Int(byte - 0x30)
                if index < 4 { y = y * 10 + digit } else if index < 7 { m = m * 10 + digit } else { d = d * 10 + digit }
            }
            index += 1
        }
        guard index == 10 else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date in Asia/Shanghai at the given instant.
    public init(_ instant: Date, in timeZone: TimeZone = .shanghai) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self.year = c.year!
        self.month = c.month!
        self.day = c.day!
    }

    /// `YYYY-MM-DD`, built by hand: dates are printed on every case, step and page, and Foundation's formatting
    /// was a visible share of accepting a case.
    public var iso: String {
        year.zeroPadded(to: 4) + "-" + month.zeroPadded(to: 2) + "-" + day.zeroPadded(to: 2)
    }

    /// `YYYYMMDD`, as in case numbers.
    var compact: String {
        year.zeroPadded(to: 4) + month.zeroPadded(to: 2) + day.zeroPadded(to: 2)
    }

    public var description: String { iso }

    /// 2026年11月29日
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic without Foundation calendars.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let w = (dayNumber + 3) % 7 // 1970-01-01 was a Thursday (ISO 4)
        return (w < 0 ? w + 7 : w) + 1
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension TimeZone {
    /// Every business date in the product is a calendar date in Asia/Shanghai.
    public static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
}

extension Int {
    /// The decimal digits, with leading zeros up to `width` (`7.zeroPadded(to: 3)` is `007`; longer numbers whole).
    func zeroPadded(to width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A calendar date is written as its ISO text (2026-12-06), the same as in the database and in forms.
extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
