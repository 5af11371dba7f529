import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("我要找工作, fixed jobs (items 1–3): employers, postings, registration, ranked recommendation with its push, search")
struct FixedJobsTests {
    static let creditCode = "91330100799655058B"

    func employer(_ app: Application, _ session: TestSession, code: String = creditCode, phone: String = "0359-6021234") async throws -> (HTTPStatus, String) {
        try await app.post(session, "/jobs/employers", [("name", "芮城县果品加工有限公司"), ("credit_code", code), ("division", "140830100000"),
                                                       ("address", "古魏镇工业园区"), ("contact_name", "李经理"), ("contact_phone", phone)])
    }

    func posting(_ app: Application, _ session: TestSession, employer: UUID, title: String, occupation: String = "6",
                 wage: (String, String) = ("3500", "4500"), headcount: String = "5", ages: (String, String) = ("", ""),
                 until: String = "2026-12-31", workplace: String = "140830100000") async throws -> (HTTPStatus, String) {
        try await app.post(session, "/jobs/employers/\(employer.uuidString.lowercased())/postings", [
            ("title", title), ("occupation", occupation), ("headcount", headcount), ("wage_min", wage.0), ("wage_max", wage.1),
            ("education", ""), ("age_min", ages.0), ("age_max", ages.1), ("workplace", workplace), ("address", "古魏镇工业园区"),
            ("hours", "8:00–17:00"), ("valid_until", until),
        ])
    }

    func citizen(_ app: Application, _ session: TestSession, idNumber: String = CitizenRegistryTests.idNumber) async throws -> UUID {
        let (status, _) = try await app.post(session, "/citizens", CitizenRegistryTests.registration(idNumber))
        #expect(status == .seeOther)
        let index = app.jiujinban.cipher.blindIndex(idNumber, context: CitizenCrypto.idNumberContext)
        return try #require(try await CitizenRecord.query(on: app.db).filter(\.$idNumberIndex == index).first()?.requireID())
    }

    func accept(_ app: Application, _ session: TestSession, citizen: UUID, item: Int, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        try await app.post(session, "/cases", [("citizen", citizen.uuidString.lowercased()), ("item", String(item)),
                                                ("submission", UUID().uuidString.lowercased()), ("documents_checked", "yes")] + fields)
    }

