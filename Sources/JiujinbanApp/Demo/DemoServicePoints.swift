import Foundation
import JiujinbanRules

/// One service point per township, village and community of the demonstration county, at generated positions
/// inside the county (marked as demonstration coordinates, never as surveyed ones).
enum DemoServicePoints {
    /// Approximate township seats, spread over the county (110.25–110.95 E, 34.55–34.85 N). Demonstration values:
    /// only the county seat's position (34.69194 N, 110.69333 E) is public in the reference data.
    static let townshipAnchors: [String: (longitude: Double, latitude: Double)] = [
        "140830100000": (110.69333, 34.69194), // 古魏镇, county seat
        "140830101000": (110.32, 34.62),        // 风陵渡镇
        "140830102000": (110.44, 34.65),        // 陌南镇
        "140830103000": (110.55, 34.70),        // 西陌镇
        "140830104000": (110.60, 34.62),        // 永乐镇
        "140830105000": (110.86, 34.71),        // 大王镇
        "140830106000": (110.78, 34.68),        // 阳城镇
        "140830107000": (110.76, 34.63),        // 南磑镇
        "140830200000": (110.68, 34.77),        // 东垆乡
        "140830202000": (110.80, 34.78),        // 学张乡
    ]

    static let longitudeBounds = 110.25...110.95
    static let latitudeBounds = 34.55...34.85

    /// The county's one demonstration bank branch (合作银行网点), counted apart from attachment 2's 171.
    static func bankBranch() -> ServicePoint {
        let draft = ServicePointDraft(
            divisionCode: try! DivisionCode("140830100000"), kind: .bankBranch, name: "农商银行古魏支行就业社保服务点",
            institution: "山西芮城农村商业银行古魏支行", address: "芮城县古魏镇永乐南街（演示地址）",
            coordinate: GeoCoordinate(longitude: 110.6957, latitude: 34.6887)!, farthestResidenceMeters: 3_000)
        return ServicePoint(code: "14083010000002", draft: draft, coordinatesAreDemo: true)
    }

    static func points(for divisions: [DemoDivisions.Row]) -> [ServicePoint] {
        let townshipNames = Dictionary(uniqueKeysWithValues: divisions.filter { $0.level == .township }.map { ($0.code, $0.name) })
        return divisions.compactMap { row -> ServicePoint? in
            guard let kind = ServicePointKind.natural(for: row.level),
                  let code = try? DivisionCode(row.code) else { return nil }
            let townshipCode = String(row.code.prefix(9)) + "000"
            let township = townshipNames[townshipCode] ?? ""
            let anchor = townshipAnchors[townshipCode] ?? (110.69333, 34.69194)
            var rng = SeededGenerator(seedText: row.code)
            let (spreadLon, spreadLat, farthest): (Double, Double, ClosedRange<Int>) = switch kind {
            case .townshipCentre: (0, 0, 6_000...15_000)
            case .community: (0.012, 0.009, 300...1_200)
            default: (0.06, 0.045, 500...3_000)
            }
            let longitude = clamp(anchor.longitude + Double.random(in: -1...1, using: &rng) * spreadLon, longitudeBounds)
            let latitude = clamp(anchor.latitude + Double.random(in: -1...1, using: &rng) * spreadLat, latitudeBounds)
            let (institution, address): (String, String) = switch kind {
            case .townshipCentre: ("\(row.name)综合便民服务中心", "芮城县\(row.name)人民政府便民服务大厅")
            case .community: ("\(row.shortName)党群服务中心", "芮城县\(township)\(row.shortName)居委会")
            default: ("\(row.shortName)党群服务中心", "芮城县\(township)\(row.shortName)村委会院内")
            }
            let draft = ServicePointDraft(
                divisionCode: code, kind: kind, name: "\(row.shortName)就业社保服务点", institution: institution,
                address: address,
                coordinate: GeoCoordinate(longitude: (longitude * 1e6).rounded() / 1e6, latitude: (latitude * 1e6).rounded() / 1e6)!,
                farthestResidenceMeters: Int.random(in: farthest, using: &rng) / 10 * 10)
            return ServicePoint(code: row.code + "01", draft: draft, coordinatesAreDemo: true)
        }
    }

    static func clamp(_ value: Double, _ bounds: ClosedRange<Double>) -> Double {
        min(max(value, bounds.lowerBound), bounds.upperBound)
    }
}
