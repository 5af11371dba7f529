import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("我要找工作 (items 1–9) through the app: searches audited, a resident's pages kept to the point that serves him, postings and gigs expire")
struct JobSearchTests {
    let jobs = FixedJobsTests()

    /// 李四海, living in 令花社区 (the community point's own division).
    static let neighbourID = TestIdentity.idNumber(birth: "19850303", sequence: 451)

    func neighbour(_ app: Application, _ session: TestSession) async throws -> UUID {
        let fields = CitizenRegistryTests.registration(Self.neighbourID).map { field -> (String, String) in
            switch field.0 {
            case "name": ("name", "李四海")
            case "phone": ("phone", "13800005678")
            case "hukou_division", "residence_division": (field.0, "140830100019")
            default: field
            }
        }
        try await app.expectNoticeRedirect("/citizens", as: session, fields: fields)
        let index = app.jiujinban.cipher.blindIndex(Self.neighbourID, context: CitizenCrypto.idNumberContext)
        return try #require(try await CitizenRecord.query(on: app.db).filter(\.$idNumberIndex == index).first()?.requireID())
    }

    /// Item 1 for fork-lift work (occupation 6).
    func registerSeeker(_ app: Application, _ session: TestSession, _ citizen: UUID) async throws {
        let result = try await jobs.accept(app, session, citizen: citizen, item: 1, [("occupation1", "6"), ("expected_wage", "3000"),
                                                                                   ("max_distance_km", "100"), ("education", "2")])
        #expect(result.0 == .seeOther)
    }

    /// Item 4 for harvest work, any day of the week.
    func registerWorker(_ app: Application, _ session: TestSession, _ citizen: UUID) async throws {
        let days = (1...7).map { ("weekdays_\($0)", "yes") }
        let result = try await jobs.accept(app, session, citizen: citizen, item: 4,
                                           [("skills_harvest", "yes"), ("day_wage", "100"), ("radius_km", "100")] + days)
        #expect(result.0 == .seeOther)
    }

    /// Item 7: a harvest gig named by its content.
    func gig(_ app: Application, _ session: TestSession, recruiter: UUID, content: String, place: String = "140830100204",
             start: String = "2026-12-01", end: String = "2026-12-05", wage: String = "150") async throws {
        let result = try await jobs.accept(app, session, citizen: recruiter, item: 7, [
            ("recruiter_unit", "芮城县果园合作社"), ("skill", "harvest"), ("content", content), ("place", place),
            ("address", "果园"), ("start_on", start), ("end_on", end), ("headcount", "2"), ("day_wage", wage),
            ("contact_phone", "13912345678"),
        ])
        #expect(result.0 == .seeOther, "\(content)")
    }

    func recruiter(_ app: Application, _ session: TestSession) async throws -> UUID {
        try await jobs.citizen(app, session, idNumber: BadInputs.withCheck("14083019750505123"))
    }

