@testable import JiujinbanRules
import Testing

@Suite("岗位池: the fast scan ranks exactly like JobMatcher, and search filters, sorts and pages open postings")
struct JobMarketTests {
    let today = CalendarDate(iso: "2026-11-30")!
    let county = try! DivisionCode("140830000000")
    let township = try! DivisionCode("140830100000")
    let otherTownship = try! DivisionCode("140830101000")

    /// A small deterministic generator (no clock, no system randomness).
    struct Mixer {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    func posting(_ n: Int, _ mixer: inout Mixer) -> JobMarket.Posting {
        // Mostly medium groups; a few postings name only a major group.
        let occupations = ["4-03", "4-10", "6-01", "6-02", "5-01", "2-02", "6", "4"]
        let occupation = occupations[mixer.next(occupations.count)]
        let low = (2000 + mixer.next(40) * 100) * 100
        let ages: ClosedRange<Int>? = mixer.next(3) == 0 ? (18 + mixer.next(10))...(40 + mixer.next(20)) : nil
        return JobMarket.Posting(
            id: String(format: "p%05d", n), revision: n, employerID: "e\(n % 7)", employerName: "单位\(n % 7)", title: "岗位\(n)",
            occupation: occupation, occupationName: "工种\(occupation)", headcount: 1 + mixer.next(5), wageMinimumFen: low,
            wageMaximumFen: low + mixer.next(30) * 10_000, minimumEducation: mixer.next(4) == 0 ? EducationLevel(rawValue: 1 + mixer.next(5)) : nil,
            ages: ages, workplace: GeoCoordinate(longitude: 110.3 + Double(mixer.next(1000)) / 1000, latitude: 34.5 + Double(mixer.next(1000)) / 1000)!,
            workplaceDivision: n % 2 == 0 ? township : otherTownship, address: "地址", hours: nil,
            validUntil: today.adding(days: mixer.next(40) - 5), closed: mixer.next(20) == 0)
    }

    @Test("on 3,000 generated postings and 40 seekers (some starting later) the recommendation equals JobMatcher.rank over the open ones")
    func sameAsMatcher() {
        var mixer = Mixer(state: 42)
        var market = JobMarket()
        let postings = (0..<3000).map { posting($0, &mixer) }
        for posting in postings { market.apply(posting) }
        // A later revision replaces the earlier one.
        market.apply(JobMarket.Posting(id: "p00001", revision: 5000, employerID: "e1", employerName: "单位1", title: "改", occupation: "4-03",
                                       occupationName: "工种4-03", headcount: 1, wageMinimumFen: 900_000, wageMaximumFen: 900_000,
                                       minimumEducation: nil, ages: nil, workplace: GeoCoordinate(longitude: 110.7, latitude: 34.7)!,
                                       workplaceDivision: township, address: "地址", hours: nil, validUntil: today, closed: false))
        #expect(market.count == 3000 && market.revision == 5000)
        let open = (postings.filter { $0.id != "p00001" } + [market.posting(id: "p00001")!]).filter { !$0.closed }.map(\.profile)
        for n in 0..<40 {
            // A bare major group (`6`) wants every occupation in it.
            let wanted = [["4-03"], ["6-02", "4-10"], [], ["2-02"], ["6"], ["4", "2-02"]][n % 6]
            // Some name acceptable places: the one township, both, or the county.
            let places = [[], [township], [], [township, otherTownship], [], [county], []][n % 7]
            let seeker = JobSeekerProfile(
                occupations: wanted, expectedWageFen: n % 3 == 0 ? nil : (3000 + mixer.next(30) * 100) * 100,
                maximumDistanceMeters: n % 2 == 0 ? nil : 5_000 + mixer.next(40) * 1000, places: places,
                education: EducationLevel(rawValue: 1 + mixer.next(6))!, ageYears: 18 + mixer.next(45),
                residence: GeoCoordinate(longitude: 110.3 + Double(mixer.next(1000)) / 1000, latitude: 34.5 + Double(mixer.next(1000)) / 1000)!,
                availableFrom: n % 5 == 0 ? today.adding(days: 3 + n / 5) : nil)
            let fast = market.recommend(for: seeker, today: today, limit: 20)
            let reference = JobMatcher.rank(open, for: seeker, today: today, limit: 20)
            #expect(fast == reference, "seeker \(n)")
            #expect(!fast.isEmpty)
        }
    }