    @Test("an operator records an employer and its postings; bad input is refused by field and nothing is written; closing hides a posting")
    func employersAndPostings() async throws {
        try await TestApp.run { app in
            let township = try await app.session(as: .townshipOperator)
            let bad = try await employer(app, township, code: "91330100799655058C", phone: "12345")
            #expect(bad.0 == .unprocessableEntity && bad.1.contains("校验位不符（按前17位应为B）") && bad.1.contains("手机号码应为11位数字，现在是5位"))
            #expect(try await EmployerRecord.query(on: app.db).count() == 0)
            #expect(try await employer(app, township).0 == .seeOther)
            #expect(try await employer(app, township).1.contains("已登记为“芮城县果品加工有限公司”"))
            let employerID = try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())

            let refused = try await posting(app, township, employer: employerID, title: "分拣员", occupation: "9",
                                            wage: ("5000", "3000"), headcount: "0", ages: ("15", "70"), until: "2026-11-01")
            #expect(refused.0 == .unprocessableEntity)
            for message in ["不在职业分类中", "月薪上限不能低于下限", "招聘人数应至少为1人", "年龄下限应在16至63周岁之间", "年龄上限应在16至63周岁之间",
                            "岗位有效期不能早于今天"] {
                #expect(refused.1.contains(message), "\(message)")
            }
            let negative = try await posting(app, township, employer: employerID, title: "分拣员", wage: ("-1", "3000"))
            #expect(negative.0 == .unprocessableEntity && negative.1.contains("月薪下限不能为负数"))
            let outside = try await posting(app, township, employer: employerID, title: "分拣员", workplace: "140881000000")
            #expect(outside.0 == .unprocessableEntity && outside.1.contains("工作地点应在本辖区内"))
            #expect(try await JobPostingRecord.query(on: app.db).count() == 0)

            #expect(try await posting(app, township, employer: employerID, title: "果品分拣员").0 == .seeOther)
            #expect(try await posting(app, township, employer: employerID, title: "叉车司机", wage: ("6000", "7000")).0 == .seeOther)
            // Every serving post searches; the newest first, by wage on request; filters narrow.
            let village = try await app.session(as: .villageOperator)
            let all = try await app.getPage(village, "/jobs/postings")
            #expect(all.0 == .ok && all.1.contains("共2个招聘中的岗位"))
            let byWage = try await app.getPage(village, "/jobs/postings?sort=wage")
            let first = try #require(byWage.1.range(of: "叉车司机")), second = try #require(byWage.1.range(of: "果品分拣员"))
            #expect(first.lowerBound < second.lowerBound)
            #expect(try await app.getPage(village, "/jobs/postings?wage=6500").1.contains("共1个"))
            #expect(try await app.getPage(village, "/jobs/postings?q=%E5%8F%89%E8%BD%A6").1.contains("共1个")) // 叉车
            #expect(try await app.getPage(village, "/jobs/postings?wage=abc").0 == .unprocessableEntity)
            // A village operator records employers for its county too; a posting closed by its county leaves the search at once.
            #expect(try await employer(app, village, code: "91110000600037341L").0 == .seeOther)
            let forklift = try #require(try await JobPostingRecord.query(on: app.db).filter(\.$title == "叉车司机").first()?.requireID())
            try await app.expectNoticeRedirect("/jobs/postings/\(forklift.uuidString.lowercased())/close", as: township, fields: [("reason", "filled")])
            #expect(try await app.getPage(village, "/jobs/postings").1.contains("共1个招聘中的岗位"))
            #expect(try await app.getPage(village, "/jobs/postings/\(forklift.uuidString.lowercased())").1.contains("已停止招聘（已招满）"))
            #expect(try await auditCount("employer.create", result: "success", on: app) == 2)
            #expect(try await auditCount("job_posting.create", result: "success", on: app) == 2)
            #expect(try await auditCount("job_posting.close", result: "success", on: app) == 1)
            #expect(try await app.getPage(try await app.session(as: .provinceAuditor), "/jobs/postings").0 == .forbidden)
            #expect(try await app.getPage(try await app.session(as: .countyBusinessAdmin), "/jobs/employers/new").0 == .forbidden)
        }
    }

    @Test("item 1 registers the villager, item 2 ranks the postings with reasons and pushes them by text message through the outbox")
    func registerRecommendPush() async throws {
        try await TestApp.run { app in
            let township = try await app.session(as: .townshipOperator)
            #expect(try await employer(app, township).0 == .seeOther)
            let employerID = try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())
            #expect(try await posting(app, township, employer: employerID, title: "果品分拣员", occupation: "5").0 == .seeOther)
            #expect(try await posting(app, township, employer: employerID, title: "叉车司机", occupation: "6", wage: ("3000", "3200")).0 == .seeOther)
            #expect(try await posting(app, township, employer: employerID, title: "青年储备干部", occupation: "6", ages: ("18", "25")).0 == .seeOther)

            let village = try await app.session(as: .villageOperator)
            let person = try await citizen(app, village)
            // Item 2 starts from the ranked postings; with no registration it says so.
            let start = try await app.getPage(village, "/cases/new?citizen=\(person.uuidString.lowercased())&item=2")
            #expect(start.0 == .seeOther)
            let before = try await app.getPage(village, "/jobs/recommendations/\(person.uuidString.lowercased())")
            #expect(before.1.contains("尚未进行固定工求职登记"))

            let badRegistration = try await accept(app, village, citizen: person, item: 1, [("occupation1", "6"), ("occupation2", "9-99"),
                                                                                     ("expected_wage", "-1"), ("education", "")])
            #expect(badRegistration.0 == .unprocessableEntity && badRegistration.1.contains("不在职业分类中") && badRegistration.1.contains("期望月薪不能为负数")
                    && badRegistration.1.contains("请选择学历"))
            let (seekers, cases) = (try await JobSeekerRecord.query(on: app.db).count(), try await CaseRecord.query(on: app.db).count())
            #expect(seekers == 0 && cases == 0)
            #expect(try await accept(app, village, citizen: person, item: 1, [("occupation1", "6"), ("expected_wage", "3500"),
                                                                             ("max_distance_km", "30"), ("education", "2")]).0 == .seeOther)
            let seeker = try #require(try await JobSeekerRecord.find(citizen: person, on: app.db))
            #expect(seeker.occupationCodes == ["6"] && seeker.expectedWageFen == 350_000 && seeker.maximumDistanceMeters == 30_000)
            let registration = try #require(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == 1).first())
            #expect(registration.state == "approved" && seeker.caseID == registration.id)

            // The person is 36: the 18–25 posting is left out; the right trade first, its wage explained.
            let page = try await app.getPage(village, "/jobs/recommendations/\(person.uuidString.lowercased())")
            #expect(page.0 == .ok && page.1.contains("推荐岗位（2个）") && !page.1.contains("青年储备干部"))
            let forklift = try #require(page.1.range(of: "叉车司机")), sorter = try #require(page.1.range(of: "果品分拣员"))
            #expect(forklift.lowerBound < sorter.lowerBound)
            #expect(page.1.contains("职业对口") && page.1.contains("略低于期望的3500元") && page.1.contains("工作地距居住地约"))
            #expect(try await auditCount("job.recommend_view", result: "success", on: app) == 2)

            // The push is item 2's case, finished at once, and one message in the outbox.
            let ids = try await JobPostingRecord.query(on: app.db).sort(\.$revision).all().compactMap { $0.id?.uuidString.lowercased() }
            #expect(try await accept(app, village, citizen: person, item: 2, [("postings", ids.prefix(2).joined(separator: ","))]).0 == .seeOther)
            let push = try #require(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == 2).first())
            #expect(push.state == "approved")
            let sql = app.db as! any SQLDatabase
            let queued = try #require(try await sql.raw("SELECT body, status, case_id FROM sms_outbox").first())
            let body = try queued.decode(column: "body", as: String.self)
            #expect(body.hasPrefix("【就近办】") && body.contains("1.芮城县果品加工有限公司 果品分拣员 月薪3500–4500元") && body.contains(push.number))
            #expect(try queued.decode(column: "status", as: String.self) == "pending")
            #expect(try await SMSOutbox.deliverPending(app, adapter: DevelopmentSMSAdapter()) == 1)
            #expect(try await SMSOutbox.deliverPending(app, adapter: DevelopmentSMSAdapter()) == 0)
            let sent = try await app.getPage(village, "/dev/sms")
            #expect(sent.0 == .ok && sent.1.contains("138****1234") && sent.1.contains("已发送（开发环境，未实际发出）"))
            // Another point's operator does not see this point's messages.
            #expect(!(try await app.getPage(township, "/dev/sms").1.contains("果品分拣员")))

            // The village's job seekers list holds the person; another point's operator (the community's) can neither
            // open the person's page nor find the person in its list.
            let list = try await app.getPage(village, "/jobs/seekers")
            #expect(list.1.contains("共1人") && list.1.contains(Masking.maskedName("王小明")))
            let community = try await app.session(as: .communityOperator)
            let elsewhere = try await app.getPage(community, "/jobs/recommendations/\(person.uuidString.lowercased())")
            #expect(elsewhere.0 == .notFound && !elsewhere.1.contains("叉车司机"))
            let theirs = try await app.getPage(community, "/jobs/seekers")
            #expect(theirs.1.contains("共0人") && !theirs.1.contains(Masking.maskedName("王小明")))
            #expect(try await auditCount("job.recommend_view", result: "success", on: app) == 2)
        }
    }

    @Test("registration is for working age: a 15-year-old is refused with the reason and nothing is written")
    func underSixteen() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            // Born 2011-01-01: 15 on the test clock's day.
            let person = try await citizen(app, village, idNumber: BadInputs.withCheck("14083020110101123"))
            let result = try await accept(app, village, citizen: person, item: 1, [("education", "2")])
            #expect(result.0 == .unprocessableEntity && result.1.contains("求职登记面向年满16周岁的劳动者"))
            let (seekers, cases) = (try await JobSeekerRecord.query(on: app.db).count(), try await CaseRecord.query(on: app.db).count())
            #expect(seekers == 0 && cases == 0)
        }
    }
}
