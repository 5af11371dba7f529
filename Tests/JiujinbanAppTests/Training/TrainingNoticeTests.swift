import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("参加培训办结送达 (item 19): a plan's people nearest first, notified by a case, then enrolled, attended and completed")
struct TrainingNoticeTests {
    let fixtures = TrainingDeliveryFixtures()

    struct Setting {
        let township: TestSession
        let plan: UUID
        let near: UUID
        let far: UUID
        let elsewhere: UUID
    }

    /// Two people registered at the township centre (one living in 泰安村, one in a community further away) and one
    /// at 泰安村's own point; a class of one place at 泰安村's point.
    func setting(_ app: Application) async throws -> Setting {
        let township = try await app.session(as: .townshipOperator)
        let village = try await app.session(as: .villageOperator)
        let admin = try await app.session(as: .countyBusinessAdmin)
        let centre = try await fixtures.point(app, township)
        let (occupation, _) = try await fixtures.occupation(app)
        let farPerson = try await fixtures.person(app, township, idNumber: "142723196508150011")
        try await fixtures.sql(app).raw("UPDATE citizens SET residence_division_code = '140830100019' WHERE id = \(bind: farPerson)").run()
        let nearPerson = try await fixtures.person(app, township)
        // Registered first, so that only the distance puts the near person first.
        let far = try await fixtures.intention(app, township, citizen: farPerson, point: centre, occupation: occupation, registeredOn: "2026-11-01")
        let near = try await fixtures.intention(app, township, citizen: nearPerson, point: centre, occupation: occupation, registeredOn: "2026-11-10")
        let villager = try await fixtures.person(app, village, idNumber: ApplicationFixtures.newOperatorID)
        let elsewhere = try await fixtures.intention(app, village, citizen: villager, point: try await fixtures.point(app, village),
                                                     occupation: occupation, registeredOn: "2026-11-01")
        let row = try #require(try await fixtures.sql(app).raw("SELECT longitude, latitude FROM service_points WHERE division_code = '140830100204'").first())
        let school = try await fixtures.institution(app, admin: admin.accountID, at: (try row.decode(column: "longitude", as: Double.self),
                                                                                     try row.decode(column: "latitude", as: Double.self)))
        let plan = try await fixtures.plan(app, institution: school, admin: admin.accountID, occupation: occupation,
                                           starts: "2026-12-10", ends: "2026-12-24", capacity: 1)
        return Setting(township: township, plan: plan, near: near, far: far, elsewhere: elsewhere)
    }

    func enrolment(_ app: Application, intention: UUID) async throws -> TrainingEnrolmentRecord? {
        try await TrainingEnrolmentRecord.query(on: app.db).filter(\.$intentionID == intention).first()
    }

