import JiujinbanRules
import Testing

@Suite("Coordinates: parsing, China's bounds, display as 度分秒")
struct GeoCoordinateTests {
    @Test("degrees-minutes-seconds display with rounding and carry", arguments: [
        (110.69333, "110°41′36″"), (34.69194, "34°41′31″"), (110.0, "110°0′0″"),
        (110.99999, "111°0′0″"), (34.5 + 59.6 / 3600, "34°31′0″"),
    ] as [(Double, String)])
    func dms(value: Double, text: String) {
        #expect(GeoCoordinate.dms(value) == text)
    }

    @Test("the attachment's labels")
    func labels() throws {
        let point = try #require(GeoCoordinate(longitude: 110.69333, latitude: 34.69194))
        #expect(point.longitudeText == "东经 110°41′36″")
        #expect(point.latitudeText == "北纬 34°41′31″")
    }

    @Test("what clerks type is read", arguments: [
        ("110.6933", 110.6933), ("东经110°41′36″", 110 + 41.0 / 60 + 36.0 / 3600), ("110°41'36\"", 110 + 41.0 / 60 + 36.0 / 3600),
        ("110 41 36", 110 + 41.0 / 60 + 36.0 / 3600), ("34°41′", 34 + 41.0 / 60), ("E110.5", 110.5), (" 34.69 ", 34.69),
    ] as [(String, Double)])
    func parse(text: String, expected: Double) throws {
        let value = try AngleParser.degrees(from: text).get()
        #expect(abs(value - expected) < 1e-9)
    }

    @Test("unreadable or impossible angles are refused", arguments: ["", "abc", "110°61′", "110°41′75″", "1.2.3", "110°41′36″W5"])
    func badAngles(text: String) {
        #expect(throws: AngleParser.Problem.self) { try AngleParser.degrees(from: text).get() }
    }

    @Test("outside China is not a coordinate")
    func bounds() {
        #expect(GeoCoordinate(longitude: 72.99, latitude: 34) == nil)
        #expect(GeoCoordinate(longitude: 136.01, latitude: 34) == nil)
        #expect(GeoCoordinate(longitude: 110, latitude: 2.99) == nil)
        #expect(GeoCoordinate(longitude: 110, latitude: 54.01) == nil)
        #expect(GeoCoordinate(longitude: 73, latitude: 3) != nil)
        #expect(GeoCoordinate(longitude: 136, latitude: 54) != nil)
    }

    @Test("distance: one degree of latitude is about 111.2 km")
    func distance() throws {
        let a = try #require(GeoCoordinate(longitude: 110.5, latitude: 34.0))
        let b = try #require(GeoCoordinate(longitude: 110.5, latitude: 35.0))
        #expect(abs(a.distanceMeters(to: b) - 111_195) < 100)
        #expect(a.distanceMeters(to: a) == 0)
    }
}
