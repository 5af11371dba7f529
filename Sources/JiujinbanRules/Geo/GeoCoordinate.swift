import Foundation

/// 服务点位置: a point on the ground in decimal degrees (WGS84), limited to China's extent.
///
/// Attachment 2 shows positions as degrees, minutes and seconds (`东经 110°41′36″`), while maps and distances
/// want decimal degrees; the value is stored as decimal degrees and formatted on display.
public struct GeoCoordinate: Hashable, Sendable {
    public let longitude: Double
    public let latitude: Double

    /// China's extent as the product accepts it: longitude 73–136 E, latitude 3–54 N.
    public static let longitudeRange = 73.0...136.0
    public static let latitudeRange = 3.0...54.0

    public init?(longitude: Double, latitude: Double) {
        guard Self.longitudeRange.contains(longitude), Self.latitudeRange.contains(latitude) else { return nil }
        self.longitude = longitude
        self.latitude = latitude
    }

    /// `东经 110°41′36″`
    public var longitudeText: String { "东经 " + Self.dms(longitude) }
    /// `北纬 34°41′31″`
    public var latitudeText: String { "北纬 " + Self.dms(latitude) }

    /// Degrees, minutes and whole seconds, rounding seconds and carrying 60″ into the minute.
    public static func dms(_ degrees: Double) -> String {
        let totalSeconds = Int((abs(degrees) * 3600).rounded())
        let d = totalSeconds / 3600
        let m = (totalSeconds % 3600) / 60
        let s = totalSeconds % 60
        return "\(d)°\(m)′\(s)″"
    }

    /// Great-circle distance in metres (haversine, mean Earth radius); enough for "how far is the service point".
    public func distanceMeters(to other: GeoCoordinate) -> Double {
        Self.distanceMeters(longitude, latitude, other.longitude, other.latitude)
    }

    /// The same distance between two points given as plain degrees (for scans over flat arrays).
    public static func distanceMeters(_ longitude1: Double, _ latitude1: Double, _ longitude2: Double, _ latitude2: Double) -> Double {
        let r = 6_371_008.8
        let φ1 = latitude1 * .pi / 180, φ2 = latitude2 * .pi / 180
        let dφ = (latitude2 - latitude1) * .pi / 180
        let dλ = (longitude2 - longitude1) * .pi / 180
        let a = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }
}

/// Parses what a clerk types for a longitude or latitude: decimal degrees (`110.6933`) or degrees-minutes-seconds
/// in the attachment's style (`110°41′36″`, `110°41'36"`, `110 41 36`, with or without `东经`/`北纬`/`E`/`N`).
public enum AngleParser {
    public enum Problem: Error, Equatable, Sendable {
        case empty
        case unreadable
        case minutesOrSecondsOutOfRange
    }

    public static func degrees(from raw: String) -> Result<Double, Problem> {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["东经", "北纬", "E", "N", "e", "n"] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        for suffix in ["E", "N", "e", "n"] where text.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count))
        }
        text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .failure(.empty) }
        if let plain = Double(text), plain.isFinite, text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) {
            return .success(plain)
        }
        let separators = CharacterSet(charactersIn: "°º˚′'’″\"” ,，:：")
        let parts = text.components(separatedBy: separators).filter { !$0.isEmpty }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } }),
              let d = Double(parts[0]) else { return .failure(.unreadable) }
        let m = parts.count > 1 ? Double(parts[1]) : 0
        let s = parts.count > 2 ? Double(parts[2]) : 0
        guard let m, let s else { return .failure(.unreadable) }
        guard m < 60, s < 60 else { return .failure(.minutesOrSecondsOutOfRange) }
        return .success(d + m / 60 + s / 3600)
    }
}
