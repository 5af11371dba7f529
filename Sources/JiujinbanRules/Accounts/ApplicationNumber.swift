import Foundation

/// 申请单编号: the number of an account application, `<county code>-<year>-<sequence>` (`140830-2026-0007`).
///
/// The sequence restarts at 1 each year in each county; the web layer allocates it.
public struct ApplicationNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The county's 6-digit code (`140830`).
    public let countyCode: String
    public let year: Int
    public let sequence: Int

    public static let years = 2000...9999
    public static let sequences = 1...9999

    /// Builds the number from its parts; nil when `county` is not a county-level code or the year or sequence
    /// does not fit its four digits.
    public init?(county: DivisionCode, year: Int, sequence: Int) {
        guard county.depth == 2, Self.years.contains(year), Self.sequences.contains(sequence) else { return nil }
        self.countyCode = county.countyCode
        self.year = year
        self.sequence = sequence
    }

    /// Reads a number as printed on the form.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 6, parts[1].count == 4, parts[2].count == 4,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let county = try? DivisionCode.county(String(parts[0])),
              let year = Int(parts[1]), let sequence = Int(parts[2]) else { return nil }
        self.init(county: county, year: year, sequence: sequence)
    }

    /// `140830-2026-0007`
    public var text: String {
        "\(countyCode)-\(year)-" + String(format: "%04d", sequence)
    }

    public var description: String { text }

    public static func < (lhs: ApplicationNumber, rhs: ApplicationNumber) -> Bool {
        (lhs.countyCode, lhs.year, lhs.sequence) < (rhs.countyCode, rhs.year, rhs.sequence)
    }
}
