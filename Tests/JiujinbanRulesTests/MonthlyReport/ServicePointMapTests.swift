import Foundation
import JiujinbanRules
import Testing

@Suite("服务点分布图 SVG and coverage figures")
struct ServicePointMapTests {
    let points = [
        ServicePointMap.Point(label: "古魏镇 <中心>", coordinate: GeoCoordinate(longitude: 110.69, latitude: 34.69)!, farthestResidenceMeters: 12_000,
                              status: .accepted, isTownship: true),
        ServicePointMap.Point(label: "太安村", coordinate: GeoCoordinate(longitude: 110.75, latitude: 34.72)!, farthestResidenceMeters: 1_500,
                              status: .pending, isTownship: false),
        ServicePointMap.Point(label: "董村", coordinate: GeoCoordinate(longitude: 110.60, latitude: 34.65)!, farthestResidenceMeters: 900,
                              status: .disabled, isTownship: false),
    ]

    @Test("every point and its circle fit the canvas; east is right, north is up; the ring is the distance at scale")
    func projection() throws {
        let map = ServicePointMap(points: points)
        let projection = try #require(map.projection)
        for point in points {
            let x = projection.x(point.coordinate), y = projection.y(point.coordinate)
            let r = Double(point.farthestResidenceMeters) * projection.pixelsPerMeter
            #expect(x - r >= 0 && x + r <= map.width && y - r >= 0 && y + r <= map.height, "\(point.label)")
        }
        #expect(projection.x(points[1].coordinate) > projection.x(points[0].coordinate))
        #expect(projection.y(points[1].coordinate) < projection.y(points[0].coordinate))
        // One degree of latitude is about 111 km on the map's scale.
        let north = GeoCoordinate(longitude: 110.69, latitude: 34.70)!
        let tenthOfDegree = (projection.y(points[0].coordinate) - projection.y(north)) / projection.pixelsPerMeter
        #expect(abs(tenthOfDegree - 1_111.95) < 1)
    }

    @Test("the SVG escapes labels, colours by state, carries a scale bar and legend, and nothing executable")
    func svg() {
        let svg = ServicePointMap(points: points).svg(title: "芮城县服务点分布图")
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(svg.contains("古魏镇 &lt;中心&gt;") && !svg.contains("<中心>"))
        #expect(svg.contains(ServicePointMap.Status.accepted.colour) && svg.contains(ServicePointMap.Status.disabled.colour))
        #expect(svg.contains("公里") && svg.contains("验收合格") && svg.contains("已停用"))
        #expect(!svg.contains("<script") && !svg.contains("href"))
        #expect(ServicePointMap(points: []).svg(title: "空").contains("无服务点"))
    }

    @Test("coverage: points per 10,000 residents and the share of villages and communities with a point")
    func coverage() {
        let ruicheng = MapCoverage(points: 171, residents: 342_889, villagesAndCommunities: 161, withPoint: 161)
        #expect(ruicheng.pointsPerTenThousand == "4.99")
        #expect(ruicheng.shareWithPoint == "100.0%")
        #expect(MapCoverage(points: 3, residents: 0, villagesAndCommunities: 3, withPoint: 2).pointsPerTenThousand == nil)
        #expect(MapCoverage(points: 3, residents: 10_000, villagesAndCommunities: 3, withPoint: 2).shareWithPoint == "66.7%")
    }
}
