import Foundation

/// 办件编号: `<county code>-<acceptance date>-<sequence>` (`140830-20261129-00042`). The sequence restarts each day
/// in each county; the web layer allocates it from a counter shared by every app instance.
public struct CaseNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let countyCode: String
    public let date: CalendarDate
    public let sequence: Int

    public static let sequences = 1...99_999

    public init?(county: DivisionCode, date: CalendarDate, sequence: Int) {
        guard county.depth == 2, Self.sequences.contains(sequence) else { return nil }
        self.countyCode = county.countyCode
        self.date = date
        self.sequence = sequence
    }

    /// Reads a number as printed on a receipt.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0].count == 6, parts[1].count == 8, parts[2].count == 5,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let county = try? DivisionCode.county(parts[0]),
              let year = Int(parts[1].prefix(4)), let month = Int(parts[1].dropFirst(4).prefix(2)),
              let day = Int(parts[1].suffix(2)), let date = CalendarDate(year: year, month: month, day: day),
              let sequence = Int(parts[2]) else { return nil }
        self.init(county: county, date: date, sequence: sequence)
    }

    /// The counter this number's sequence comes from.
    public static func counterName(county: DivisionCode, date: CalendarDate) -> String {
        "case:\(county.countyCode):\(date.iso)"
    }

    public var text: String {
        // Built by hand: every accepted case prints its number, and Foundation's formatting was a visible share of it.
        countyCode + "-" + date.compact + "-" + sequence.zeroPadded(to: 5)
    }

    public var description: String { text }

    public static func < (lhs: CaseNumber, rhs: CaseNumber) -> Bool {
        (lhs.countyCode, lhs.date, lhs.sequence) < (rhs.countyCode, rhs.date, rhs.sequence)
    }
}
