import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23, deliverable 4: items 28, 29 and 31 through the counter (the catalogue offers them nowhere else),
/// reviewed by the county, their effects in the ledger with one outbound record each.
@Suite("items 28, 29, 31: resident pension enrolment, supplementary enrolment, suspending and resuming contributions")
struct EnrolmentItemsTests {
    let cases = RegistrationTests()

    static func enrolment(_ person: UUID, _ scheme: InsuranceScheme, _ app: Application) async throws -> InsuranceLedgerView.Enrolment? {
        try await InsuranceLedger.view(of: person, cipher: app.jiujinban.cipher, on: app.db).enrolment(scheme)
    }

    static func outbound(_ app: Application) async throws -> Int { try await InsuranceImportTests.count("insurance_outbound", app) }

    /// Accepts `item` for `person` at the village point and, when accepted, has the county approve it.
    func handle(_ app: Application, _ person: UUID, item: Int, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        let village = try await app.session(as: .villageOperator)
        let accepted = try await cases.accept(app, village, citizen: person, item: item, fields)
        guard accepted.0 == .seeOther else { return accepted }
        let reviewer = try await app.session(as: .reviewer)
        let approved = try await cases.act(app, reviewer, try await cases.lastCase(app, person, item: item), [("action", "approve")])
        #expect(approved.0 == .seeOther)
        return approved
    }

    static let employee = InsuranceImportTests.person + ",county,start_kind,grade,enrolled_on,status,status_date,status_reason\n"
        + "1,140830199001011232,张三,140830100204,employee_pension,140830000000,,,2015-03-01,参保缴费,2015-03-01,\n"

    @Test("item 28: refused by field (grade not in force, named; student; under 16; other pension; hukou county); approved: enrolment, history, exchange record")
    func basicEnrolment() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await cases.citizen(app, village)
            let refused = try await cases.accept(app, village, citizen: person, item: 28, [("grade", "600"), ("start_kind", "新农保")])
            #expect(refused.0 == .unprocessableEntity)
            #expect(refused.1.contains("缴费档次600.00元在2026-11-25不在执行期内，可选：200.00元、300.00元、500.00元"))
            #expect(refused.1.contains("在校学生不能参加城乡居民基本养老保险"))
            let young = try await cases.citizen(app, village, RegistrationTests.turnsSixteenTomorrow)
            let underage = try await cases.accept(app, village, citizen: young, item: 28,
                                                  [("grade", "500"), ("start_kind", "新农保"), ("not_student", "yes")])
            #expect(underage.0 == .unprocessableEntity && underage.1.contains("未满16周岁，不能参保（2026-11-26年满16周岁）"))
            #expect(try await CaseRecord.query(on: app.db).count() == 0)

            let fields = [("grade", "500"), ("start_kind", "新农保"), ("not_student", "yes")]
            #expect(try await handle(app, person, item: 28, fields).0 == .seeOther)
            let enrolment = try #require(try await Self.enrolment(person, .residentBasic, app))
            #expect(enrolment.grade == 500 && enrolment.startKind == .newRural && enrolment.status == .contributing)
            #expect(enrolment.county.value == "140830000000" && enrolment.enrolledOn.iso == "2026-11-25")
            #expect(enrolment.history.map(\.status) == ["参保缴费"])
            #expect(try await Self.outbound(app) == 1)
            let again = try await cases.accept(app, village, citizen: person, item: 28, fields)
            #expect(again.0 == .unprocessableEntity && again.1.contains("已参加城乡居民基本养老保险，不能重复参保"))