    @Test("the notice flow end to end: nearest first, notify, enrol, a full class refused, attend, complete closes the intention")
    func noticeFlow() async throws {
        try await TestApp.run { app in
            let s = try await setting(app)
            let plans = try await app.getPage(s.township, "/training/plans")
            #expect(plans.0 == .ok && plans.1.contains("芮城县职业培训学校") && plans.1.contains("/training/plans/\(s.plan.uuidString.lowercased())/notices"))
            let path = "/training/plans/\(s.plan.uuidString.lowercased())/notices"
            let page = try await app.getPage(s.township, path)
            #expect(page.0 == .ok)
            let near = try #require(page.1.range(of: s.near.uuidString.lowercased())), far = try #require(page.1.range(of: s.far.uuidString.lowercased()))
            #expect(near.lowerBound < far.lowerBound)
            #expect(!page.1.contains(s.elsewhere.uuidString.lowercased()))
            #expect(page.1.contains("0米"))

            for intention in [s.near, s.far] {
                let notified = try await app.expectNoticeRedirect(path, as: s.township, fields: [
                    ("intention", intention.uuidString.lowercased()), ("submission", UUID().uuidString.lowercased()),
                ])
                #expect(notified?.notice == ClassNoticeNotices.notified)
            }
            let cases = try await CaseRecord.query(on: app.db).filter(\.$itemSeq == TrainingNoticeItem.seq).all()
            #expect(cases.count == 2 && cases.allSatisfy { $0.state == "approved" })
            let nearPlace = try #require(try await enrolment(app, intention: s.near))
            let farPlace = try #require(try await enrolment(app, intention: s.far))
            #expect(nearPlace.status == "notified" && nearPlace.notifiedOn == "2026-11-25" && nearPlace.notifiedBy == s.township.accountID)
            let bodies = try await fixtures.sql(app).raw("SELECT body FROM sms_outbox WHERE purpose = 'training_notice'").all()
                .map { try $0.decode(column: "body", as: String.self) }
            #expect(bodies.count == 2 && bodies.allSatisfy { $0.contains("2026-12-10至2026-12-24") && $0.contains("古魏镇培训中心二楼") && $0.contains("芮城县职业培训学校") })
            // Notified once: they leave the list, and a second notice is refused by field.
            let after = try await app.getPage(s.township, path)
            #expect(after.1.contains("已通知") && !after.1.contains("name=\"intention\" value=\"\(s.near.uuidString.lowercased())\""))
            let again = try await app.post(s.township, path, [("intention", s.near.uuidString.lowercased()), ("submission", UUID().uuidString.lowercased())])
            #expect(again.0 == .unprocessableEntity && again.1.contains("已就该开班计划通知过该群众"))

            func progress(_ place: TrainingEnrolmentRecord, _ status: String) async throws -> (HTTPStatus, String) {
                try await app.post(s.township, "/training/enrolments/\(try place.requireID().uuidString.lowercased())", [("status", status)])
            }
            #expect(try await progress(nearPlace, "enrolled").0 == .seeOther)
            #expect(try await ClassPlanRecord.find(s.plan, on: app.db)?.enrolled == 1)
            #expect(try await TrainingIntentionRecord.find(s.near, on: app.db)?.status == "enrolled")
            // One place only: the second enrolment is refused by field and nothing of it is written.
            let full = try await progress(farPlace, "enrolled")
            #expect(full.0 == .unprocessableEntity && full.1.contains("该开班计划已招满（计划1人）"))
            #expect(try await enrolment(app, intention: s.far)?.status == "notified")
            #expect(try await ClassPlanRecord.find(s.plan, on: app.db)?.enrolled == 1)
            #expect(try await TrainingIntentionRecord.find(s.far, on: app.db)?.status == "open")

            #expect(try await progress(nearPlace, "attended").0 == .seeOther)
            #expect(try await progress(nearPlace, "enrolled").0 == .conflict)
            #expect(try await progress(nearPlace, "completed").0 == .seeOther)
            let closed = try #require(try await TrainingIntentionRecord.find(s.near, on: app.db))
            #expect(closed.status == "completed" && closed.closedOn == "2026-11-25")
            #expect(try await enrolment(app, intention: s.near)?.completedOn == "2026-11-25")
            // The other never came: the intention is open again.
            #expect(try await progress(farPlace, "absent").0 == .seeOther)
            #expect(try await TrainingIntentionRecord.find(s.far, on: app.db)?.status == "open")
            for status in ["enrolled", "attended", "completed", "absent"] {
                let audited = try await auditedObjects("training.enrolment.\(status)", on: app)
                #expect(!audited.isEmpty, "\(status)")
            }
            // 培训统计 counts the day's enrolment and completion, for the township and for the county.
            for session in [s.township, try await app.session(as: .countyBusinessAdmin)] {
                let stats = try await app.getPage(session, "/training/statistics?from=2026-11-25&to=2026-11-25")
                #expect(stats.0 == .ok)
                let total = try #require(TrainingStatisticsTests().rows(stats.1)["合计"])
                #expect(Array(total.prefix(4)).suffix(2) == [1, 1], "报名参训 and 培训结业 in \(total)")
            }
        }
    }

