import JiujinbanRules
import Testing

@Suite("零工双向匹配: skill, range and days decide who fits; distance, wage and days rank, with reasons")
struct GigMatcherTests {
    let today = CalendarDate(iso: "2026-11-30")! // a Monday
    let home = GeoCoordinate(longitude: 110.69, latitude: 34.70)!

    func gig(_ id: String, skill: String = "harvest", north: Double, wage: Int, from: String = "2026-12-01", to: String = "2026-12-05",
             open: Int = 2) -> GigProfile {
        GigProfile(id: id, skill: skill, skillName: "农业采摘", days: CalendarDate(iso: from)!...CalendarDate(iso: to)!, dayWageFen: wage * 100,
                   place: GeoCoordinate(longitude: 110.69, latitude: 34.70 + north)!, openPlaces: open)
    }

    func worker(_ id: String, skills: [String] = ["harvest"], weekdays: Set<Int> = Set(1...7), wage: Int? = 150, radius: Int? = 20_000,
                north: Double = 0) -> GigSeekerProfile {
        GigSeekerProfile(id: id, skills: skills, weekdays: weekdays, expectedDayWageFen: wage.map { $0 * 100 }, radiusMeters: radius,
                         residence: GeoCoordinate(longitude: 110.69, latitude: 34.70 + north)!)
    }

    @Test("gigs for a worker: nearer and better paid first; other skills, full, ended, out of range and off-day gigs left out")
    func gigsForWorker() {
        let gigs = [
            gig("far-rich", north: 0.09, wage: 200), gig("near", north: 0.009, wage: 150), gig("near-poor", north: 0.009, wage: 100),
            gig("other-skill", skill: "kitchen", north: 0, wage: 300), gig("full", north: 0, wage: 300, open: 0),
            gig("ended", north: 0, wage: 300, from: "2026-11-20", to: "2026-11-29"), gig("too-far", north: 0.3, wage: 300),
            gig("weekend", north: 0, wage: 300, from: "2026-12-05", to: "2026-12-06"),
        ]
        let weekdaysOnly = worker("w", weekdays: Set(1...5))
        let ranked = GigMatcher.gigs(gigs, for: weekdaysOnly, today: today)
        #expect(ranked.map(\.id) == ["near", "far-rich", "near-poor"])
        #expect(ranked.map(\.score) == [30 + 28 + 20 + 16, 30 + 15 + 20 + 16, 30 + 28 + 0 + 16])
        let reasons = ranked[0].reasons.map(\.text)
        #expect(reasons.contains("技能对口：农业采摘") && reasons.contains("日工资150元，不低于期望的150元")
                && reasons.contains("用工5天中有4天在可工作日（周一至周五）"))
        // A gig already under way counts only its remaining days.
        #expect(GigMatcher.match(gig("running", north: 0, wage: 150, from: "2026-11-28", to: "2026-12-01"), worker("w"), today: today)?
            .reasons.last?.text == "用工2天都在可工作日")
    }

    @Test("workers for a gig: the same score, seen from the gig")
    func workersForGig() {
        let workers = [worker("near"), worker("far", north: 0.09), worker("cook", skills: ["kitchen"]), worker("weekend", weekdays: [6, 7]),
                       worker("greedy", wage: 300), worker("short-range", radius: 500, north: 0.009)]
        let ranked = GigMatcher.seekers(workers, for: gig("g", north: 0, wage: 150, from: "2026-12-01", to: "2026-12-04"), today: today)
        // 100; 30 + 15 (10 km of a 20 km range) + 20 + 20; 30 + 30 + 0 (half the expected wage) + 20.
        #expect(ranked.map(\.id) == ["near", "far", "greedy"] && ranked.map(\.score) == [100, 85, 80])
    }

    @Test("registration: skills from the county's list, days, wage, range and working age, each refused by field")
    func draft() throws {
        let born = CalendarDate(iso: "1980-05-01")!
        let good = GigSeekerDraft(skills: ["harvest", "loading", "harvest"], weekdays: ["6", "7"], dayWage: "150", radiusKm: "15")
            .validate(today: today, born: born, group: .man, skills: ["harvest", "loading"])
        let facts = try good.get()
        #expect(facts.skills == ["harvest", "loading"] && facts.weekdays == [6, 7] && facts.expectedDayWageFen == 15_000 && facts.radiusMeters == 15_000)
        guard case .failure(let errors) = GigSeekerDraft(skills: ["welding"], weekdays: ["8"], dayWage: "-1", radiusKm: "0")
            .validate(today: today, born: CalendarDate(iso: "2011-01-01")!, group: .man, skills: ["harvest"]) else {
            Issue.record("bad registration accepted")
            return
        }
        #expect(errors.fields == ["skills", "weekdays", "day_wage", "radius_km", "citizen"])
        #expect(GigSeekerDraft.weekdayText([1, 3, 5]) == "周一、三、五" && GigSeekerDraft.weekdayText(Set(1...7)) == "每天")
    }
}

@Suite("零工岗位池: the flat scan ranks gigs exactly like GigMatcher")
struct GigMarketTests {
    @Test("2,000 generated gigs and 40 workers: the same matches, scores and reasons")
    func sameAsMatcher() {
        var mixer = JobMarketTests.Mixer(state: 99)
        let today = CalendarDate(iso: "2026-11-30")!
        let skills = ["harvest", "loading", "kitchen", "plumbing"]
        func place() -> GeoCoordinate {
            GeoCoordinate(longitude: 110.3 + Double(mixer.next(1000)) / 1000, latitude: 34.5 + Double(mixer.next(1000)) / 1000)!
        }
        var market = GigMarket()
        var gigs: [GigProfile] = []
        for n in 0..<2000 {
            let start = today.adding(days: mixer.next(20) - 5)
            let gig = GigProfile(id: String(format: "g%05d", n), skill: skills[mixer.next(4)], skillName: "技能", days: start...start.adding(days: mixer.next(10)),
                                 dayWageFen: (80 + mixer.next(20) * 10) * 100, place: place(), openPlaces: mixer.next(4))
            gigs.append(gig)
            market.apply(GigMarket.Gig(revision: n + 1, profile: gig))
        }
        #expect(market.count == 2000 && market.revision == 2000)
        for n in 0..<40 {
            let worker = GigSeekerProfile(id: "w\(n)", skills: Array(Set((0..<(1 + mixer.next(2))).map { _ in skills[mixer.next(4)] })).sorted(),
                                          weekdays: Set((0..<(1 + mixer.next(7))).map { _ in 1 + mixer.next(7) }),
                                          expectedDayWageFen: n % 3 == 0 ? nil : (100 + mixer.next(10) * 10) * 100,
                                          radiusMeters: n % 2 == 0 ? nil : 5_000 + mixer.next(30) * 1000, residence: place())
            #expect(market.gigs(for: worker, today: today) == GigMatcher.gigs(gigs, for: worker, today: today), "worker \(n)")
        }
    }
}