            // A point of another county is not the place of household registration.
            let citizen = try #require(try await CitizenRecord.find(id: person, on: app.db))
            let elsewhere = try await ResidentBasicEnrolmentItem.refusals(citizen, grade: 500, student: false, county: try DivisionCode("140802000000"),
                                                                          today: app.jiujinban.clock.today, on: app.db)
            #expect(elsewhere.contains { $0.0 == "citizen" && $0.1 == "须在户籍所在地参保：户籍所在县（140830000000）与本服务点所在县（140802000000）不一致" })
        }
    }

    @Test("item 28: someone with the employee pension in the ledger is refused, nothing written")
    func employeePension() async throws {
        try await TestApp.run { app in
            try await InsuranceImportTests.importFile(app, kind: .enrolments, csv: Self.employee)
            let person = try #require(try await InsuranceImportTests.citizen("140830199001011232", app)).requireID()
            let village = try await app.session(as: .villageOperator)
            let refused = try await cases.accept(app, village, citizen: person, item: 28,
                                                 [("grade", "500"), ("start_kind", "新农保"), ("not_student", "yes")])
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("已参加职工基本养老保险，不能参加城乡居民基本养老保险"))
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            #expect(try await Self.outbound(app) == 0)
        }
    }

    @Test("item 29: needs the basic scheme paying, a supplementary grade in force; approved: the supplementary enrolment")
    func supplementaryEnrolment() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let stranger = try await cases.citizen(app, village)
            let none = try await cases.accept(app, village, citizen: stranger, item: 29, [("grade", "1000")])
            #expect(none.0 == .unprocessableEntity && none.1.contains("未参加城乡居民基本养老保险（或已暂停缴费），须先参加基本养老保险"))

            try await InsuranceImportTests.importFile(app, kind: .enrolments, csv: LedgerChangesTests.enrolments)
            let person = try #require(try await InsuranceImportTests.citizen("140830199001011232", app)).requireID()
            let basicGrade = try await cases.accept(app, village, citizen: person, item: 29, [("grade", "300")])
            #expect(basicGrade.0 == .unprocessableEntity)
            #expect(basicGrade.1.contains("补充养老保险缴费档次300.00元在2026-11-25不在执行期内，可选：200.00元、500.00元、1000.00元、2000.00元、5000.00元"))
            #expect(try await handle(app, person, item: 29, [("grade", "1000")]).0 == .seeOther)
            let enrolment = try #require(try await Self.enrolment(person, .residentSupplementary, app))
            #expect(enrolment.grade == 1000 && enrolment.status == .contributing && enrolment.startKind == nil)
            #expect(try await Self.outbound(app) == 1)
            let again = try await cases.accept(app, village, citizen: person, item: 29, [("grade", "1000")])
            #expect(again.0 == .unprocessableEntity && again.1.contains("已参加城乡居民补充养老保险，不能重复参保"))
        }
    }

    @Test("item 31: suspended for 失踪, refused twice, resumed not before the suspension; status history and one record per change")
    func suspendAndResume() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let stranger = try await cases.citizen(app, village)
            let notEnrolled = try await cases.accept(app, village, citizen: stranger, item: 31,
                                                     [("action", "suspend"), ("reason", "missing"), ("effective_on", "2026-11-20")])
            #expect(notEnrolled.0 == .unprocessableEntity && notEnrolled.1.contains("参保台账中没有该群众的城乡居民基本养老保险参保记录"))
            let noReason = try await cases.accept(app, village, citizen: stranger, item: 31, [("action", "suspend"), ("effective_on", "2026-11-20")])
            #expect(noReason.1.contains("暂停缴费须选择暂停原因"))

            try await InsuranceImportTests.importFile(app, kind: .enrolments, csv: LedgerChangesTests.enrolments)
            let person = try #require(try await InsuranceImportTests.citizen("140830199001011232", app)).requireID()
            let notSuspended = try await cases.accept(app, village, citizen: person, item: 31, [("action", "resume"), ("effective_on", "2026-11-20")])
            #expect(notSuspended.0 == .unprocessableEntity && notSuspended.1.contains("当前未暂停缴费，无需恢复"))
            #expect(try await handle(app, person, item: 31, [("action", "suspend"), ("reason", "missing"), ("effective_on", "2026-11-10")]).0 == .seeOther)
            var enrolment = try #require(try await Self.enrolment(person, .residentBasic, app))
            #expect(enrolment.status == .suspended && enrolment.statusReason == "失踪" && enrolment.statusDate.iso == "2026-11-10")
            let twice = try await cases.accept(app, village, citizen: person, item: 31,
                                               [("action", "suspend"), ("reason", "death"), ("effective_on", "2026-11-20")])
            #expect(twice.0 == .unprocessableEntity && twice.1.contains("已于2026-11-10暂停缴费，不能重复暂停"))
            let early = try await cases.accept(app, village, citizen: person, item: 31, [("action", "resume"), ("effective_on", "2026-11-01")])
            #expect(early.0 == .unprocessableEntity && early.1.contains("恢复日期2026-11-01早于暂停日期2026-11-10"))
            #expect(try await handle(app, person, item: 31, [("action", "resume"), ("effective_on", "2026-11-24")]).0 == .seeOther)
            enrolment = try #require(try await Self.enrolment(person, .residentBasic, app))
            #expect(enrolment.status == .contributing && enrolment.statusDate.iso == "2026-11-24")
            #expect(enrolment.history.map(\.status) == ["参保缴费", "暂停缴费", "参保缴费"])
            #expect(try await Self.outbound(app) == 2)
        }
    }

    @Test("item 31: a suspension for death cannot be resumed")
    func deathIsFinal() async throws {
        try await TestApp.run { app in
            try await InsuranceImportTests.importFile(app, kind: .enrolments, csv: LedgerChangesTests.enrolments)
            let person = try #require(try await InsuranceImportTests.citizen("140830199001011232", app)).requireID()
            #expect(try await handle(app, person, item: 31, [("action", "suspend"), ("reason", "death"), ("effective_on", "2026-11-02")]).0 == .seeOther)
            let village = try await app.session(as: .villageOperator)
            let resume = try await cases.accept(app, village, citizen: person, item: 31, [("action", "resume"), ("effective_on", "2026-11-24")])
            #expect(resume.0 == .unprocessableEntity && resume.1.contains("因死亡暂停缴费的，不能恢复缴费"))
            #expect(try await Self.enrolment(person, .residentBasic, app)?.statusReason == "死亡")
        }
    }
}