    @Test("one place at a time: notified of two classes, enrolled in one, the other is refused; its 未到 keeps the place held; completing ends both")
    func onePlaceAtATime() async throws {
        try await TestApp.run { app in
            let s = try await setting(app)
            let admin = try await app.session(as: .countyBusinessAdmin)
            let plan = try #require(try await ClassPlanRecord.find(s.plan, on: app.db))
            let second = try await fixtures.plan(app, institution: plan.institutionID, admin: admin.accountID, occupation: plan.occupationCode,
                                                 starts: "2027-01-10", ends: "2027-01-20", capacity: 10)
            for planID in [s.plan, second] {
                let path = "/training/plans/\(planID.uuidString.lowercased())/notices"
                _ = try await app.expectNoticeRedirect(path, as: s.township, fields: [
                    ("intention", s.near.uuidString.lowercased()), ("submission", UUID().uuidString.lowercased()),
                ])
            }
            let places = try await TrainingEnrolmentRecord.query(on: app.db).filter(\.$intentionID == s.near).all()
            let first = try #require(places.first { $0.planID == s.plan }), other = try #require(places.first { $0.planID == second })
            func progress(_ place: TrainingEnrolmentRecord, _ status: String) async throws -> (HTTPStatus, String) {
                try await app.post(s.township, "/training/enrolments/\(try place.requireID().uuidString.lowercased())", [("status", status)])
            }
            #expect(try await progress(first, "enrolled").0 == .seeOther)
            let refused = try await progress(other, "enrolled")
            #expect(refused.0 == .conflict && refused.1.contains("已报名同一培训意向的其他开班计划"))
            #expect(try await ClassPlanRecord.find(second, on: app.db)?.enrolled == 0)
            // 未到 on the class only notified: the place held in the first stays, and so does the intention.
            #expect(try await progress(other, "absent").0 == .seeOther)
            #expect(try await TrainingIntentionRecord.find(s.near, on: app.db)?.status == "enrolled")
            #expect(try await progress(first, "attended").0 == .seeOther)
            #expect(try await progress(first, "completed").0 == .seeOther)
            let closed = try #require(try await TrainingIntentionRecord.find(s.near, on: app.db))
            #expect(closed.status == "completed" && closed.closedOn != nil)
        }
    }

    @Test("scope: another point's operator may neither notify the township's people nor record their places (403, audited)")
    func scope() async throws {
        try await TestApp.run { app in
            let s = try await setting(app)
            let path = "/training/plans/\(s.plan.uuidString.lowercased())/notices"
            let village = try await app.session(as: .villageOperator)
            // The village operator's own list shows its own person only.
            let page = try await app.getPage(village, path)
            #expect(page.1.contains(s.elsewhere.uuidString.lowercased()) && !page.1.contains(s.near.uuidString.lowercased()))
            let notify = try await app.post(village, path, [("intention", s.near.uuidString.lowercased()), ("submission", UUID().uuidString.lowercased())])
            #expect(notify.0 == .forbidden)
            #expect(try await enrolment(app, intention: s.near) == nil)
            _ = try await app.expectNoticeRedirect(path, as: s.township, fields: [
                ("intention", s.near.uuidString.lowercased()), ("submission", UUID().uuidString.lowercased()),
            ])
            let place = try #require(try await enrolment(app, intention: s.near))
            let progress = try await app.post(village, "/training/enrolments/\(try place.requireID().uuidString.lowercased())", [("status", "enrolled")])
            #expect(progress.0 == .forbidden)
            #expect(try await enrolment(app, intention: s.near)?.status == "notified")
            #expect(try await AuditRows.count(app, action: nil, objectID: try place.requireID().uuidString.lowercased(), result: "denied") == 1)
            // A county reviewer is no point's operator.
            let reviewer = try await app.session(as: .reviewer)
            #expect(try await app.getPage(reviewer, "/training/plans").0 == .forbidden)
        }
    }
}
