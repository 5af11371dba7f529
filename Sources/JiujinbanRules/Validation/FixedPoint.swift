import Foundation

/// Exact decimal input for figures such as 3.5 公里 or 1175.55 平方公里, kept as integers of a fixed unit so that
/// sums in reports never drift the way binary floating point does.
public enum FixedPoint {
    public enum Problem: Error, Equatable, Sendable {
        case unreadable
        case negative
        case tooManyDecimals(Int)
    }

    /// Parses `"1175.55"` with `fractionDigits: 2` into `117555`. Accepts full-width digits and a thousands comma.
    public static func parse(_ raw: String, fractionDigits: Int) -> Result<Int, Problem> {
        let text = String(raw.trimmingCharacters(in: .whitespaces).map(Self.halfWidth)).replacingOccurrences(of: ",", with: "")
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("-") { negative = true; body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, !parts[0].isEmpty,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), parts[0].count <= 12 else {
            return .failure(.unreadable)
        }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard parts.count == 1 || !fraction.isEmpty else { return .failure(.unreadable) }
        guard fraction.count <= fractionDigits else { return .failure(.tooManyDecimals(fractionDigits)) }
        let padded = fraction + String(repeating: "0", count: fractionDigits - fraction.count)
        guard let whole = Int(parts[0]), let frac = Int(padded.isEmpty ? "0" : padded) else { return .failure(.unreadable) }
        var scale = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let value = whole * scale + frac
        if negative && value != 0 { return .failure(.negative) }
        return .success(value)
    }

    /// Formats `117555` with 2 fraction digits as `1175.55`; trailing zeros are kept for column alignment.
    public static func format(_ value: Int, fractionDigits: Int) -> String {
        guard fractionDigits > 0 else { return String(value) }
        var scale = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        let fraction = String(magnitude % scale)
        return sign + String(magnitude / scale) + "." + String(repeating: "0", count: fractionDigits - fraction.count) + fraction
    }

    static func halfWidth(_ c: Character) -> Character {
        guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return c }
        switch scalar.value {
        case 0xFF10...0xFF19: return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
        case 0xFF0E: return "."
        case 0xFF0C: return ","
        case 0xFF0D: return "-"
        default: return c
        }
    }
}
