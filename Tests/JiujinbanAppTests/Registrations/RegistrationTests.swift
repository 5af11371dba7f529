import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("就业失业登记 (items 10, 11, 13): county review by the calendar, eligibility at acceptance and approval, the 就业创业证, endings, scope")
struct RegistrationTests {
    static let man1990 = CitizenRegistryTests.idNumber              // 1990-01-01, male
    static let turnsSixteenTomorrow = "140830201011261235"          // 2010-11-26, male
    static let turnsSixteenToday = "14083020101125123X"             // 2010-11-25, male
    static let woman1976 = "140830197601101240"                     // 1976-01-10, female

    func citizen(_ app: Application, _ session: TestSession, _ idNumber: String = man1990) async throws -> UUID {
        try await FixedJobsTests().citizen(app, session, idNumber: idNumber)
    }

    func accept(_ app: Application, _ session: TestSession, citizen: UUID, item: Int, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        try await FixedJobsTests().accept(app, session, citizen: citizen, item: item, fields)
    }

    func flexible(_ app: Application, _ session: TestSession, citizen: UUID, type: String = "self_employed",
                  start: String = "2026-11-01") async throws -> (HTTPStatus, String) {
        try await accept(app, session, citizen: citizen, item: 10, [("employment_type", type), ("started_on", start), ("description", "水果零售摊位")])
    }

    func unemployed(_ app: Application, _ session: TestSession, citizen: UUID, cohort: String = "", able: Bool = true) async throws -> (HTTPStatus, String) {
        try await accept(app, session, citizen: citizen, item: 11, [("last_employer", "芮城县某果品厂"), ("separation_reason", "劳动合同期满"),
                                                                   ("cohort", cohort)] + (able ? [("able_and_willing", "yes")] : []))
    }

