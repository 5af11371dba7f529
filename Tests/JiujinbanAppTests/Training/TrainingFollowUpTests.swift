import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("培训意向跟踪反馈 (item 18): the sweep opens it at the point after the wait, the point records the answer and finishes it")
struct TrainingFollowUpTests {
    let fixtures = TrainingDeliveryFixtures()

    @Test("the sweep: not before the wait, on its day, not twice, not with a class, again a wait after the last follow-up")
    func sweep() async throws {
        let clock = TestClock()  // 2026-11-25, a Wednesday
        try await TestApp.run(clock: clock.appClock) { app in
            let village = try await app.session(as: .villageOperator)
            let admin = try await app.session(as: .countyBusinessAdmin)
            let point = try await fixtures.point(app, village)
            let (occupation, _) = try await fixtures.occupation(app)
            let waiting = try await fixtures.person(app, village)
            let intention = try await fixtures.intention(app, village, citizen: waiting, point: point, occupation: occupation,
                                                         registeredOn: "2026-11-25")
            // Another person already told of a class they fit (item 19): no follow-up is opened for them. A class nobody
            // told the first person of does not stop theirs.
            let classed = try await fixtures.person(app, village, idNumber: "142723196508150011")
            let told = try await fixtures.intention(app, village, citizen: classed, point: point, occupation: occupation, level: 4,
                                                    registeredOn: "2026-11-25")
            let school = try await fixtures.institution(app, admin: admin.accountID, at: (110.69, 34.69))
            let plan = try await fixtures.plan(app, institution: school, admin: admin.accountID, occupation: occupation, level: 4,
                                               starts: "2027-01-05", ends: "2027-01-20")
            try await fixtures.plan(app, institution: school, admin: admin.accountID, occupation: occupation, level: 5,
                                    starts: "2027-01-05", ends: "2027-01-20")
            try await fixtures.sql(app).raw("""
                INSERT INTO training_enrolments (id, intention_id, plan_id, status, notified_on, updated_at)
                VALUES (\(bind: UUID()), \(bind: told), \(bind: plan), 'notified', '2026-11-26', \(bind: Date()))
                """).run()

            // 10 working days after Wednesday 25 November is Wednesday 9 December.
            clock.move(to: "2026-12-08")
            #expect(try await fixtures.sweep(app) == .init(opened: 0, notDue: 1, withClass: 1))
            #expect(try await fixtures.followUpCases(app).isEmpty)

            clock.move(to: "2026-12-09")
            #expect(try await fixtures.sweep(app) == .init(opened: 1, withClass: 1))
            let opened = try #require(try await fixtures.followUpCases(app).first)
            #expect(opened.state == "accepted" && opened.channel == "system" && opened.actorKind == "platform" && opened.servicePointID == point)
            #expect(opened.citizenID == waiting && opened.deadline == "2026-12-16")
            let followUp = try #require(try await TrainingFollowUpRecord.query(on: app.db).first())
            #expect(followUp.intentionID == intention && followUp.openedBy == "platform" && followUp.openedOn == "2026-12-09")
            #expect(try await TrainingIntentionRecord.find(intention, on: app.db)?.lastFollowUpOn == "2026-12-09")
            #expect(try await AuditRows.count(app, action: "case.accept", objectID: opened.number) == 1)

            // The same day again: nothing more.
            #expect(try await fixtures.sweep(app) == .init(opened: 0, withClass: 1, followUpOpen: 1))
            #expect(try await fixtures.followUpCases(app).count == 1)

            // Recorded: the next follow-up is a wait after this one's opening (23 December), not before. (A session of
            // today: the one above has timed out while the clock moved.)
            let today = try await app.session(as: .villageOperator)
            let recorded = try await app.expectNoticeRedirect("/training/follow-ups/\(try opened.requireID().uuidString.lowercased())",
                                                              as: today, fields: [("source", "county"), ("said", "明年一月开班")])
            #expect(recorded != nil)
            clock.move(to: "2026-12-22")
            #expect(try await fixtures.sweep(app) == .init(opened: 0, notDue: 1, withClass: 1))
            clock.move(to: "2026-12-23")
            #expect(try await fixtures.sweep(app) == .init(opened: 1, withClass: 1))
            #expect(try await fixtures.followUpCases(app).count == 2)
        }
    }