    func employer(_ app: Application, _ session: TestSession) async throws -> UUID {
        #expect(try await jobs.employer(app, session).0 == .seeOther)
        return try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())
    }

    // MARK: - Audit

    @Test("each search of postings (3), gigs (6) and workers (9) and the seekers list writes one audit row naming its filters and no person; refused filters write none")
    func searchesAudited() async throws {
        try await TestApp.run { app in
            let township = try await app.session(as: .townshipOperator)
            #expect(try await jobs.posting(app, township, employer: try await employer(app, township), title: "叉车司机").0 == .seeOther)
            let village = try await app.session(as: .villageOperator)
            let person = try await jobs.citizen(app, village)
            try await registerSeeker(app, village, person)
            try await registerWorker(app, village, person)
            try await gig(app, village, recruiter: try await recruiter(app, village), content: "苹果采摘装箱")

            // Item 3: every search, filtered or not; a wage that is not a number reads nothing and is not recorded.
            #expect(try await app.getPage(village, "/jobs/postings").1.contains("共1个招聘中的岗位"))
            #expect(try await app.getPage(village, "/jobs/postings?q=%E5%8F%89%E8%BD%A6&wage=3000&sort=wage").1.contains("共1个")) // 叉车
            #expect(try await app.getPage(village, "/jobs/postings?wage=abc").0 == .unprocessableEntity)
            #expect(try await app.getPage(village, "/jobs/postings?area=140830100000").1.contains("共1个"))
            #expect(try await auditedObjects("job_posting.search", on: app) == [
                AuditedObject(nil, "1个岗位"), AuditedObject(nil, "q=叉车 wage=3000 sort=wage；1个岗位"),
                AuditedObject("140830100000", "1个岗位"),
            ])

            // Item 6.
            #expect(try await app.getPage(village, "/gigs").1.contains("共1个招用中的零工岗位"))
            #expect(try await app.getPage(village, "/gigs?skill=harvest&date=2026-12-02&wage=120").1.contains("共1个招用中的零工岗位"))
            #expect(try await app.getPage(village, "/gigs?date=2026-13-01").0 == .unprocessableEntity)
            #expect(try await auditedObjects("gig.search", on: app) == [
                AuditedObject("140830000000", "1个零工岗位"), AuditedObject("140830000000", "skill=harvest date=2026-12-02 wage=120；1个零工岗位"),
            ])

            // Item 9 lists residents (masked): audited with the operator as the actor; a place outside the village is refused.
            let workers = try await app.getPage(village, "/gigs/workers?skill=harvest")
            #expect(workers.1.contains("有效零工求职登记1人") && workers.1.contains(Masking.maskedName("王小明")))
            #expect(try await app.getPage(village, "/gigs/workers?area=140830101000").0 == .unprocessableEntity) // 风陵渡镇
            #expect(try await auditedObjects("gig.worker_search", on: app) == [AuditedObject("140830100204", "skill=harvest；1人")])
            let sql = app.db as! any SQLDatabase
            let actor = try await sql.raw("SELECT user_id FROM audit_log WHERE action = 'gig.worker_search'").first()?.decode(column: "user_id", as: UUID?.self)
            #expect(actor == village.accountID)

            // Item 1's list of the village's job seekers also shows residents.
            let seekers = try await app.getPage(village, "/jobs/seekers")
            #expect(seekers.1.contains("共1人") && seekers.1.contains(Masking.maskedName("王小明")))
            #expect(try await auditedObjects("job_seeker.list", on: app) == [AuditedObject("140830100204", "1人")])

            // No search row names anybody, masked or not.
            for action in ["job_posting.search", "gig.search", "gig.worker_search", "job_seeker.list"] {
                for row in try await auditedObjects(action, on: app) {
                    #expect(!row.detail.contains("王") && !row.detail.contains("13800001234"), "\(action): \(row)")
                }
            }
        }
    }

    // MARK: - Scope

    @Test("another point's operator gets 404 for a resident's recommendation, gig and recruiter pages; the seeker and worker lists hold only the operator's own residents; postings are the province's")
    func scopes() async throws {
        try await TestApp.run { app in
            let township = try await app.session(as: .townshipOperator)
            #expect(try await jobs.posting(app, township, employer: try await employer(app, township), title: "叉车司机").0 == .seeOther)
            // 王小明 of 太安村 at the village point, with a recruiter of the same village; 李四海 of 令花社区 at the community point.
            let village = try await app.session(as: .villageOperator), community = try await app.session(as: .communityOperator)
            let villager = try await jobs.citizen(app, village)
            try await registerSeeker(app, village, villager)
            try await registerWorker(app, village, villager)
            let recruiter = try await recruiter(app, village)
            try await gig(app, village, recruiter: recruiter, content: "苹果采摘装箱")
            let neighbour = try await neighbour(app, community)
            try await registerSeeker(app, community, neighbour)
            try await registerWorker(app, community, neighbour)

            func path(_ prefix: String, _ id: UUID) -> String { prefix + id.uuidString.lowercased() }
            // Each point opens its own residents' pages, and only those.
            #expect(try await app.getPage(village, path("/jobs/recommendations/", villager)).1.contains("推荐岗位（1个）"))
            #expect(try await app.getPage(village, path("/gigs/recommendations/", villager)).1.contains("推荐零工岗位（1个）"))
            #expect(try await app.getPage(village, path("/gigs/recruiters/", recruiter)).1.contains("苹果采摘装箱"))
            #expect(try await app.getPage(community, path("/jobs/recommendations/", neighbour)).1.contains("推荐岗位（1个）"))
            for page in [path("/jobs/recommendations/", villager), path("/gigs/recommendations/", villager), path("/gigs/recruiters/", recruiter)] {
                let refused = try await app.getPage(community, page)
                #expect(refused.0 == .notFound && !refused.1.contains(Masking.maskedName("王小明")), "\(page)")
            }
            for page in [path("/jobs/recommendations/", neighbour), path("/gigs/recommendations/", neighbour)] {
                #expect(try await app.getPage(village, page).0 == .notFound, "\(page)")
            }
            // Only the pages opened are audited as views: the refused ones read nothing.
            #expect(try await auditCount("job.recommend_view", result: "success", on: app) == 2)
            #expect(try await auditCount("gig.recommend_view", result: "success", on: app) == 1)

            // The lists: each point its own resident; the township centre both.
            let masked = (Masking.maskedName("王小明"), Masking.maskedName("李四海"))
            for (session, mine, theirs) in [(village, masked.0, masked.1), (community, masked.1, masked.0)] {
                let seekers = try await app.getPage(session, "/jobs/seekers")
                #expect(seekers.1.contains("共1人") && seekers.1.contains(mine) && !seekers.1.contains(theirs))
                let workers = try await app.getPage(session, "/gigs/workers")
                #expect(workers.1.contains("有效零工求职登记1人") && workers.1.contains(mine) && !workers.1.contains(theirs))
            }
            #expect(try await app.getPage(township, "/jobs/seekers").1.contains("共2人"))
            #expect(try await app.getPage(township, "/gigs/workers").1.contains("有效零工求职登记2人"))
            // Item 9's place filter stays inside the user's division: the township centre narrows to one village.
            let taian = try await app.getPage(township, "/gigs/workers?area=140830100204")
            #expect(taian.1.contains("有效零工求职登记1人") && taian.1.contains(masked.0) && !taian.1.contains(masked.1))
            #expect(try await app.getPage(township, "/gigs/workers?area=140830100019").1.contains(masked.1))
            // The row's object is the place whose residents were listed.
            #expect(try await auditedObjects("gig.worker_search", on: app).suffix(2) == [AuditedObject("140830100204", "1人"),
                                                                                         AuditedObject("140830100019", "1人")])
            #expect(try await app.getPage(township, "/gigs/workers?area=140830101000").0 == .unprocessableEntity)

            // Postings are open to every post of the province that searches.
            for role in [DemoRole.villageOperator, .communityOperator, .bankOperator, .reviewer, .countyBusinessAdmin, .cityOfficer, .provinceBusinessAdmin] {
                let page = try await app.getPage(try await app.session(as: role), "/jobs/postings")
                #expect(page.0 == .ok && page.1.contains("共1个招聘中的岗位") && page.1.contains("叉车司机"), "\(role)")
            }
        }
    }

    // MARK: - Expiry

    @Test("a posting is searched and recommended through its valid-until day and not after; a gig through its last day")
    func expiry() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            // The clock starts on Wednesday 2026-11-25.
            let township = try await app.session(as: .townshipOperator)
            let employerID = try await employer(app, township)
            #expect(try await jobs.posting(app, township, employer: employerID, title: "短期叉车司机", until: "2026-11-30").0 == .seeOther)
            #expect(try await jobs.posting(app, township, employer: employerID, title: "长期叉车司机", until: "2026-12-31").0 == .seeOther)
            var village = try await app.session(as: .villageOperator)
            let person = try await jobs.citizen(app, village)
            try await registerSeeker(app, village, person)
            try await registerWorker(app, village, person)
            let recruiter = try await recruiter(app, village)
            try await gig(app, village, recruiter: recruiter, content: "周末摘苹果", start: "2026-11-26", end: "2026-11-28")
            try await gig(app, village, recruiter: recruiter, content: "十二月装箱", start: "2026-12-01", end: "2026-12-05")

            func seen(_ expected: (postings: Int, gigs: Int), short: Bool, weekend: Bool, _ comment: Comment) async throws {
                let postings = try await app.getPage(village, "/jobs/postings")
                #expect(postings.1.contains("共\(expected.postings)个招聘中的岗位") && postings.1.contains("短期叉车司机") == short, comment)
                let recommended = try await app.getPage(village, "/jobs/recommendations/\(person.uuidString.lowercased())")
                #expect(recommended.1.contains("推荐岗位（\(expected.postings)个）") && recommended.1.contains("短期叉车司机") == short, comment)
                let gigs = try await app.getPage(village, "/gigs?skill=harvest")
                #expect(gigs.1.contains("共\(expected.gigs)个招用中的零工岗位") && gigs.1.contains("周末摘苹果") == weekend, comment)
                let forWorker = try await app.getPage(village, "/gigs/recommendations/\(person.uuidString.lowercased())")
                #expect(forWorker.1.contains("推荐零工岗位（\(expected.gigs)个）") && forWorker.1.contains("周末摘苹果") == weekend, comment)
            }
            try await seen((2, 2), short: true, weekend: true, "on the day they were entered")
            // Sunday 2026-11-29: the gig ended the day before; the posting runs through Monday.
            clock.advance(by: 4 * 86_400)
            village = try await app.session(as: .villageOperator)
            try await seen((2, 1), short: true, weekend: false, "the day after the gig's last day")
            clock.advance(by: 86_400)
            village = try await app.session(as: .villageOperator)
            try await seen((2, 1), short: true, weekend: false, "on the posting's valid-until day")
            clock.advance(by: 86_400)
            village = try await app.session(as: .villageOperator)
            try await seen((1, 1), short: false, weekend: false, "the day after the posting's valid-until day")
            // Still on record and shown by its own page, as expired.
            let short = try #require(try await JobPostingRecord.query(on: app.db).filter(\.$title == "短期叉车司机").first()?.requireID())
            #expect(try await app.getPage(village, "/jobs/postings/\(short.uuidString.lowercased())").0 == .ok)
        }
    }

    // MARK: - Item 6's filters and pages

    @Test("item 6 narrows by place, day and wage; 21 gigs make two pages; a page past the last shows the last, however large")
    func gigFiltersAndPages() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let recruiter = try await recruiter(app, village)
            // 凤凰社区 of 风陵渡镇, a day's wage of 200, 2026-12-10 to 12-12.
            try await gig(app, village, recruiter: recruiter, content: "风陵渡装车", place: "140830101001", start: "2026-12-10", end: "2026-12-12",
                          wage: "200")
            for day in 1...20 {
                let date = String(format: "2026-12-%02d", day)
                try await gig(app, village, recruiter: recruiter, content: "太安采摘第\(day)天", start: date, end: date)
            }
            #expect(try await GigPostingRecord.query(on: app.db).count() == 21)

            let first = try await app.getPage(village, "/gigs")
            #expect(first.1.contains("共21个招用中的零工岗位") && first.1.contains("第 1 页 / 共 2 页"))
            // Soonest first: day 1 on page 1; the 20th day (the 21st gig by start) on page 2 alone.
            #expect(first.1.contains("太安采摘第1天（") && !first.1.contains("太安采摘第20天"))
            let second = try await app.getPage(village, "/gigs?page=2")
            #expect(second.1.contains("第 2 页 / 共 2 页") && second.1.contains("太安采摘第20天") && !second.1.contains("太安采摘第1天（"))
            for page in ["3", "9223372036854775807"] {
                let past = try await app.getPage(village, "/gigs?page=\(page)")
                #expect(past.0 == .ok && past.1.contains("第 2 页 / 共 2 页") && past.1.contains("太安采摘第20天"), "page \(page)")
            }

            // Place: the township 风陵渡镇 or its community; 古魏镇 holds the other 20.
            let fenglingdu = try await app.getPage(village, "/gigs?area=140830101000")
            #expect(fenglingdu.1.contains("共1个招用中的零工岗位") && fenglingdu.1.contains("风陵渡装车"))
            #expect(try await app.getPage(village, "/gigs?area=140830101001").1.contains("共1个招用中的零工岗位"))
            #expect(try await app.getPage(village, "/gigs?area=140830100000").1.contains("共20个招用中的零工岗位"))
            let outside = try await app.getPage(village, "/gigs?area=140881000000") // 永济市, another county
            #expect(outside.0 == .unprocessableEntity && outside.1.contains("请从列表中选择用工地点"))
            // Day: the gigs under way that day.
            let eleventh = try await app.getPage(village, "/gigs?date=2026-12-11")
            #expect(eleventh.1.contains("共2个招用中的零工岗位") && eleventh.1.contains("风陵渡装车") && eleventh.1.contains("太安采摘第11天"))
            #expect(try await app.getPage(village, "/gigs?date=2026-12-25").1.contains("共0个招用中的零工岗位"))
            // Wage: at least the amount, in yuan.
            let paid = try await app.getPage(village, "/gigs?wage=180")
            #expect(paid.1.contains("共1个招用中的零工岗位") && paid.1.contains("风陵渡装车"))
            #expect(try await app.getPage(village, "/gigs?wage=150").1.contains("共21个"))
            let badWage = try await app.getPage(village, "/gigs?wage=abc")
            #expect(badWage.0 == .unprocessableEntity && badWage.1.contains("日工资应为数字（元），如150"))
            // Together, and the pager keeps the filters.
            #expect(try await app.getPage(village, "/gigs?area=140830100000&date=2026-12-11&wage=150").1.contains("共1个招用中的零工岗位"))
            #expect(first.1.contains("/gigs?page=2") && !first.1.contains("上一页"))
        }
    }

    @Test("the seeker and worker lists: a page past the last shows the last, however large")
    func listPages() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await jobs.citizen(app, village)
            try await registerSeeker(app, village, person)
            try await registerWorker(app, village, person)
            for page in ["2", "9223372036854775807"] {
                let seekers = try await app.getPage(village, "/jobs/seekers?page=\(page)")
                #expect(seekers.0 == .ok && seekers.1.contains(Masking.maskedName("王小明")), "page \(page)")
                let workers = try await app.getPage(village, "/gigs/workers?page=\(page)")
                #expect(workers.0 == .ok && workers.1.contains(Masking.maskedName("王小明")), "page \(page)")
            }
        }
    }
}