    /// The person's latest case of `item`.
    func lastCase(_ app: Application, _ citizen: UUID, item: Int) async throws -> CaseRecord {
        try #require(try await CaseRecord.query(on: app.db).filter(\.$citizenID == citizen).filter(\.$itemSeq == item)
            .sort(\.$number, .descending).first())
    }

    func act(_ app: Application, _ session: TestSession, _ record: CaseRecord, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        try await app.post(session, "/cases/\(try record.requireID().uuidString.lowercased())/actions", fields)
    }

    func registrations(_ app: Application, _ citizen: UUID) async throws -> [EmploymentRegistrationRecord] {
        try await EmploymentRegistrationRecord.query(on: app.db).filter(\.$citizenID == citizen).sort(\.$approvedAt).all()
    }

    func cardPath(_ citizen: UUID) -> String { "/registrations/card/\(citizen.uuidString.lowercased())" }

    @Test("item 10: refused by field with nothing written; accepted with 5 working days by the calendar; approved: registration and card 就业")
    func flexibleEmployment() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let person = try await citizen(app, village)
            let bad = try await accept(app, village, citizen: person, item: 10, [("employment_type", ""), ("started_on", "2026-12-01")])
            #expect(bad.0 == .unprocessableEntity)
            #expect(bad.1.contains("请选择就业形式") && bad.1.contains("就业开始日期不能晚于今天（2026-11-25）"))
            let (cases, written) = (try await CaseRecord.query(on: app.db).count(), try await EmploymentRegistrationRecord.query(on: app.db).count())
            #expect(cases == 0 && written == 0)

            #expect(try await flexible(app, village, citizen: person).0 == .seeOther)
            let record = try await lastCase(app, person, item: 10)
            let today = app.jiujinban.clock.today
            #expect(record.state == "accepted")
            #expect(record.deadline == app.jiujinban.workCalendar.addingWorkingDays(5, to: today).date.iso)
            #expect(record.deadline == "2026-12-02")
            // Nothing is recorded before the county's approval.
            #expect(try await registrations(app, person).isEmpty)
            #expect(try await EmploymentCardRecord.find(citizen: person, on: app.db) == nil)

            #expect(try await act(app, reviewer, record, [("action", "approve")]).0 == .seeOther)
            let saved = try await registrations(app, person)
            #expect(saved.count == 1)
            let registration = try #require(saved.first)
            #expect(registration.kind == "flexible" && registration.employmentType == "self_employed" && registration.startedOn == "2026-11-01")
            #expect(registration.isActive && registration.caseID == record.id && registration.division == "140830100204")
            let card = try #require(try await EmploymentCardRecord.find(citizen: person, on: app.db))
            #expect(card.number == "1408302026000001" && card.status == "就业" && card.issuedOn == "2026-11-25" && card.issuedCaseID == record.id)

            let page = try await app.getPage(village, cardPath(person))
            #expect(page.0 == .ok)
            #expect(page.1.contains("1408302026000001") && page.1.contains("就业") && page.1.contains("个体经营：水果零售摊位") && page.1.contains(record.number))
            #expect(try await auditCount("case.approve", result: "success", on: app) == 1)
            #expect(try await auditCount("employment_card.view", result: "success", on: app) == 1)
            // Registering flexible employment again is refused while the first one is active.
            let again = try await flexible(app, village, citizen: person, type: "part_time")
            #expect(again.0 == .unprocessableEntity && again.1.contains("已有有效的灵活就业登记（灵活就业登记：个体经营，2026-11-01起）"))
        }
    }

    @Test("item 11 eligibility at acceptance: employed by record, under 16, past retirement by the chosen cohort, not able and willing")
    func unemploymentEligibility() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let worker = try await citizen(app, village)
            // The forms offer each item's own fields.
            let form10 = try await app.getPage(village, "/cases/new?citizen=\(worker.uuidString.lowercased())&item=10")
            #expect(form10.0 == .ok && form10.1.contains("就业形式") && form10.1.contains("新就业形态（平台从业）") && form10.1.contains("就业开始日期"))
            let form11 = try await app.getPage(village, "/cases/new?citizen=\(worker.uuidString.lowercased())&item=11")
            #expect(form11.0 == .ok && form11.1.contains("原法定退休年龄50周岁") && form11.1.contains("本人有劳动能力和就业愿望"))
            #expect(try await flexible(app, village, citizen: worker).0 == .seeOther)
            #expect(try await act(app, reviewer, try await lastCase(app, worker, item: 10), [("action", "approve")]).0 == .seeOther)

            let employed = try await unemployed(app, village, citizen: worker)
            #expect(employed.0 == .unprocessableEntity)
            #expect(employed.1.contains("系统中登记为在业（灵活就业登记：个体经营，2026-11-01起），请先办理就业登记的终止"))
            let items11 = try await CaseRecord.query(on: app.db).filter(\.$itemSeq == 11).count()
            let written = try await EmploymentRegistrationRecord.query(on: app.db).count()
            #expect(items11 == 0 && written == 1)

            // Fifteen, sixteen tomorrow: refused naming the day; sixteen today: accepted.
            let young = try await citizen(app, village, Self.turnsSixteenTomorrow)
            let refused = try await unemployed(app, village, citizen: young)
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("未满16周岁，不能办理失业登记（2026-11-26年满16周岁）"))
            #expect(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == 11).count() == 0)
            let sixteen = try await citizen(app, village, Self.turnsSixteenToday)
            #expect(try await unemployed(app, village, citizen: sixteen).0 == .seeOther)

            // A woman born January 1976: a worker of the 50 cohort retired on 2026-08-10; by default the later cohort applies.
            let woman = try await citizen(app, village, Self.woman1976)
            let retired = try await unemployed(app, village, citizen: woman, cohort: "womanFifty")
            #expect(retired.0 == .unprocessableEntity && retired.1.contains("已于2026-08-10达到法定退休年龄，不能办理失业登记"))
            let unwilling = try await unemployed(app, village, citizen: woman, able: false)
            #expect(unwilling.0 == .unprocessableEntity && unwilling.1.contains("失业登记须本人有劳动能力和就业愿望"))
            let manCohort = try await unemployed(app, village, citizen: young, cohort: "womanFifty")
            #expect(manCohort.1.contains("该群众为男性"))
            #expect(try await unemployed(app, village, citizen: woman).0 == .seeOther)
            let womansCase = try await lastCase(app, woman, item: 11)
            #expect(womansCase.deadline == app.jiujinban.workCalendar.addingWorkingDays(10, to: app.jiujinban.clock.today).date.iso)
        }
    }

    @Test("item 11 approved → card 失业, item 13 shows it and records the query; a later item 10 approval ends it with the reason 就业 kept")
    func unemploymentThenEmployment() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let person = try await citizen(app, village)
            // Item 13 without a card is refused by name.
            let noCard = try await accept(app, village, citizen: person, item: 13, [])
            #expect(noCard.0 == .unprocessableEntity && noCard.1.contains("尚未领取《就业创业证》"))

            #expect(try await unemployed(app, village, citizen: person).0 == .seeOther)
            let registration = try await lastCase(app, person, item: 11)
            #expect(registration.deadline == app.jiujinban.workCalendar.addingWorkingDays(10, to: app.jiujinban.clock.today).date.iso)
            #expect(registration.deadline == "2026-12-09")
            #expect(try await act(app, reviewer, registration, [("action", "approve")]).0 == .seeOther)
            let opened = try #require(try await registrations(app, person).first)
            #expect(opened.kind == "unemployed" && opened.isActive && opened.startedOn == "2026-11-25")
            let card = try #require(try await EmploymentCardRecord.find(citizen: person, on: app.db))
            #expect(card.status == "失业")

            // Item 13 starts from the card's page; the query is recorded as a case finished at once.
            let start = try await app.getPage(village, "/cases/new?citizen=\(person.uuidString.lowercased())&item=13")
            #expect(start.0 == .seeOther)
            let page = try await app.getPage(village, cardPath(person))
            #expect(page.0 == .ok && page.1.contains(card.number) && page.1.contains("失业") && page.1.contains("原单位：芮城县某果品厂"))
            #expect(page.1.contains("终止失业登记"))
            #expect(try await accept(app, village, citizen: person, item: 13, []).0 == .seeOther)
            #expect(try await lastCase(app, person, item: 13).state == "approved")

            // A second registration while the first is active is refused.
            let twice = try await unemployed(app, village, citizen: person)
            #expect(twice.0 == .unprocessableEntity && twice.1.contains("已于2026-11-25办理失业登记，登记仍有效"))

            // Employed: item 10 approved ends the unemployment registration, reason kept; the card says 就业.
            #expect(try await flexible(app, village, citizen: person, type: "platform", start: "2026-11-20").0 == .seeOther)
            #expect(try await act(app, reviewer, try await lastCase(app, person, item: 10), [("action", "approve")]).0 == .seeOther)
            let both = try await registrations(app, person)
            #expect(both.count == 2)
            let ended = try #require(both.first { $0.kind == "unemployed" })
            #expect(ended.endedOn == "2026-11-25" && ended.endReason == "employed" && ended.endedBy == reviewer.accountID)
            #expect(both.first { $0.kind == "flexible" }?.isActive == true)
            let updated = try #require(try await EmploymentCardRecord.find(citizen: person, on: app.db))
            #expect(updated.status == "就业" && updated.number == card.number)
            let after = try await app.getPage(village, cardPath(person))
            #expect(after.1.contains("已于2026-11-25终止（就业）") && after.1.contains("新就业形态（平台从业）"))
        }
    }

    @Test("approval checks again: an item 11 waiting while item 10 is approved cannot be approved; nothing is written")
    func approvalRechecks() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let person = try await citizen(app, village)
            #expect(try await unemployed(app, village, citizen: person).0 == .seeOther)
            #expect(try await flexible(app, village, citizen: person).0 == .seeOther)
            #expect(try await act(app, reviewer, try await lastCase(app, person, item: 10), [("action", "approve")]).0 == .seeOther)
            let waiting = try await lastCase(app, person, item: 11)
            let refused = try await act(app, reviewer, waiting, [("action", "approve")])
            #expect(refused.0 == .conflict && refused.1.contains("不能批准失业登记：系统中登记为在业（灵活就业登记：个体经营，2026-11-01起）"))
            #expect(try await CaseRecord.find(waiting.id, on: app.db)?.state == "accepted")
            let saved = try await registrations(app, person)
            #expect(saved.count == 1 && saved.first?.kind == "flexible")
            #expect(try await EmploymentCardRecord.find(citizen: person, on: app.db)?.status == "就业")
            #expect(try await auditCount("case.approve", result: "success", on: app) == 1)
            // The reviewer can still reject it with a reason.
            #expect(try await act(app, reviewer, waiting, [("action", "reject"), ("reason", "已灵活就业")]).0 == .seeOther)
        }
    }

    @Test("a rejected registration writes nothing; ending by hand with a §3 reason, audited; who sees and who may end")
    func rejectEndAndScope() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let person = try await citizen(app, village)
            #expect(try await unemployed(app, village, citizen: person).0 == .seeOther)
            #expect(try await act(app, reviewer, try await lastCase(app, person, item: 11), [("action", "reject"), ("reason", "本人已就业")]).0 == .seeOther)
            #expect(try await lastCase(app, person, item: 11).state == "rejected")
            let (written, cards) = (try await EmploymentRegistrationRecord.query(on: app.db).count(), try await EmploymentCardRecord.query(on: app.db).count())
            #expect(written == 0 && cards == 0)
            let empty = try await app.getPage(village, cardPath(person))
            #expect(empty.0 == .ok && empty.1.contains("尚未领取《就业创业证》"))

            #expect(try await unemployed(app, village, citizen: person).0 == .seeOther)
            #expect(try await act(app, reviewer, try await lastCase(app, person, item: 11), [("action", "approve")]).0 == .seeOther)
            let registration = try #require(try await registrations(app, person).first)
            let endPath = "/registrations/\(try registration.requireID().uuidString.lowercased())/end"

            // Who does not see the person: another village's operator, another county's; an auditor serves nobody.
            let community = try await app.session(as: .communityOperator)
            #expect(try await app.getPage(community, cardPath(person)).0 == .notFound)
            #expect(try await app.post(community, endPath, [("reason", "employed")]).0 == .notFound)
            let pinglu = try await addPingluCounty(app)
            let outsider = try await app.makeAccount(.operator, unit: .servicePoint(id: pinglu, kind: .village, divisionCode: try DivisionCode("140829100201")),
                                                     idNumber: "140829198808081231", phone: "13903590098")
            let foreign = try await app.getPage(outsider, cardPath(person))
            #expect(foreign.0 == .notFound && !foreign.1.contains("芮城县某果品厂"))
            #expect(try await app.getPage(try await app.session(as: .provinceAuditor), cardPath(person)).0 == .forbidden)
            #expect(try await app.getPage(reviewer, cardPath(person)).0 == .ok)

            // Six months without contact cannot be claimed on the first day; a flexible worker's reason is not an unemployment one.
            let early = try await app.post(village, endPath, [("reason", "no_contact")])
            #expect(early.0 == .unprocessableEntity && early.1.contains("须满6个月无联系（2027-05-25起）"))
            let wrong = try await app.post(village, endPath, [("reason", "stopped_working")])
            #expect(wrong.0 == .unprocessableEntity && wrong.1.contains("请从列表中选择失业登记的终止原因"))
            #expect(try await EmploymentRegistrationRecord.find(registration.id, on: app.db)?.isActive == true)

            // The person found a fixed job: the operator ends the registration with the reason 就业, kept and audited.
            try await app.expectNoticeRedirect(endPath, as: village, fields: [("reason", "employed")])
            let ended = try #require(try await EmploymentRegistrationRecord.find(registration.id, on: app.db))
            #expect(ended.endedOn == "2026-11-25" && ended.endReason == "employed" && ended.endedBy == village.accountID)
            #expect(try await EmploymentCardRecord.find(citizen: person, on: app.db)?.status == "就业")
            #expect(try await app.post(reviewer, endPath, [("reason", "pension")]).0 == .conflict)
            #expect(try await EmploymentRegistrationRecord.find(registration.id, on: app.db)?.endReason == "employed")
            #expect(try await auditCount("employment_registration.end", result: "success", on: app) == 1)
            #expect(try await app.getPage(village, cardPath(person)).1.contains("已于2026-11-25终止（就业）"))
            // A new registration may follow the ended one, once it says when that work ended.
            let again = try await unemployed(app, village, citizen: person)
            #expect(again.0 == .unprocessableEntity && again.1.contains("系统中登记为已就业（失业登记因就业终止，2026-11-25起）"))
            #expect(try await accept(app, village, citizen: person, item: 11, [("able_and_willing", "yes"), ("separated_on", "2026-11-25")]).0
                    == .seeOther)
        }
    }

    @Test("accepted on 2026-09-29, before National Day: item 10 is due 2026-10-12 and item 11 2026-10-19, the make-up Saturday counted")
    func deadlinesAcrossNationalDay() async throws {
        // 2026-09-29 10:00 in Shanghai. Off 1–7 October; Saturday 10 October is worked.
        try await TestApp.run(clock: .fixed(Date(timeIntervalSince1970: 1_790_647_200))) { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await citizen(app, village)
            #expect(try await flexible(app, village, citizen: person, start: "2026-09-01").0 == .seeOther)
            let flexibleCase = try await lastCase(app, person, item: 10)
            #expect(flexibleCase.acceptedOn == "2026-09-29" && flexibleCase.deadline == "2026-10-12" && !flexibleCase.deadlineProvisional)
            #expect(try await unemployed(app, village, citizen: person).0 == .seeOther)
            let unemploymentCase = try await lastCase(app, person, item: 11)
            #expect(unemploymentCase.deadline == "2026-10-19" && !unemploymentCase.deadlineProvisional)
        }
    }
}
