import Foundation

/// 服务点分布图: a county's points drawn as SVG by the server from their coordinates — no tiles, no internet. Each
/// point is a dot coloured by its state, inside a circle whose radius is its farthest-residence distance at the
/// map's scale, with a scale bar and a legend.
public struct ServicePointMap: Sendable {
    public enum Status: String, CaseIterable, Sendable {
        /// 验收合格: a passed acceptance.
        case accepted
        /// 未验收或不合格: running, not (yet) accepted.
        case pending
        /// 已停用
        case disabled

        public var label: String {
            switch self {
            case .accepted: "验收合格"
            case .pending: "未验收或未通过"
            case .disabled: "已停用"
            }
        }

        public var colour: String {
            switch self {
            case .accepted: "#1b7f3b"
            case .pending: "#d97706"
            case .disabled: "#8a8f98"
            }
        }
    }

    public struct Point: Sendable, Equatable {
        public let label: String
        public let coordinate: GeoCoordinate
        public let farthestResidenceMeters: Int
        public let status: Status
        public let isTownship: Bool

        public init(label: String, coordinate: GeoCoordinate, farthestResidenceMeters: Int, status: Status, isTownship: Bool) {
            self.label = label
            self.coordinate = coordinate
            self.farthestResidenceMeters = farthestResidenceMeters
            self.status = status
            self.isTownship = isTownship
        }
    }

    public let points: [Point]
    public let width: Double
    public let height: Double

    public init(points: [Point], width: Double = 800, height: Double = 560) {
        self.points = points
        self.width = width
        self.height = height
    }

    /// Metres per degree of latitude (mean), and of longitude at the map's middle latitude.
    static let metersPerDegreeLatitude = 111_195.0

    /// The projection: equirectangular around the points' middle latitude, fitted with a margin that leaves room for
    /// the largest circle; nil without points.
    public struct Projection: Sendable {
        public let minLongitude: Double, maxLatitude: Double
        public let pixelsPerMeter: Double
        let metersPerDegreeLongitude: Double
        let margin: Double

        public func x(_ c: GeoCoordinate) -> Double { margin + (c.longitude - minLongitude) * metersPerDegreeLongitude * pixelsPerMeter }
        public func y(_ c: GeoCoordinate) -> Double { margin + (maxLatitude - c.latitude) * ServicePointMap.metersPerDegreeLatitude * pixelsPerMeter }
    }

    public var projection: Projection? {
        guard let first = points.first else { return nil }
        var minLon = first.coordinate.longitude, maxLon = minLon, minLat = first.coordinate.latitude, maxLat = minLat
        for point in points {
            minLon = min(minLon, point.coordinate.longitude); maxLon = max(maxLon, point.coordinate.longitude)
            minLat = min(minLat, point.coordinate.latitude); maxLat = max(maxLat, point.coordinate.latitude)
        }
        let perLongitude = Self.metersPerDegreeLatitude * cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * perLongitude, 1_000), spanY = max((maxLat - minLat) * Self.metersPerDegreeLatitude, 1_000)
        let largest = Double(points.map(\.farthestResidenceMeters).max() ?? 0)
        let margin = 24.0
        // Fit the span plus the largest circle on each side.
        let scale = min((width - 2 * margin) / (spanX + 2 * largest), (height - 2 * margin - 30) / (spanY + 2 * largest))
        return Projection(minLongitude: minLon - largest / perLongitude, maxLatitude: maxLat + largest / Self.metersPerDegreeLatitude,
                          pixelsPerMeter: scale, metersPerDegreeLongitude: perLongitude, margin: margin)
    }

    /// The SVG document; labels are XML-escaped and the document carries no script or external reference.
    public func svg(title: String) -> String {
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" \
            role="img" class="point-map"><title>\(Self.escape(title))</title>\
            <rect width="\(Int(width))" height="\(Int(height))" fill="#f7f9fb" stroke="#d0d5db"/>
            """
        guard let projection else { return out + "<text x=\"20\" y=\"40\">无服务点</text></svg>" }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        for point in points {
            let r = Double(point.farthestResidenceMeters) * projection.pixelsPerMeter
            out += "<circle cx=\"\(f(projection.x(point.coordinate)))\" cy=\"\(f(projection.y(point.coordinate)))\" r=\"\(f(r))\" "
                + "fill=\"\(point.status.colour)\" fill-opacity=\"0.08\" stroke=\"\(point.status.colour)\" stroke-opacity=\"0.5\" stroke-width=\"0.8\"/>"
        }
        for point in points {
            let x = projection.x(point.coordinate), y = projection.y(point.coordinate)
            let size = point.isTownship ? 5.5 : 3.5
            let shape = point.isTownship
                ? "<rect x=\"\(f(x - size))\" y=\"\(f(y - size))\" width=\"\(f(2 * size))\" height=\"\(f(2 * size))\""
                : "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(size))\""
            out += shape + " fill=\"\(point.status.colour)\" stroke=\"#fff\" stroke-width=\"1\"><title>\(Self.escape(point.label))</title></"
                + (point.isTownship ? "rect>" : "circle>")
        }
        // A scale bar of a round length near a fifth of the width.
        let target = (width / 5) / projection.pixelsPerMeter
        let length = [500.0, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000].last { $0 <= target } ?? 500
        let barX = 24.0, barY = height - 18
        out += "<line x1=\"\(f(barX))\" y1=\"\(f(barY))\" x2=\"\(f(barX + length * projection.pixelsPerMeter))\" y2=\"\(f(barY))\" stroke=\"#333\" stroke-width=\"2\"/>"
        out += "<text x=\"\(f(barX))\" y=\"\(f(barY - 6))\" font-size=\"11\">\(length >= 1_000 ? "\(Int(length / 1_000)) 公里" : "\(Int(length)) 米")</text>"
        var legendX = width - 330
        for status in Status.allCases {
            out += "<circle cx=\"\(f(legendX))\" cy=\"\(f(barY - 4))\" r=\"5\" fill=\"\(status.colour)\"/>"
            out += "<text x=\"\(f(legendX + 9))\" y=\"\(f(barY))\" font-size=\"11\">\(status.label)</text>"
            legendX += 105
        }
        return out + "</svg>"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// 覆盖情况: service points per 10,000 residents, and the share of villages and communities with a point of their own.
public struct MapCoverage: Sendable, Equatable {
    public let points: Int
    public let residents: Int
    public let villagesAndCommunities: Int
    public let withPoint: Int

    public init(points: Int, residents: Int, villagesAndCommunities: Int, withPoint: Int) {
        self.points = points
        self.residents = residents
        self.villagesAndCommunities = villagesAndCommunities
        self.withPoint = withPoint
    }

    /// 每万人服务点数, two decimals; nil when the residents are not known.
    public var pointsPerTenThousand: String? {
        guard residents > 0 else { return nil }
        let hundredths = (points * 1_000_000 + residents / 2) / residents
        let cents = hundredths % 100
        return "\(hundredths / 100)." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// 村（社区）覆盖率, one decimal percent; nil without villages.
    public var shareWithPoint: String? {
        guard villagesAndCommunities > 0 else { return nil }
        let tenths = (withPoint * 1_000 + villagesAndCommunities / 2) / villagesAndCommunities
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
