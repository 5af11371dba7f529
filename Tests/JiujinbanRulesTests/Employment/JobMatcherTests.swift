import JiujinbanRules
import Testing

@Suite("固定工岗位推荐: conditions leave postings out, the rest rank by occupation, distance, wage and fit, with reasons")
struct JobMatcherTests {
    let home = GeoCoordinate(longitude: 110.69, latitude: 34.70)!
    let today = CalendarDate(iso: "2026-11-30")!

    /// A posting `north` degrees of latitude from home (0.009° ≈ 1 km).
    func posting(_ id: String, _ occupation: String, wage: (Int, Int), north: Double, until: String = "2026-12-31",
                 education: EducationLevel? = nil, ages: ClosedRange<Int>? = nil) -> JobPostingProfile {
        JobPostingProfile(id: id, occupation: occupation, occupationName: "工种\(occupation)", wageMinimumFen: wage.0 * 100,
                          wageMaximumFen: wage.1 * 100, minimumEducation: education, ages: ages,
                          workplace: GeoCoordinate(longitude: 110.69, latitude: 34.70 + north)!, validUntil: CalendarDate(iso: until)!)
    }

    var seeker: JobSeekerProfile {
        JobSeekerProfile(occupations: ["4-03"], expectedWageFen: 350_000, maximumDistanceMeters: 30_000, education: .juniorMiddle,
                         ageYears: 45, residence: home)
    }

    var postings: [JobPostingProfile] {
        [
            posting("C", "6-01", wage: (5000, 6000), north: 0.009),
            posting("B", "4-10", wage: (3500, 4500), north: 0.045),
            posting("A", "4-03", wage: (3000, 4000), north: 0.018),
            posting("expired", "4-03", wage: (4000, 5000), north: 0.001, until: "2026-11-29"),
            posting("young", "4-03", wage: (4000, 5000), north: 0.001, ages: 18...35),
            posting("college", "4-03", wage: (4000, 5000), north: 0.001, education: .college),
            posting("far", "4-03", wage: (4000, 5000), north: 0.54),
        ]
    }

    @Test("the known order: the right occupation nearby first, the same major group next, another trade last")
    func order() {
        let ranked = JobMatcher.rank(postings, for: seeker, today: today)
        #expect(ranked.map(\.postingID) == ["A", "B", "C"])
        #expect(ranked.map(\.score) == [93, 75, 59])
        #expect(JobMatcher.rank(postings, for: seeker, today: today, limit: 2).map(\.postingID) == ["A", "B"])
    }