    @Test("postings clustered at 30 villages, some moved to another trade and village by a later revision: still the same as JobMatcher.rank")
    func groupsByTradeAndPlace() {
        var mixer = Mixer(state: 11)
        var market = JobMarket()
        let villages = (0..<30).map { n in
            (code: try! DivisionCode("1408301\(String(format: "%02d", n))200"),
             point: (longitude: 110.3 + Double(mixer.next(600)) / 1000, latitude: 34.5 + Double(mixer.next(400)) / 1000))
        }
        func placed(_ posting: JobMarket.Posting, village: Int, revision: Int, occupation: String? = nil) -> JobMarket.Posting {
            let at = villages[village]
            return JobMarket.Posting(
                id: posting.id, revision: revision, employerID: posting.employerID, employerName: posting.employerName, title: posting.title,
                occupation: occupation ?? posting.occupation, occupationName: "工种\(occupation ?? posting.occupation)", headcount: posting.headcount,
                wageMinimumFen: posting.wageMinimumFen, wageMaximumFen: posting.wageMaximumFen, minimumEducation: posting.minimumEducation,
                ages: posting.ages, workplace: GeoCoordinate(longitude: at.point.longitude, latitude: at.point.latitude)!,
                workplaceDivision: at.code, address: posting.address, hours: nil, validUntil: posting.validUntil, closed: posting.closed)
        }
        var current: [String: JobMarket.Posting] = [:]
        for n in 0..<4000 {
            let posting = placed(posting(n, &mixer), village: mixer.next(villages.count), revision: n + 1)
            market.apply(posting)
            current[posting.id] = posting
        }
        // A quarter move: another village, and every other one of them another trade as well.
        for n in stride(from: 0, to: 4000, by: 4) {
            let id = String(format: "p%05d", n)
            let moved = placed(current[id]!, village: mixer.next(villages.count), revision: 10_000 + n, occupation: n % 8 == 0 ? "5-01" : nil)
            market.apply(moved)
            current[id] = moved
        }
        let open = current.values.filter { !$0.closed }.map(\.profile)
        for n in 0..<60 {
            let home = villages[mixer.next(villages.count)].point
            let seeker = JobSeekerProfile(
                occupations: [["4-03"], ["6-02", "4-10"], [], ["5-01"], ["2-02", "6-01"]][n % 5],
                expectedWageFen: n % 3 == 0 ? nil : (3000 + mixer.next(30) * 100) * 100,
                maximumDistanceMeters: n % 2 == 0 ? nil : 3_000 + mixer.next(30) * 1000,
                // One in three will only work in two of the villages' townships.
                places: n % 3 == 1 ? [villages[mixer.next(villages.count)].code.parent!, villages[mixer.next(villages.count)].code.parent!] : [],
                education: EducationLevel(rawValue: 1 + mixer.next(6))!, ageYears: 18 + mixer.next(45),
                residence: GeoCoordinate(longitude: home.longitude, latitude: home.latitude)!)
            for limit in [1, 20] {
                #expect(market.recommend(for: seeker, today: today, limit: limit) == JobMatcher.rank(open, for: seeker, today: today, limit: limit),
                        "seeker \(n), top \(limit)")
            }
        }
    }

