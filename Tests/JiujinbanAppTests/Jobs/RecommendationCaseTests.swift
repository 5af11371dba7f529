import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("岗位推荐 (item 2) as a case: recorded with or without a push, next steps when nothing fits, findable per post")
struct RecommendationCaseTests {
    let jobs = FixedJobsTests()

    /// A village operator and a person registered as a job seeker within `km` kilometres (item 1).
    func seeker(_ app: Application, km: String = "10") async throws -> (TestSession, UUID, String) {
        let village = try await app.session(as: .villageOperator)
        let person = try await jobs.citizen(app, village)
        #expect(try await jobs.accept(app, village, citizen: person, item: 1, [("occupation1", "6"), ("expected_wage", "3500"),
                                                                              ("max_distance_km", km), ("education", "2")]).0 == .seeOther)
        return (village, person, "/jobs/recommendations/\(person.uuidString.lowercased())")
    }

    /// A posting of the township operator's employer in `workplace`.
    func posting(_ app: Application, title: String, workplace: String = "140830100000") async throws -> UUID {
        let township = try await app.session(as: .townshipOperator)
        if try await EmployerRecord.query(on: app.db).count() == 0 { #expect(try await jobs.employer(app, township).0 == .seeOther) }
        let employer = try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())
        #expect(try await jobs.posting(app, township, employer: employer, title: title, workplace: workplace).0 == .seeOther)
        return try #require(try await JobPostingRecord.query(on: app.db).filter(\.$title == title).first()?.requireID())
    }

    func itemCases(_ app: Application) async throws -> [CaseRecord] {
        try await CaseRecord.query(on: app.db).filter(\.$itemSeq == JobRecommendationItem.seq).all()
    }

    /// Sends a form with the given submission key, as the page's button would.
    func record(_ app: Application, _ session: TestSession, person: UUID, key: String, _ fields: [(String, String)]) async throws
        -> (HTTPStatus, String)
    {
        try await app.post(session, "/cases", [("citizen", person.uuidString.lowercased()), ("item", "2"), ("submission", key),
                                                ("documents_checked", "yes")] + fields)
    }

    @Test("recorded without a push: a case of item 2 with channel, actor, point and result, counted; a repeated form is the same case")
    func recordedWithoutPush() async throws {
        try await TestApp.run { app in
            let id = try await posting(app, title: "叉车司机")
            let (village, person, path) = try await seeker(app)
            let page = try await app.getPage(village, path)
            #expect(page.0 == .ok && page.1.contains("推荐岗位（1个）") && page.1.contains("办结本次推荐（不发短信）"))

            let key = UUID().uuidString.lowercased()
            let fields = [("postings", id.uuidString.lowercased()), ("push", "no"), ("note", "本人当场记下了电话")]
            let first = try await record(app, village, person: person, key: key, fields)
            #expect(first.0 == .seeOther)
            let cases = try await itemCases(app)
            #expect(cases.count == 1)
            let made = try #require(cases.first)
            let point = try await (app.db as! any SQLDatabase).raw("SELECT unit_service_point_id AS p FROM staff_accounts WHERE id = \(bind: village.accountID)")
                .first()?.decode(column: "p", as: UUID.self)
            #expect(made.channel == "counter" && made.handlerAccount == village.accountID && made.servicePointID == point)
            #expect(made.state == "approved" && made.citizenID == person)
            // No message without the push.
            #expect(try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM sms_outbox").first()?.decode(column: "n", as: Int.self) == 0)
            // The case says what was done.
            let shown = try await app.getPage(village, "/cases/\(try made.requireID().uuidString.lowercased())")
            #expect(shown.1.contains("<dt>推荐结果</dt><dd>推荐1个岗位，未发短信（当面告知）</dd>") && shown.1.contains("本人当场记下了电话"))

            // The same form again (a refresh that resends it, a double click): the same case, not a second one.
            let again = try await record(app, village, person: person, key: key, fields)
            let count = try await itemCases(app).count
            #expect(again.0 == .seeOther && count == 1)

            // Counted in the county's statistics like every other item's case.
            let admin = try await app.session(as: .countyBusinessAdmin)
            let statistics = try await app.getPage(admin, "/cases/statistics?from=2026-11-01&to=2026-11-30")
            #expect(statistics.1.contains("<td>2. 固定工岗位信息推荐</td><td class=\"num\">1</td>"))
        }
    }

    @Test("nothing fits: the page offers a wider radius, gig work, training and recording the outcome; the outcome is a case")
    func nothingFits() async throws {
        try await TestApp.run { app in
            let (village, person, path) = try await seeker(app)
            let citizen = person.uuidString.lowercased()
            let page = try await app.getPage(village, path)
            #expect(page.0 == .ok && page.1.contains("推荐岗位（0个）"))
            // Widen: links re-running the search with a larger radius.
            #expect(page.1.contains("href=\"\(path)?distance_km=20\"") && page.1.contains("href=\"\(path)?distance_km=any\""))
            // Gig work: the person's gig registration and the gig search, started as their items for this person.
            #expect(page.1.contains("href=\"/cases/new?citizen=\(citizen)&amp;item=\(GigSeekerItem.seq)\""))
            #expect(page.1.contains("href=\"/cases/new?citizen=\(citizen)&amp;item=\(GigSearchItem.seq)\""))
            // Training: each 我要学技能 item for this person.
            for item in app.jiujinban.catalogue.items(in: "skill") {
                #expect(page.1.contains("href=\"/cases/new?citizen=\(citizen)&amp;item=\(item.seq)\""))
            }
            // Recording the outcome; and no 登记已就业 form under an empty list before any recommendation.
            #expect(page.1.contains("记录本次服务结果") && !page.1.contains("登记已就业"))

            let recorded = try await record(app, village, person: person, key: UUID().uuidString.lowercased(),
                                            [("postings", ""), ("note", "已介绍参加技能培训")])
            #expect(recorded.0 == .seeOther)
            let made = try #require(try await itemCases(app).first)
            let shown = try await app.getPage(village, "/cases/\(try made.requireID().uuidString.lowercased())")
            #expect(shown.1.contains("<dt>推荐结果</dt><dd>无符合条件的岗位</dd>") && shown.1.contains("已介绍参加技能培训"))

            // After a recommendation the form is there, with no date filled in for the clerk.
            let after = try await app.getPage(village, path)
            #expect(after.1.contains("登记已就业") && after.1.contains("name=\"started_on\" id=\"started_on\" maxlength"))
        }
    }

    @Test("a wider radius finds the posting beyond the registered one; a radius not offered is refused by name")
    func widenedSearch() async throws {
        try await TestApp.run { app in
            let far = try await posting(app, title: "物流装卸工", workplace: "140830101000")
            let (village, person, path) = try await seeker(app, km: "5")
            let seekerRecord = try #require(try await JobSeekerRecord.find(citizen: person, on: app.db))
            let postingRecord = try #require(try await JobPostingRecord.find(far, on: app.db))
            let distance = GeoCoordinate(longitude: seekerRecord.longitude, latitude: seekerRecord.latitude)!
                .distanceMeters(to: GeoCoordinate(longitude: postingRecord.longitude, latitude: postingRecord.latitude)!)
            let radius = try #require(JobSearchWidening.radiiKm.first { Double($0 * 1000) > distance })
            #expect(!(try await app.getPage(village, path).1.contains("物流装卸工")))
            let widened = try await app.getPage(village, path + "?distance_km=\(radius)")
            #expect(widened.0 == .ok && widened.1.contains("物流装卸工") && widened.1.contains("通勤距离放宽至\(radius)公里"))
            // The case records the widened search.
            #expect(widened.1.contains("name=\"widening\" value=\"distance_km=\(radius)\""))
            #expect(try await record(app, village, person: person, key: UUID().uuidString.lowercased(),
                                     [("postings", far.uuidString.lowercased()), ("push", "no"), ("widening", "distance_km=\(radius)")]).0 == .seeOther)
            let made = try #require(try await itemCases(app).first)
            #expect(try await app.getPage(village, "/cases/\(try made.requireID().uuidString.lowercased())").1
                .contains("推荐1个岗位（通勤距离放宽至\(radius)公里），未发短信（当面告知）"))
            // The registration itself is unchanged.
            #expect(try await JobSeekerRecord.find(citizen: person, on: app.db)?.maximumDistanceMeters == 5_000)

            let odd = try await app.getPage(village, path + "?distance_km=7")
            #expect(odd.0 == .unprocessableEntity && odd.1.contains("通勤距离请从页面提供的选项中选择"))
        }
    }

    @Test("登记已就业 answers with a redirect and a one-time notice, so a refresh does not resend it")
    func employedNotice() async throws {
        try await TestApp.run { app in
            let (village, person, path) = try await seeker(app)
            #expect(try await record(app, village, person: person, key: UUID().uuidString.lowercased(), [("postings", "")]).0 == .seeOther)
            var notice: String?
            var location: String?
            try await app.testing().test(.POST, path + "/employed", headers: village.formHeaders,
                                         body: village.form([("employer", "芮城县某果品厂"), ("started_on", "2026-11-25")])) { res in
                #expect(res.status == .seeOther)
                notice = res.headers.setCookie?[PageNotice.cookieName]?.string
                location = res.headers.first(name: .location)
            }
            #expect(location == path)
            #expect(notice.flatMap { app.features.notice(key: $0) }?.text.contains("已登记就业") == true)
        }
    }

    @Test("employers and postings are in the navigation of the posts that may open them, and of no other")
    func findable() async throws {
        try await TestApp.run { app in
            let village = try await app.getPage(try await app.session(as: .villageOperator), "/")
            #expect(village.1.contains("<a href=\"/jobs/employers\">用人单位</a>") && village.1.contains("<a href=\"/jobs/postings\">招聘岗位</a>"))
            // The county business admin reads the county's employers and searches postings, but records no employer.
            let business = try await app.session(as: .countyBusinessAdmin)
            let admin = try await app.getPage(business, "/")
            #expect(admin.1.contains("<a href=\"/jobs/postings\">招聘岗位</a>") && admin.1.contains("<a href=\"/jobs/employers\">用人单位</a>"))
            let register = try await app.getPage(business, "/jobs/employers")
            #expect(register.0 == .ok && !register.1.contains("href=\"/jobs/employers/new\""))
            #expect(try await app.getPage(business, "/jobs/employers/new").0 == .forbidden)
            for role in [DemoRole.reviewer, .expert] {
                let page = try await app.getPage(try await app.session(as: role), "/")
                #expect(!page.1.contains("<a href=\"/jobs/postings\">招聘岗位</a>") && !page.1.contains("href=\"/jobs/employers\""))
            }
        }
    }
}