    @Test("every factor is explained in words with its points")
    func reasons() throws {
        let best = try #require(JobMatcher.rank(postings, for: seeker, today: today).first)
        #expect(best.reasons.map(\.text) == ["职业对口：工种4-03", "工作地距居住地约2.0公里（可接受30.0公里以内）",
                                             "月薪3000–4000元，可达到期望的3500元", "岗位不限年龄和学历"])
        #expect(best.reasons.map(\.points) == [40, 28, 15, 10] && best.reasons.map(\.maximum) == [40, 30, 20, 10])
        let same = try #require(JobMatcher.match(postings[1], for: seeker, today: today))
        #expect(same.reasons[0].text == "职业相近：工种4-10与求职工种同属一大类")
    }

    @Test("acceptable places: a workplace outside every named place is left out, one inside says so; no place named, anywhere")
    func places() throws {
        let guwei = try DivisionCode("140830100000"), fenglingdu = try DivisionCode("140830101000")
        func at(_ id: String, _ division: DivisionCode?) -> JobPostingProfile {
            JobPostingProfile(id: id, occupation: "4-03", occupationName: "工种4-03", wageMinimumFen: 300_000, wageMaximumFen: 400_000,
                              minimumEducation: nil, ages: nil, workplace: GeoCoordinate(longitude: 110.69, latitude: 34.71)!,
                              workplaceDivision: division, validUntil: CalendarDate(iso: "2026-12-31")!)
        }
        let postings = [at("in-village", try DivisionCode("140830100201")), at("other-township", fenglingdu), at("unplaced", nil)]
        let onlyGuwei = JobSeekerProfile(occupations: ["4-03"], expectedWageFen: nil, maximumDistanceMeters: nil, places: [guwei],
                                         education: .juniorMiddle, ageYears: 45, residence: home)
        let ranked = JobMatcher.rank(postings, for: onlyGuwei, today: today)
        #expect(ranked.map(\.postingID) == ["in-village"])
        #expect(ranked.first?.reasons[1].text == "工作地距居住地约1.1公里，在可接受的工作地点内")
        let either = JobSeekerProfile(occupations: ["4-03"], expectedWageFen: nil, maximumDistanceMeters: nil, places: [guwei, fenglingdu],
                                      education: .juniorMiddle, ageYears: 45, residence: home)
        #expect(Set(JobMatcher.rank(postings, for: either, today: today).map(\.postingID)) == ["in-village", "other-township"])
        #expect(JobMatcher.rank(postings, for: seeker, today: today).count == 3)
    }

    @Test("the employer's side: seekers ranked for one posting by the same points item 2 gives them; those it would not suit left out")
    func seekersForPosting() throws {
        let posting = posting("P", "4-03", wage: (3000, 4000), north: 0.018, ages: 18...50)
        func candidate(_ id: String, _ wanted: [String], age: Int = 40, limit: Int? = nil, north: Double = 0) -> JobMatcher.Candidate {
            JobMatcher.Candidate(id: id, profile: JobSeekerProfile(
                occupations: wanted, expectedWageFen: 350_000, maximumDistanceMeters: limit, education: .juniorMiddle, ageYears: age,
                residence: GeoCoordinate(longitude: 110.69, latitude: 34.70 + north)!))
        }
        let candidates = [candidate("trade-far", ["4-03"], north: 0.2), candidate("other", ["6-01"]), candidate("near-group", ["4-10"]),
                          candidate("trade", ["4-03"]), candidate("too-old", ["4-03"], age: 51), candidate("close-only", ["4-03"], limit: 1_000)]
        let ranked = JobMatcher.rankSeekers(candidates, for: posting, today: today)
        #expect(ranked.map(\.seekerID) == ["trade", "trade-far", "near-group", "other"])
        for found in ranked {
            let profile = try #require(candidates.first { $0.id == found.seekerID }?.profile)
            #expect(found.match == JobMatcher.match(posting, for: profile, today: today))
        }
        #expect(JobMatcher.rankSeekers(candidates, for: posting, today: today, limit: 2).map(\.seekerID) == ["trade", "trade-far"])
    }

    @Test("a seeker who names a whole major group takes each of its medium groups as the right occupation")
    func wholeMajorGroup() {
        #expect(JobMatcher.occupationFit("4-10", wanted: ["4"]) == .same)
        #expect(JobMatcher.occupationFit("4", wanted: ["4"]) == .same)
        #expect(JobMatcher.occupationFit("4", wanted: ["4-03"]) == .sameMajorGroup)
        #expect(JobMatcher.occupationFit("6-01", wanted: ["4", "4-03"]) == .other)
        #expect(JobMatcher.occupationFit("6-01", wanted: []) == .any)
        let anyService = JobSeekerProfile(occupations: ["4"], expectedWageFen: 350_000, maximumDistanceMeters: 30_000,
                                          education: .juniorMiddle, ageYears: 45, residence: home)
        let ranked = JobMatcher.rank(postings, for: anyService, today: today)
        // A and B are both service work now, so B's wage (the expected 3500 at its floor) outweighs A's shorter way.
        #expect(ranked.map(\.postingID) == ["B", "A", "C"])
        #expect(ranked.map { $0.reasons[0].points } == [40, 40, 0] && ranked.map(\.score) == [95, 93, 59])
    }

    @Test("expired, closing before the seeker can start, another age, more schooling, beyond the distance: left out; valid on its last day")
    func conditions() {
        for id in ["expired", "young", "college", "far"] {
            let left = postings.first { $0.id == id }!
            #expect(JobMatcher.match(left, for: seeker, today: today) == nil, "\(id)")
        }
        #expect(JobMatcher.match(posting("last", "4-03", wage: (1, 2), north: 0, until: "2026-11-30"), for: seeker, today: today) != nil)
        // A posting that closes before the seeker can start is of no use; open on that day, it counts.
        let closing = posting("closing", "4-03", wage: (3000, 4000), north: 0, until: "2026-12-05")
        func starting(_ day: String) -> JobSeekerProfile {
            JobSeekerProfile(occupations: ["4-03"], expectedWageFen: 350_000, maximumDistanceMeters: 30_000, education: .juniorMiddle,
                             ageYears: 45, residence: home, availableFrom: CalendarDate(iso: day)!)
        }
        #expect(JobMatcher.match(closing, for: starting("2026-12-06"), today: today) == nil)
        #expect(JobMatcher.match(closing, for: starting("2026-12-05"), today: today) != nil)
        #expect(JobMatcher.match(closing, for: starting("2026-11-01"), today: today) != nil)
        let grown = JobSeekerProfile(occupations: [], expectedWageFen: nil, maximumDistanceMeters: nil, education: .college,
                                     ageYears: 30, residence: home)
        let fits = JobMatcher.match(postings.first { $0.id == "young" }!, for: grown, today: today)
        #expect(fits?.reasons.map(\.text).last == "符合岗位要求：年龄18–35岁")
        #expect(fits?.reasons.first?.points == 20 && fits?.reasons[2].text == "月薪4000–5000元（未填期望薪资）")
    }
}

