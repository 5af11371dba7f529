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

    public init(_ raw: String) throws(Problem) {
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard value.count == 12, value.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notTwelveDigits }
        self.value = value
        guard Self.segments(of: value)[0] != 0 else { throw .badStructure }
        // A lower segment may only be set when every higher one is.
        var seenZero = false
        for segment in Self.segments(of: value) {
            if segment == 0 { seenZero = true } else if seenZero { throw .badStructure }
        }
    }

    /// Province, city, county, township and village segments as integers.
    static func segments(of value: String) -> [Int] {
        let chars = Array(value)
        let bounds = [(0, 2), (2, 4), (4, 6), (6, 9), (9, 12)]
        return bounds.map { Int(String(chars[$0.0..<$0.1]))! }
    }

    /// The depth the code's structure implies (0 province … 4 village or community).
    public var depth: Int {
        let segments = Self.segments(of: value)
        return (segments.lastIndex { $0 != 0 }) ?? 0
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
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 6 { return try DivisionCode(trimmed + "000000") }
        return try DivisionCode(trimmed)
    }

    public var description: String { value }

    public static func < (lhs: DivisionCode, rhs: DivisionCode) -> Bool { lhs.value < rhs.value }
}
