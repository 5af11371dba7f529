import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("零工 (items 4–9): workers and recruiters register, gigs and workers find each other both ways, pushes go by text")
struct GigWorkTests {
    let jobs = FixedJobsTests()

    func post(_ app: Application, _ session: TestSession, recruiter: UUID, start: String = "2026-12-01", end: String = "2026-12-05",
              wage: String = "150", headcount: String = "2", skill: String = "harvest") async throws -> (HTTPStatus, String) {
        try await jobs.accept(app, session, citizen: recruiter, item: 7, [
            ("recruiter_unit", "芮城县果园合作社"), ("skill", skill), ("content", "苹果采摘装箱"), ("place", "140830100204"),
            ("address", "古魏镇太安村果园"), ("start_on", start), ("end_on", end), ("headcount", headcount), ("day_wage", wage),
            ("contact_phone", "13912345678"),
        ])
    }

    @Test("a worker registers (item 4), a recruiter posts (item 7); item 5 ranks gigs for the worker, item 8 workers for the gig; pushes queue messages")
    func bothWays() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let worker = try await jobs.citizen(app, village)
            let recruiter = try await jobs.citizen(app, village, idNumber: BadInputs.withCheck("14083019750505123"))

            // A ticked box the list does not offer is refused by name, not dropped.
            let bad = try await jobs.accept(app, village, citizen: worker, item: 4, [("skills_welding", "yes"), ("day_wage", "-5")])
            #expect(bad.0 == .unprocessableEntity && bad.1.contains("零工技能“welding”不在本县的技能列表中") && bad.1.contains("请至少选择一个可工作日")
                    && bad.1.contains("期望日工资不能为负数"))
            // The refused registration leaves no registration, no case and no case audit row.
            #expect(try await GigSeekerRecord.query(on: app.db).count() == 0)
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            let auditRows = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'case.%'").first()?
                .decode(column: "n", as: Int.self)
            #expect(auditRows == 0)
            #expect(try await jobs.accept(app, village, citizen: worker, item: 4, [
                ("skills_harvest", "yes"), ("skills_loading", "yes"), ("weekdays_1", "yes"), ("weekdays_2", "yes"), ("weekdays_3", "yes"),
                ("day_wage", "140"), ("radius_km", "20"),
            ]).0 == .seeOther)
            let registration = try #require(try await GigSeekerRecord.find(citizen: worker, on: app.db))
            #expect(registration.skills == ",harvest,loading," && registration.weekdaySet == [1, 2, 3] && registration.expectedDayWageFen == 14_000)

            let refused = try await post(app, village, recruiter: recruiter, start: "2026-12-05", end: "2026-12-01", wage: "0", headcount: "0",
                                         skill: "welding")
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("结束日期不能早于开始日期") && refused.1.contains("日工资应大于0元")
                    && refused.1.contains("招用人数应至少为1人") && refused.1.contains("不在本县的技能列表中"))
            #expect(try await GigPostingRecord.query(on: app.db).count() == 0)
            let negative = try await post(app, village, recruiter: recruiter, wage: "-5")
            #expect(negative.0 == .unprocessableEntity && negative.1.contains("日工资不能为负数"))
            #expect(try await GigPostingRecord.query(on: app.db).count() == 0)
            // Only the worker's registration (one case) is on record; the refused gig opened no case either.
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
            #expect(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == 7).count() == 0)
            #expect(try await post(app, village, recruiter: recruiter).0 == .seeOther)
            #expect(try await post(app, village, recruiter: recruiter, skill: "kitchen").0 == .seeOther)
            let gig = try #require(try await GigPostingRecord.query(on: app.db).filter(\.$skill == "harvest").first())
            #expect(gig.countyCode == "140830" && gig.hired == 0 && gig.contactPhoneSealed != "13912345678")

            // Item 5: the harvest gig fits (skill, range, Tue/Wed in the gig's days); the kitchen gig does not.
            let forWorker = try await app.getPage(village, "/gigs/recommendations/\(worker.uuidString.lowercased())")
            #expect(forWorker.0 == .ok && forWorker.1.contains("推荐零工岗位（1个）") && forWorker.1.contains("苹果采摘装箱")
                    && forWorker.1.contains("用工5天中有2天在可工作日（周一、二、三）") && forWorker.1.contains("日工资150元，不低于期望的140元"))
            let gigID = try gig.requireID().uuidString.lowercased()
            #expect(try await jobs.accept(app, village, citizen: worker, item: 5, [("gigs", gigID)]).0 == .seeOther)

            // Item 8: the recruiter's harvest gig lists the worker, masked; the push tells the worker and the recruiter.
            let forRecruiter = try await app.getPage(village, "/gigs/recruiters/\(recruiter.uuidString.lowercased())")
            #expect(forRecruiter.0 == .ok && forRecruiter.1.contains(Masking.maskedName("王小明")) && !forRecruiter.1.contains("13800001234"))
            #expect(try await jobs.accept(app, village, citizen: recruiter, item: 8, [("gig", gigID), ("workers", worker.uuidString.lowercased())]).0 == .seeOther)
            let sql = app.db as! any SQLDatabase
            let purposes = try await sql.raw("SELECT purpose FROM sms_outbox ORDER BY purpose").all().map { try $0.decode(column: "purpose", as: String.self) }
            #expect(purposes == ["gig_recommendation", "gig_recruiter_notice", "gig_worker_notice"])
            let notice = try #require(try await sql.raw("SELECT body FROM sms_outbox WHERE purpose = 'gig_worker_notice'").first())
            #expect(try notice.decode(column: "body", as: String.self).contains("联系电话13912345678"))
            // A worker the page does not offer for this gig (another skill) cannot be pushed with a hand-made form: the
            // same 404 as anyone out of scope, audited as a denial; nothing sent, no case.
            let other = try await jobs.citizen(app, village, idNumber: BadInputs.withCheck("14083019800808123"))
            #expect(try await jobs.accept(app, village, citizen: other, item: 4, [
                ("skills_loading", "yes"), ("weekdays_1", "yes"), ("day_wage", "100"), ("radius_km", "10"),
            ]).0 == .seeOther)
            let (casesThen, sentThen) = (try await CaseRecord.query(on: app.db).count(), try await sql.raw("SELECT id FROM sms_outbox").all().count)
            let notOffered = try await jobs.accept(app, village, citizen: recruiter, item: 8, [("gig", gigID), ("workers", other.uuidString.lowercased())])
            #expect(notOffered.0 == .notFound)
            #expect(try await CaseRecord.query(on: app.db).count() == casesThen)
            #expect(try await sql.raw("SELECT id FROM sms_outbox").all().count == sentThen)
            #expect(try await auditedObjects("access.denied", on: app).contains { $0.object == other.uuidString.lowercased() })

            // Items 6 and 9: searches; a filled gig leaves the gig search.
            #expect(try await app.getPage(village, "/gigs?skill=harvest").1.contains("共1个招用中的零工岗位"))
            #expect(try await app.getPage(village, "/gigs/workers?skill=harvest").1.contains("有效零工求职登记1人"))
            // A count that is not one comes back on the gig's page with what was typed and the problem at the field.
            let badCount = try await app.post(village, "/gigs/\(gigID)/hired", [("hired", "三")])
            #expect(badCount.0 == .unprocessableEntity && badCount.1.contains("已招人数应为0至2的整数")
                    && badCount.1.contains(#"value="三""#) && badCount.1.contains("苹果采摘装箱"))
            #expect(try await GigPostingRecord.find(gig.requireID(), on: app.db)?.hired == 0)
            try await app.expectNoticeRedirect("/gigs/\(gigID)/hired", as: village, fields: [("hired", "2")])
            #expect(try await app.getPage(village, "/gigs?skill=harvest").1.contains("共0个"))
            #expect(try await app.getPage(village, "/gigs/\(gigID)").1.contains("已招满"))
            // A push from a page drawn before the gig filled sends nothing and records no case.
            let (casesBefore, sentBefore) = (try await CaseRecord.query(on: app.db).count(), try await sql.raw("SELECT id FROM sms_outbox").all().count)
            let stale = try await jobs.accept(app, village, citizen: worker, item: 5, [("gigs", gigID)])
            #expect(stale.0 == .conflict && stale.1.contains("推荐的零工岗位都已招满或结束"))
            #expect(try await CaseRecord.query(on: app.db).count() == casesBefore)
            #expect(try await sql.raw("SELECT id FROM sms_outbox").all().count == sentBefore)
            // Nor does one for a person without a gig registration.
            let unregistered = try await jobs.accept(app, village, citizen: recruiter, item: 5, [("gigs", gigID)])
            #expect(unregistered.0 == .unprocessableEntity && unregistered.1.contains("没有有效的零工求职登记"))
            #expect(try await auditCount("gig.hired", result: "success", on: app) == 1)
        }
    }

    @Test("a county business admin adds a local skill; the township's workers can then name it; others may not add")
    func skills() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            try await app.expectNoticeRedirect("/gigs/skills", as: admin, fields: [("name", "果树修剪")])
            #expect(try await app.post(admin, "/gigs/skills", [("name", "果树修剪")]).1.contains("已在本县的技能列表中"))
            let village = try await app.session(as: .villageOperator)
            #expect(try await app.getPage(village, "/gigs/skills").1.contains("果树修剪"))
            #expect(try await app.post(village, "/gigs/skills", [("name", "插秧")]).0 == .forbidden)
            #expect(try await app.post(try await app.session(as: .provinceBusinessAdmin), "/gigs/skills", [("name", "插秧")]).0 == .forbidden)
            let worker = try await jobs.citizen(app, village)
            #expect(try await jobs.accept(app, village, citizen: worker, item: 4, [("skills_local1", "yes"), ("weekdays_6", "yes")]).0 == .seeOther)
            #expect(try await GigSeekerRecord.find(citizen: worker, on: app.db)?.skills == ",local1,")
        }
    }
}