@Suite("职业分类: codes are major groups 1–8 or medium groups like 4-03")
struct OccupationTests {
    @Test("well-formed codes and their major group")
    func codes() {
        #expect(Occupation.isWellFormed("4") && Occupation.isWellFormed("4-03") && Occupation.isWellFormed("8-00"))
        #expect(!Occupation.isWellFormed("9") && !Occupation.isWellFormed("4-3") && !Occupation.isWellFormed("4-03-01")
                && !Occupation.isWellFormed("") && !Occupation.isWellFormed("4-ab"))
        #expect(Occupation.major(of: "4-03") == "4" && Occupation.major(of: "6") == "6")
        #expect(Occupation.majorGroups.map(\.code) == ["1", "2", "3", "4", "5", "6", "7", "8"])
    }

    @Test("the 2022 edition's 79 medium groups: 6, 11, 4, 15, 6, 32, 4 and 1 per major group, each code once and well formed")
    func mediumGroups() {
        let medium = Occupation.mediumGroups
        #expect(medium.count == 79)
        #expect(Set(medium.map(\.code)).count == 79)
        #expect(medium.allSatisfy { Occupation.isWellFormed($0.code) && $0.code.contains("-") && !$0.name.isEmpty && $0.name.count <= 60 })
        let perMajor = Occupation.majorGroups.map { major in medium.filter { $0.major == major.code }.count }
        #expect(perMajor == [6, 11, 4, 15, 6, 32, 4, 1])
        // Each major group's 其他 group closes it; major group 8 is one group.
        #expect(medium.filter { $0.code.hasSuffix("-99") }.map(\.code) == ["2-99", "3-99", "4-99", "5-99", "6-99"])
        #expect(medium.first { $0.code == "4-03" }?.name == "住宿和餐饮服务人员")
        #expect(medium.first { $0.code == "6-29" }?.name == "建筑施工人员")
        #expect(medium.first { $0.code == "8-00" }?.name == "不便分类的其他从业人员")
        // Staff choose from each major group followed by its own medium groups.
        let edition = Occupation.edition2022.map(\.code)
        #expect(edition.count == 87 && Array(edition.prefix(3)) == ["1", "1-01", "1-02"] && Array(edition.suffix(3)) == ["7-04", "8", "8-00"])
        #expect(edition == edition.sorted())
    }

    @Test("the built-in medium groups pass the province's own file check")
    func mediumGroupsLoadAsAFile() throws {
        let file = Occupation.mediumGroups.map { "\($0.code),\($0.name)" }.joined(separator: "\n")
        let parsed = try OccupationList.parse(file, majors: Set(Occupation.majorGroups.map(\.code))).get()
        #expect(parsed == Occupation.mediumGroups)
    }
}

@Suite("职业分类文件: medium groups load as code,name lines; every bad line is named and nothing loads")
struct OccupationListTests {
    let majors: Set<String> = Set(Occupation.majorGroups.map(\.code))

    @Test("a header, blank lines and a BOM are fine")
    func good() throws {
        let list = try OccupationList.parse("\u{FEFF}代码,名称\n4-03,住宿和餐饮服务人员\n\n6-01, 农副产品加工人员 \n", majors: majors).get()
        #expect(list == [Occupation(code: "4-03", name: "住宿和餐饮服务人员"), Occupation(code: "6-01", name: "农副产品加工人员")])
    }

    @Test("a major code, a malformed or unknown group, a repeat and a missing name are each reported by line")
    func bad() {
        guard case .failure(let problems) = OccupationList.parse("4,社会生产服务\n4-3,x\n9-01,x\n4-03,a\n4-03,b\n4-04", majors: majors) else {
            Issue.record("a bad file was accepted")
            return
        }
        #expect(problems.lines == ["第1行：职业代码“4”应为中类代码，如4-03", "第2行：职业代码“4-3”应为中类代码，如4-03",
                                   "第3行：职业代码“9-01”应为中类代码，如4-03", "第5行：职业代码“4-03”重复", "第6行：应为“代码,名称”"])
    }
}