    @Test("the command prints its counts; a date after today is refused")
    func command() async throws {
        try await TestApp.run { app in
            let output = LinesCapture()
            var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban", "follow-up-sweep"]))
            context.application = app
            try await TrainingCommand(output: output.append).run(using: &context)
            #expect(output.text.contains("培训意向跟踪反馈：新开0件"))
            var later = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban", "follow-up-sweep", "--date", "2026-11-26"]))
            later.application = app
            await #expect(throws: PublicError.self) { try await TrainingCommand(output: output.append).run(using: &later) }
        }
    }

    @Test("opened the day before National Day, a follow-up is due 5 working days later: 13 October")
    func deadlineAcrossHoliday() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_790_733_600))  // 2026-09-30 10:00 in Shanghai
        try await TestApp.run(clock: clock.appClock) { app in
            #expect(app.jiujinban.clock.today.iso == "2026-09-30")
            let village = try await app.session(as: .villageOperator)
            let point = try await fixtures.point(app, village)
            let (occupation, _) = try await fixtures.occupation(app)
            let person = try await fixtures.person(app, village)
            try await fixtures.intention(app, village, citizen: person, point: point, occupation: occupation, registeredOn: "2026-09-01")
            #expect(try await fixtures.sweep(app).opened == 1)
            // 1–7 October off; 8, 9, Saturday 10 (a make-up working day), 12, 13.
            #expect(try await fixtures.followUpCases(app).first?.deadline == "2026-10-13")
        }
    }

    @Test("recording: refused by field with nothing written; then the answer, the text message and the case finished together")
    func recording() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let point = try await fixtures.point(app, village)
            let (occupation, name) = try await fixtures.occupation(app)
            let person = try await fixtures.person(app, village)
            let intention = try await fixtures.intention(app, village, citizen: person, point: point, occupation: occupation,
                                                         registeredOn: "2026-11-02")
            // An operator may open one at any time, choosing among the person's open intentions.
            let start = try await app.getPage(village, "/cases/new?citizen=\(person.uuidString.lowercased())&item=18")
            #expect(start.0 == .seeOther, "the form sends the operator to the item's own start page")
            let choose = try await app.getPage(village, "/training/follow-ups/new?citizen=\(person.uuidString.lowercased())")
            #expect(choose.0 == .ok && choose.1.contains(intention.uuidString.lowercased()) && choose.1.contains(name))
            #expect(try await fixtures.jobs.accept(app, village, citizen: person, item: 18,
                                                   [("intention", intention.uuidString.lowercased())]).0 == .seeOther)
            let made = try #require(try await fixtures.followUpCases(app).first)
            let id = try made.requireID().uuidString.lowercased()
            #expect(made.channel == "counter" && made.deadline == "2026-12-02")
            #expect(try await TrainingFollowUpRecord.query(on: app.db).first()?.openedBy == "staff")
            // A second one beside it is refused by field.
            let again = try await fixtures.jobs.accept(app, village, citizen: person, item: 18, [("intention", intention.uuidString.lowercased())])
            #expect(again.0 == .unprocessableEntity && again.1.contains("已有未办结的跟踪反馈"))

            // The case page and the home page show it at its point with its deadline and the link to record it.
            let casePage = try await app.getPage(village, "/cases/\(id)")
            #expect(casePage.1.contains("href=\"/training/follow-ups/\(id)\"") && casePage.1.contains("2026-12-02"))
            #expect(!casePage.1.contains("审核通过"))
            let home = try await app.getPage(village, "/")
            #expect(home.1.contains(made.number) && home.1.contains("2026-12-02"))

            let bad = try await app.post(village, "/training/follow-ups/\(id)",
                                         [("source", "neighbour"), ("said", ""), ("class_starts_on", "2026-11-01"), ("class_place", "")])
            #expect(bad.0 == .unprocessableEntity)
            for message in ["反馈来源：请选择培训机构或县人社部门", "反馈内容：请填写", "开班日期不能早于今天"] { #expect(bad.1.contains(message), "\(message)") }
            let long = try await app.post(village, "/training/follow-ups/\(id)", [("source", "institution"), ("said", String(repeating: "长", count: 201))])
            #expect(long.0 == .unprocessableEntity && long.1.contains("反馈内容不能超过200字"))
            #expect(try await fixtures.count(app, "sms_outbox") == 0)
            #expect(try await CaseRecord.find(made.id, on: app.db)?.state == "accepted")
            #expect(try await TrainingFollowUpRecord.query(on: app.db).first()?.recordedAt == nil)

            let done = try await app.expectNoticeRedirect("/training/follow-ups/\(id)", as: village, fields: [
                ("source", "institution"), ("said", "机构计划下月开班，届时另行通知"), ("class_starts_on", "2026-12-15"), ("class_place", "古魏镇培训中心"),
            ])
            #expect(done?.notice == FollowUpNotices.recorded)
            #expect(try await CaseRecord.find(made.id, on: app.db)?.state == "approved")
            let followUp = try #require(try await TrainingFollowUpRecord.query(on: app.db).first())
            #expect(followUp.source == "institution" && followUp.said == "机构计划下月开班，届时另行通知" && followUp.classStartsOn == "2026-12-15")
            #expect(followUp.recordedBy == village.accountID && followUp.recordedAt != nil)
            let sms = try #require(try await fixtures.sql(app).raw("SELECT body, purpose, case_id FROM sms_outbox").first())
            #expect(try sms.decode(column: "purpose", as: String.self) == "training_follow_up")
            let body = try sms.decode(column: "body", as: String.self)
            #expect(body.contains(name) && body.contains("机构计划下月开班") && body.contains("2026-12-15") && body.contains(made.number))
            #expect(try await AuditRows.count(app, action: "case.finish", objectID: made.number) == 1)

            // Recorded once: the form is gone, a second post is refused and writes nothing.
            let twice = try await app.post(village, "/training/follow-ups/\(id)", [("source", "county"), ("said", "再次")])
            #expect(twice.0 == .conflict && twice.1.contains("已办结"))
            #expect(try await fixtures.count(app, "sms_outbox") == 1)
            let note = try await app.getPage(village, "/training/follow-ups/\(id)/note")
            #expect(note.0 == .ok && note.1.contains("培训意向跟踪反馈告知单") && note.1.contains("古魏镇培训中心") && note.1.contains("打印告知单"))
        }
    }

    @Test("scope: another point's operator is refused (403, audited); a reviewer may not approve it")
    func scope() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let point = try await fixtures.point(app, village)
            let (occupation, _) = try await fixtures.occupation(app)
            let person = try await fixtures.person(app, village)
            try await fixtures.intention(app, village, citizen: person, point: point, occupation: occupation, registeredOn: "2026-11-02")
            #expect(try await fixtures.sweep(app).opened == 1)
            let made = try #require(try await fixtures.followUpCases(app).first)
            let id = try made.requireID().uuidString.lowercased()

            let community = try await app.session(as: .communityOperator)
            #expect(try await app.getPage(community, "/training/follow-ups/\(id)").0 == .forbidden)
            let posted = try await app.post(community, "/training/follow-ups/\(id)", [("source", "county"), ("said", "越权")])
            #expect(posted.0 == .forbidden)
            #expect(try await AuditRows.count(app, action: nil, objectID: id, result: "denied") >= 2)

            let reviewer = try await app.session(as: .reviewer)
            let approve = try await app.post(reviewer, "/cases/\(id)/actions", [("action", "approve")])
            #expect(approve.0 == .forbidden && approve.1.contains("不经县级审核"))
            #expect(try await CaseRecord.find(made.id, on: app.db)?.state == "accepted")
            #expect(try await fixtures.count(app, "sms_outbox") == 0)
        }
    }

    @Test("two instances sweeping at once open one follow-up for an intention")
    func concurrentSweeps() async throws {
        try await TestApp.runTwo { first, second in
            let village = try await first.session(as: .villageOperator)
            let point = try await fixtures.point(first, village)
            let (occupation, _) = try await fixtures.occupation(first)
            let person = try await fixtures.person(first, village)
            try await fixtures.intention(first, village, citizen: person, point: point, occupation: occupation, registeredOn: "2026-11-02")
            let day = first.jiujinban.clock.today
            async let one = TrainingFollowUpSweep(day: day).run(first)
            async let other = TrainingFollowUpSweep(day: day).run(second)
            let counts = try await [one, other]
            #expect(counts.map(\.refused) == [0, 0] && counts.map(\.opened).reduce(0, +) >= 1)
            #expect(try await fixtures.followUpCases(first).count == 1)
            #expect(try await TrainingFollowUpRecord.query(on: first.db).count() == 1)
        }
    }
}
