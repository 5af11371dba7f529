import Foundation

/// 统计用区划代码: the 12-digit statistical division code of the National Bureau of Statistics,
/// `PP CC DD TTT VVV` — province, city, county, township, village/community.
///
/// The code carries its own position in the tree: a division's subtree is every code that starts with its
/// significant prefix, which is how data scope by division is checked without walking the tree.
public struct DivisionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: String

    public enum Problem: Error, Equatable, Sendable {
        case notTwelveDigits
        case badStructure

        public var message: String {
            switch self {
            case .notTwelveDigits: "区划代码应为12位数字"
            case .badStructure: "区划代码的层级结构不正确（下级代码非零时上级代码不能为零）"
            }
        }
    }

    /// The depth the code's structure implies (0 province … 4 village or community). Kept from parsing: scope and
    /// permission checks ask for it many times per request.
    public let depth: Int

    public init(_ raw: String) throws(Problem) {
        let value = raw.trimmingSpaces
        guard value.utf8.count == 12, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { throw .notTwelveDigits }
        self.value = value
        let segments = Self.segments(of: value)
        guard segments[0] != 0 else { throw .badStructure }
        // A lower segment may only be set when every higher one is.
        var seenZero = false
        for segment in segments {
            if segment == 0 { seenZero = true } else if seenZero { throw .badStructure }
        }
        depth = segments.lastIndex { $0 != 0 } ?? 0
    }

    /// Province, city, county, township and village segments as integers (the value is 12 ASCII digits).
    static func segments(of value: String) -> [Int] {
        var segments: [Int] = []
        segments.reserveCapacity(5)
        var number = 0
        for (offset, byte) in value.utf8.enumerated() {
            number = number * 10 + Int(byte - 0x30)
            if [1, 3, 5, 8, 11].contains(offset) {
                segments.append(number)
                number = 0
            }
        }
        return segments
    }

    /// Whether `level` is consistent with the code: the depth must match, and at village depth the NBS
    /// convention numbers residents' committees (社区) 001–199 and village committees (村) 200–399.
    public func admits(_ level: DivisionLevel) -> Bool {
        guard level.depth == depth else { return false }
        let last = Self.segments(of: value)[4]
        switch level {
        case .community: return (1...199).contains(last)
        case .village: return (200...399).contains(last)
        default: return true
        }
    }

    /// The code of the division directly above, derived from the structure.
    public var parent: DivisionCode? {
        let d = depth
        guard d > 0 else { return nil }
        let lengths = [2, 4, 6, 9, 12]
        let keep = lengths[d - 1]
        return try? DivisionCode(String(value.prefix(keep)) + String(repeating: "0", count: 12 - keep))
    }

    /// The significant prefix: every descendant's code starts with it (`140830` for 芮城县).
    public var scopePrefix: String {
        let lengths = [2, 4, 6, 9, 12]
        return String(value.prefix(lengths[depth]))
    }

    /// Whether `other` is this division or lies below it.
    public func contains(_ other: DivisionCode) -> Bool {
        other.value.hasPrefix(scopePrefix)
    }

    /// The 6-digit administrative code used in IDs and on the command line (`140830`).
    public var countyCode: String { String(value.prefix(6)) }

    /// Accepts a 6-digit county code or a full 12-digit code on the command line.
    public static func county(_ raw: String) throws(Problem) -> DivisionCode {
        let trimmed = raw.trimmingSpaces
        if trimmed.count == 6 { return try DivisionCode(trimmed + "000000") }
        return try DivisionCode(trimmed)
    }

    public var description: String { value }

    public static func < (lhs: DivisionCode, rhs: DivisionCode) -> Bool { lhs.value < rhs.value }
}
