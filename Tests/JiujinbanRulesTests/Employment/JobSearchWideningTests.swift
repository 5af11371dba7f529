import JiujinbanRules
import Testing

@Suite("放宽条件 (item 2): a search widened past the seeker's own radius or places, never narrowed, for one search only")
struct JobSearchWideningTests {
    let home = GeoCoordinate(longitude: 110.69, latitude: 34.70)!
    let today = CalendarDate(iso: "2026-11-30")!

    func seeker(limit: Int?, places: [DivisionCode] = []) -> JobSeekerProfile {
        JobSeekerProfile(occupations: ["4-03"], expectedWageFen: 350_000, maximumDistanceMeters: limit, places: places,
                         education: .juniorMiddle, ageYears: 45, residence: home)
    }

    /// A posting about 40 km north of home (0.009° ≈ 1 km).
    let far = JobPostingProfile(id: "far", occupation: "4-03", occupationName: "营业员", wageMinimumFen: 400_000, wageMaximumFen: 500_000,
                                minimumEducation: nil, ages: nil, workplace: GeoCoordinate(longitude: 110.69, latitude: 35.06)!,
                                validUntil: CalendarDate(iso: "2026-12-31")!)

    @Test("a wider radius finds the posting the registered one left out, and the registration's own profile is unchanged")
    func widerRadiusFinds() throws {
        let registered = seeker(limit: 10_000)
        #expect(JobMatcher.rank([far], for: registered, today: today).isEmpty)
        let widened = try JobSearchWidening.parse(distanceKm: "50", places: nil, registeredMeters: 10_000).get()
        #expect(widened.radius == .kilometres(50) && widened.description == "通勤距离放宽至50公里")
        #expect(JobMatcher.rank([far], for: widened.applied(to: registered), today: today).map(\.postingID) == ["far"])
        #expect(try JobSearchWidening.parse(distanceKm: "30", places: nil, registeredMeters: 10_000).get().applied(to: registered)
            .maximumDistanceMeters == 30_000)
        #expect(try JobSearchWidening.parse(distanceKm: "any", places: nil, registeredMeters: 10_000).get().applied(to: registered)
            .maximumDistanceMeters == nil)
        #expect(registered.maximumDistanceMeters == 10_000)
        #expect(try JobSearchWidening.parse(distanceKm: nil, places: nil, registeredMeters: 10_000).get() == JobSearchWidening())
    }

    @Test("不限工作地点 drops the named places and keeps the radius")
    func anyPlace() throws {
        let county = try DivisionCode("140830000000")
        let registered = seeker(limit: 20_000, places: [county])
        let widened = try JobSearchWidening.parse(distanceKm: nil, places: "any", registeredMeters: 20_000).get()
        let searched = widened.applied(to: registered)
        #expect(searched.places.isEmpty && searched.maximumDistanceMeters == 20_000 && widened.queryItems.map(\.0) == ["places"])
    }

    @Test("narrowing, a radius not offered and an unknown places value are refused by field, in Chinese")
    func refused() {
        guard case .failure(let narrower) = JobSearchWidening.parse(distanceKm: "5", places: nil, registeredMeters: 10_000) else {
            Issue.record("a narrower radius was accepted")
            return
        }
        #expect(narrower.message(for: "distance_km") == "放宽后的通勤距离应大于求职登记的10.0公里")
        guard case .failure(let odd) = JobSearchWidening.parse(distanceKm: "7", places: "all", registeredMeters: nil) else {
            Issue.record("an unoffered radius was accepted")
            return
        }
        #expect(odd.message(for: "distance_km")?.contains("请从页面提供的选项中选择") == true)
        #expect(odd.message(for: "places") == "工作地点只能放宽为“不限”")
        guard case .failure(let unlimited) = JobSearchWidening.parse(distanceKm: "20", places: nil, registeredMeters: nil) else {
            Issue.record("a radius was accepted for a registration without one")
            return
        }
        #expect(unlimited.message(for: "distance_km") == "求职登记未限定通勤距离，无需放宽")
    }

    @Test("the offers: the next three radii and 不限距离 while a radius holds, 不限工作地点 while places hold, nothing once both are gone")
    func offers() {
        let fromTen = JobSearchWidening().offers(registeredMeters: 10_000, registeredPlaces: true)
        #expect(fromTen.map(\.label) == ["放宽到20公里", "放宽到30公里", "放宽到50公里", "不限距离", "不限工作地点"])
        #expect(fromTen[0].widening.queryItems.map { "\($0.0)=\($0.1)" } == ["distance_km=20"])
        let fromFifty = JobSearchWidening(radius: .kilometres(50)).offers(registeredMeters: 10_000, registeredPlaces: false)
        #expect(fromFifty.map(\.label) == ["放宽到100公里", "不限距离"])
        let placesKept = JobSearchWidening(anyPlace: true).offers(registeredMeters: 10_000, registeredPlaces: true)
        #expect(placesKept.allSatisfy { $0.widening.anyPlace } && !placesKept.map(\.label).contains("不限工作地点"))
        #expect(JobSearchWidening().offers(registeredMeters: nil, registeredPlaces: false).isEmpty)
        #expect(JobSearchWidening(radius: .unlimited, anyPlace: true).offers(registeredMeters: 10_000, registeredPlaces: true).isEmpty)
    }
}
