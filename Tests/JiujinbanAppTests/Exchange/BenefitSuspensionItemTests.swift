import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23, item 37 through the counter: a pensioner of the ledger (月待遇 213.60 元, paid to 2026-10; November's
/// payment failed).
@Suite("item 37: benefit stopped after death with the overpayment, suspended and resumed with back pay, duplicates stopped")
struct BenefitSuspensionItemTests {
    static let idNumber = "140830195003151230"
    static let entitlement = InsuranceImportTests.person + ",county,start_month,monthly,status,status_date,status_reason\n"
        + "1,\(idNumber),赵老汉,140830100204,resident_basic,140830000000,2010-04,213.60,正常,2010-04-01,\n"
    static let payments = InsuranceImportTests.person + ",county,month,amount,bank,account,result,failure_reason\n"
        + [("2026-08", "成功,"), ("2026-09", "成功,"), ("2026-10", "成功,"), ("2026-11", "失败,账户已冻结")].map {
            "1,\(idNumber),赵老汉,140830100204,resident_basic,140830000000,\($0.0),213.60,芮城县农村信用社,6230123412345678,\($0.1)\n"
        }.joined()

    static func pensioner(_ app: Application) async throws -> UUID {
        try await InsuranceImportTests.importFile(app, kind: .entitlements, csv: entitlement)
        try await InsuranceImportTests.importFile(app, kind: .payments, csv: payments)
        return try #require(try await InsuranceImportTests.citizen(idNumber, app)).requireID()
    }

    static func entitlement(_ person: UUID, _ app: Application) async throws -> InsuranceLedgerView.Entitlement? {
        try await InsuranceLedger.view(of: person, cipher: app.jiujinban.cipher, on: app.db).entitlements.first
    }

    @Test("death reported by a daughter: stopped from the month after death, the month paid since to recover (not the failed one)")
    func death() async throws {
        try await TestApp.run { app in
            let person = try await Self.pensioner(app)
            let village = try await app.session(as: .villageOperator)
            let cases = RegistrationTests()
            let noName = try await cases.accept(app, village, citizen: person, item: 37,
                                                [("action", "suspend"), ("reason", "death"), ("died_on", "2026-09-14"), ("applicant_relation", "子女")])
            #expect(noName.0 == .unprocessableEntity && noName.1.contains("家属代办须填写申请人姓名"))
            let fields = [("action", "suspend"), ("reason", "death"), ("died_on", "2026-09-14"), ("applicant_relation", "子女"),
                          ("applicant_name", "赵小花")]
            #expect(try await EnrolmentItemsTests().handle(app, person, item: 37, fields).0 == .seeOther)
            let stopped = try #require(try await Self.entitlement(person, app))
            #expect(stopped.status == .terminated && stopped.statusDate.iso == "2026-10-01")
            #expect(stopped.statusReason == "死亡（2026-09-14），自2026年10月起终止；应追回多领待遇213.60元（2026-10）")
            #expect(stopped.history.map(\.status) == ["正常", "终止"])
            let record = try await cases.lastCase(app, person, item: 37)
            let form = try app.jiujinban.cipher.open(record.formSealed, context: CaseRecord.formContext)
            #expect(form.contains(#""applicant_name":"赵小花""#) && form.contains(#""applicant_relation":"子女""#))
            let again = try await cases.accept(app, village, citizen: person, item: 37,
                                               [("action", "suspend"), ("reason", "missing"), ("month", "2026-11"), ("applicant_relation", "本人")])
            #expect(again.0 == .unprocessableEntity && again.1.contains("待遇已自2026-10起终止，不能再暂停、恢复或终止"))
            #expect(try await EnrolmentItemsTests.outbound(app) == 1)
        }
    }

    @Test("missing: suspended from a month, resumed with back pay for the months not paid; a duplicate is suspended, then stopped")
    func suspendResumeStop() async throws {
        try await TestApp.run { app in
            let person = try await Self.pensioner(app)
            let village = try await app.session(as: .villageOperator)
            let items = EnrolmentItemsTests()
            let notSuspended = try await RegistrationTests().accept(app, village, citizen: person, item: 37,
                                                                    [("action", "resume"), ("month", "2026-12"), ("applicant_relation", "本人")])
            #expect(notSuspended.0 == .unprocessableEntity && notSuspended.1.contains("待遇未暂停，无需恢复"))
            #expect(try await items.handle(app, person, item: 37, [("action", "suspend"), ("reason", "missing"), ("month", "2026-10"),
                                                                   ("applicant_relation", "配偶"), ("applicant_name", "钱大娘")]).0 == .seeOther)
            #expect(try await Self.entitlement(person, app)?.status == .suspended)
            let early = try await RegistrationTests().accept(app, village, citizen: person, item: 37,
                                                             [("action", "resume"), ("month", "2026-09"), ("applicant_relation", "本人")])
            #expect(early.0 == .unprocessableEntity && early.1.contains("2026-09早于暂停起始月2026-10"))
            // October was paid before the suspension was recorded, November's payment failed: November is owed.
            #expect(try await items.handle(app, person, item: 37, [("action", "resume"), ("month", "2026-12"), ("applicant_relation", "本人")]).0
                == .seeOther)
            let resumed = try #require(try await Self.entitlement(person, app))
            #expect(resumed.status == .paying && resumed.statusReason == "恢复发放：补发1个月共213.60元")
            #expect(try await items.handle(app, person, item: 37, [("action", "suspend"), ("reason", "suspectedDuplicate"), ("month", "2026-12"),
                                                                   ("applicant_relation", "本人")]).0 == .seeOther)
            #expect(try await items.handle(app, person, item: 37, [("action", "stop"), ("applicant_relation", "本人")]).0 == .seeOther)
            let stopped = try #require(try await Self.entitlement(person, app))
            #expect(stopped.status == .terminated && stopped.statusDate.iso == "2026-12-01" && stopped.statusReason == "疑似重复领取，经核实终止")
            #expect(try await EnrolmentItemsTests.outbound(app) == 4)
        }
    }
}