    @Test("search hides closed and expired postings, filters by occupation, place, wage, schooling and words, sorts and pages")
    func search() {
        var mixer = Mixer(state: 7)
        var market = JobMarket()
        let postings = (0..<500).map { posting($0, &mixer) }
        for posting in postings { market.apply(posting) }
        let visible = postings.filter { !$0.closed && $0.validUntil >= today }
        let all = market.search(JobMarket.Query(pageSize: 20), today: today)
        #expect(all.total == visible.count && all.postings.count == 20)
        #expect(all.postings.map(\.revision) == visible.map(\.revision).sorted(by: >).prefix(20).map { $0 })

        let filtered = market.search(JobMarket.Query(occupation: "6", within: township, minimumWageFen: 400_000, education: .juniorMiddle,
                                                     sort: .wage, pageSize: 1000), today: today)
        let expected = visible.filter {
            Occupation.major(of: $0.occupation) == "6" && $0.workplaceDivision == township && $0.wageMaximumFen >= 400_000
                && ($0.minimumEducation ?? .primary) <= .juniorMiddle
        }
        #expect(filtered.total == expected.count && filtered.total > 0)
        #expect(filtered.postings.map(\.wageMaximumFen) == expected.map(\.wageMaximumFen).sorted(by: >))
        #expect(market.search(JobMarket.Query(occupation: "4-10", pageSize: 1000), today: today).postings.allSatisfy { $0.occupation == "4-10" })
        #expect(market.search(JobMarket.Query(within: county), today: today).total == visible.count)

        // Words: every one must occur, case- and width-folded.
        let word = market.search(JobMarket.Query(keyword: "单位３ 岗位", pageSize: 1000), today: today)
        #expect(word.total == visible.filter { $0.employerName == "单位3" }.count && word.total > 0)

        // A later revision with another title is found by its new words and no longer by its old ones.
        let renamed = postings.first { !$0.closed && $0.validUntil >= today }!
        market.apply(JobMarket.Posting(
            id: renamed.id, revision: 9_000, employerID: renamed.employerID, employerName: "改名单位", title: "叉车司机",
            occupation: renamed.occupation, occupationName: renamed.occupationName, headcount: 1, wageMinimumFen: renamed.wageMinimumFen,
            wageMaximumFen: renamed.wageMaximumFen, minimumEducation: nil, ages: nil, workplace: renamed.workplace,
            workplaceDivision: renamed.workplaceDivision, address: "地址", hours: nil, validUntil: renamed.validUntil, closed: false))
        #expect(market.search(JobMarket.Query(keyword: "叉车 改名"), today: today).postings.map(\.id) == [renamed.id])
        #expect(market.search(JobMarket.Query(keyword: renamed.title, pageSize: 1000), today: today).postings.allSatisfy { $0.id != renamed.id })
        #expect(market.search(JobMarket.Query(keyword: "岗位 叉车"), today: today).total == 0)

        // Paging: the last page holds the rest; a page past the end shows the last.
        let closing = JobMarket.Query(sort: .closing, page: 99, pageSize: 50)
        let last = market.search(closing, today: today)
        #expect(last.page == last.pageCount && last.postings.count == visible.count - (last.pageCount - 1) * 50)
        let firstPage = market.search(JobMarket.Query(sort: .closing, pageSize: 50), today: today)
        #expect(firstPage.postings.first?.validUntil == visible.map(\.validUntil).min())
        #expect(firstPage.postings.allSatisfy { $0.validUntil >= today })
    }
}

@Suite("岗位池的分页选取: the first k in order, however the input is ordered")
struct JobMarketSelectionTests {
    @Test("ascending, descending and shuffled inputs give the same first k as a full sort")
    func smallest() {
        let ascending = Array(0..<5000)
        var mixer = JobMarketTests.Mixer(state: 3)
        var shuffled = ascending
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, mixer.next(i + 1)) }
        for input in [ascending, ascending.reversed(), shuffled] {
            #expect(JobMarket.smallest(60, of: input, by: >) == Array((4940..<5000).reversed()))
            #expect(JobMarket.smallest(60, of: input, by: <) == Array(0..<60))
        }
        var ascendingList: [Int32] = []
        for value in [5, 1, 9, 5, 3, 9, 12] as [Int32] { ascendingList.insertOnce(value) }
        #expect(ascendingList == [1, 3, 5, 9, 12])
        let bytes = { (text: String) in Array(text.utf8) }
        #expect(JobMarket.contains(bytes("芮城县合成企业1"), bytes("企业1")) && !JobMarket.contains(bytes("叉车"), bytes("叉车司机"))
                && JobMarket.contains(bytes("a"), []) && !JobMarket.contains(bytes("叉车司机"), bytes("司车")))
    }
}
