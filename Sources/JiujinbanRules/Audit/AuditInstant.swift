import Foundation

/// The time of an audit row: a UTC instant with millisecond precision.
///
/// Audit rows store the integer `millisecondsSince1970`, never a floating-point `Date`, because the chain hash covers
/// the time: a value that drifts by one millisecond through a database round trip would break verification.
public struct AuditInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    /// The instant rounded to the nearest millisecond.
    public init(_ date: Date) {
        millisecondsSince1970 = Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

    /// RFC 3339 in UTC with an explicit offset: `2026-11-29T08:15:30.123+00:00`.
    public var iso8601: String { rendered(utcOffsetMinutes: 0) }

    /// The wall-clock time at a fixed offset from UTC, with that offset: `rendered(utcOffsetMinutes: 480)` gives
    /// `2026-11-29T16:15:30.123+08:00` (Asia/Shanghai, which has had no daylight saving since 1991).
    public func rendered(utcOffsetMinutes: Int) -> String {
        let millisecondsPerDay: Int64 = 86_400_000
        let local = millisecondsSince1970 + Int64(utcOffsetMinutes) * 60_000
        let (days, remainder) = Self.flooredDivision(local, millisecondsPerDay)
        let date = CalendarDate(dayNumber: Int(days))
        let milliseconds = Int(remainder)
        let time = String(
            format: "%02d:%02d:%02d.%03d",
            milliseconds / 3_600_000, milliseconds / 60_000 % 60, milliseconds / 1000 % 60, milliseconds % 1000
        )
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let offset = String(format: "%02d:%02d", abs(utcOffsetMinutes) / 60, abs(utcOffsetMinutes) % 60)
        return "\(date.iso)T\(time)\(sign)\(offset)"
    }

    public var description: String { iso8601 }

    public static func < (lhs: AuditInstant, rhs: AuditInstant) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    /// Division rounding towards negative infinity, so instants before 1970 land on the right day.
    private static func flooredDivision(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = a % b
        return remainder < 0 ? (a / b - 1, remainder + b) : (a / b, remainder)
    }
}
