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

    @Test("death reported by a daughter: stopped from the month after death, the month paid since to recover (not the failed one); the months still waiting for the bank named with their total")
    func death() async throws {
        try await TestApp.run { app in
            let person = try await Self.pensioner(app)
            // December's and January's batches sent to the bank, their returns not in yet (待回盘).
            let directory = try PaymentRunTests.folder()
            defer { try? FileManager.default.removeItem(at: directory) }
            for month in ["2026-12", "2027-01"] {
                try await PaymentRunTests.run(app, month: month, out: directory.appendingPathComponent("\(month).csv"))
            }
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
            let waiting = "城乡居民基本养老保险待银行回盘：2026-12 213.60元、2027-01 213.60元，合计427.20元（如回盘成功，一并追回）"
            let kept = try #require(try await CaseComputations.load(caseID: try record.requireID(), on: app.db))
            #expect(kept.totalFen == 21_360 && kept.notes.contains(waiting))
            let receipt = try await app.getPage(village, "/cases/\(try record.requireID().uuidString.lowercased())/receipt").1
            #expect(receipt.contains(waiting))
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

    @Test("death of a person drawing both pensions: both stopped from the month after, each scheme's overpayment and the total on the case and receipt, both enrolments ended, each change its own exchange record")
    func deathStopsBothSchemes() async throws {
        try await TestApp.run { app in
            let person = try await Self.pensioner(app)
            let row = { (rest: String) in "1,\(Self.idNumber),赵老汉,140830100204,resident_supplementary,140830000000,\(rest)\n" }
            try await InsuranceImportTests.importFile(app, kind: .entitlements, csv: InsuranceImportTests.person
                + ",county,start_month,monthly,status,status_date,status_reason\n" + row("2024-01,95.00,正常,2024-01-01,"))
            try await InsuranceImportTests.importFile(app, kind: .payments, csv: InsuranceImportTests.person
                + ",county,month,amount,bank,account,result,failure_reason\n"
                + ["2026-09", "2026-10", "2026-11"].map { row("\($0),95.00,芮城县农村信用社,6230123412345678,成功,") }.joined())
            let village = try await app.session(as: .villageOperator)
            let fixture = PensionLedgerFixture(app: app, village: village)
            try await fixture.enrol(person, .residentBasic)
            // Suspended for the death through item 31 already: still open until ended.
            try await fixture.enrol(person, .residentSupplementary, status: "暂停缴费", reason: "死亡")
            let outbound = try await EnrolmentItemsTests.outbound(app)
            let cases = RegistrationTests()
            let accepted = try await cases.accept(app, village, citizen: person, item: 37, [
                ("action", "suspend"), ("reason", "death"), ("died_on", "2026-09-14"), ("applicant_relation", "子女"), ("applicant_name", "赵小花"),
            ])
            #expect(accepted.0 == .seeOther)
            let record = try await cases.lastCase(app, person, item: 37)
            let id = try record.requireID()
            // Basic: October paid (November failed) = 213.60; supplementary: October and November = 190.00; total 403.60.
            let kept = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            #expect(kept.lines.filter { $0.depth == 0 }.map(\.name) == ["城乡居民基本养老保险应追回", "城乡居民补充养老保险应追回"])
            #expect(kept.lines.filter { $0.depth == 0 }.map(\.amountFen) == [21_360, 19_000] && kept.totalFen == 40_360)
            #expect(kept.lines.filter { $0.depth == 1 }.map(\.name) == ["2026年10月", "2026年10月", "2026年11月"])
            let path = "/cases/\(id.uuidString.lowercased())"
            let receipt = try await app.getPage(village, path + "/receipt").1
            for text in ["城乡居民基本养老保险应追回", "213.60元", "城乡居民补充养老保险应追回", "190.00元", "403.60元",
                         "同时终止参保登记（不再缴费）：城乡居民基本养老保险、城乡居民补充养老保险"] {
                #expect(receipt.contains(text), "receipt: \(text)")
            }
            #expect(!receipt.contains("所用政策参数"), "a computation from the payment records alone lists no figures")
            let reviewer = try await app.session(as: .reviewer)
            #expect(try await app.getPage(reviewer, path).1.contains("403.60元"))
            #expect(try await cases.act(app, reviewer, record, [("action", "approve")]).0 == .seeOther)

            let ledger = try await InsuranceLedger.view(of: person, cipher: app.jiujinban.cipher, on: app.db)
            let stopped = ledger.entitlements.sorted { $0.scheme.rawValue < $1.scheme.rawValue }
            #expect(stopped.map(\.status) == [.terminated, .terminated] && stopped.map(\.statusDate.iso) == ["2026-10-01", "2026-10-01"])
            #expect(stopped.map { $0.statusReason ?? "" } == ["死亡（2026-09-14），自2026年10月起终止；应追回多领待遇213.60元（2026-10）",
                                                             "死亡（2026-09-14），自2026年10月起终止；应追回多领待遇190.00元（2026-10、2026-11）"])
            let ended = ledger.enrolments.sorted { $0.scheme.rawValue < $1.scheme.rawValue }
            #expect(ended.map(\.status) == [.terminated, .terminated] && ended.map(\.statusDate.iso) == ["2026-09-14", "2026-09-14"])
            #expect(ended.map { $0.statusReason ?? "" } == ["死亡", "死亡"])
            let records = try await (app.db as! any SQLDatabase).raw("""
                SELECT kind, scheme FROM insurance_outbound WHERE case_id = \(bind: id) ORDER BY kind, scheme
                """).all().map { "\(try $0.decode(column: "kind", as: String.self))|\(try $0.decode(column: "scheme", as: String.self))" }
            #expect(records == ["enrolments|resident_basic", "enrolments|resident_supplementary",
                                "entitlements|resident_basic", "entitlements|resident_supplementary"])
            #expect(try await EnrolmentItemsTests.outbound(app) == outbound + 4)
            let approved = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            #expect(approved.totalFen == 40_360)
            let again = try await cases.accept(app, village, citizen: person, item: 37, [
                ("action", "suspend"), ("reason", "death"), ("died_on", "2026-09-14"), ("applicant_relation", "本人"),
            ])
            #expect(again.0 == .unprocessableEntity && again.1.contains("待遇已自2026-10起终止"))
        }
    }

    @Test("missing, a person drawing both pensions: both suspended, each its own exchange record; resumed with each scheme's back pay and the total on the case and receipt")
    func missingCoversBothSchemes() async throws {
        try await TestApp.run { app in
            let person = try await Self.pensioner(app)
            let row = { (rest: String) in "1,\(Self.idNumber),赵老汉,140830100204,resident_supplementary,140830000000,\(rest)\n" }
            try await InsuranceImportTests.importFile(app, kind: .entitlements, csv: InsuranceImportTests.person
                + ",county,start_month,monthly,status,status_date,status_reason\n" + row("2024-01,95.00,正常,2024-01-01,"))
            try await InsuranceImportTests.importFile(app, kind: .payments, csv: InsuranceImportTests.person
                + ",county,month,amount,bank,account,result,failure_reason\n"
                + row("2026-09,95.00,芮城县农村信用社,6230123412345678,成功,") + row("2026-10,95.00,芮城县农村信用社,6230123412345678,失败,账户已冻结"))
            let outbound = try await EnrolmentItemsTests.outbound(app)
            let items = EnrolmentItemsTests()
            #expect(try await items.handle(app, person, item: 37, [("action", "suspend"), ("reason", "missing"), ("month", "2026-10"),
                                                                   ("applicant_relation", "配偶"), ("applicant_name", "钱大娘")]).0 == .seeOther)
            var ledger = try await InsuranceLedger.view(of: person, cipher: app.jiujinban.cipher, on: app.db)
            var entitlements = ledger.entitlements.sorted { $0.scheme.rawValue < $1.scheme.rawValue }
            #expect(entitlements.map(\.status) == [.suspended, .suspended] && entitlements.map(\.statusDate.iso) == ["2026-10-01", "2026-10-01"])
            #expect(entitlements.map { $0.statusReason ?? "" } == ["失踪或生存状态不明", "失踪或生存状态不明"])
            #expect(try await EnrolmentItemsTests.outbound(app) == outbound + 2)

            // Basic: October paid, November failed → 1 × 213.60; supplementary: October failed, November not paid → 2 × 95.00.
            let village = try await app.session(as: .villageOperator)
            let cases = RegistrationTests()
            let accepted = try await cases.accept(app, village, citizen: person, item: 37,
                                                  [("action", "resume"), ("month", "2026-12"), ("applicant_relation", "本人")])
            #expect(accepted.0 == .seeOther)
            let record = try await cases.lastCase(app, person, item: 37)
            let id = try record.requireID()
            let kept = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            #expect(kept.lines.filter { $0.depth == 0 }.map(\.name) == ["城乡居民基本养老保险补发", "城乡居民补充养老保险补发"])
            #expect(kept.lines.filter { $0.depth == 0 }.map(\.amountFen) == [21_360, 19_000] && kept.totalFen == 40_360)
            #expect(kept.lines.filter { $0.depth == 1 }.map(\.name) == ["2026年11月", "2026年10月", "2026年11月"])
            let receipt = try await app.getPage(village, "/cases/\(id.uuidString.lowercased())/receipt").1
            for text in ["城乡居民基本养老保险补发", "213.60元", "城乡居民补充养老保险补发", "190.00元", "403.60元", "暂停期间未发放成功2个月 × 月待遇95.00元"] {
                #expect(receipt.contains(text), "receipt: \(text)")
            }
            #expect(try await cases.act(app, try await app.session(as: .reviewer), record, [("action", "approve")]).0 == .seeOther)
            ledger = try await InsuranceLedger.view(of: person, cipher: app.jiujinban.cipher, on: app.db)
            entitlements = ledger.entitlements.sorted { $0.scheme.rawValue < $1.scheme.rawValue }
            #expect(entitlements.map(\.status) == [.paying, .paying] && entitlements.map(\.statusDate.iso) == ["2026-12-01", "2026-12-01"])
            #expect(entitlements.map { $0.statusReason ?? "" } == ["恢复发放：补发1个月共213.60元", "恢复发放：补发2个月共190.00元"])
            #expect(try await EnrolmentItemsTests.outbound(app) == outbound + 4)
        }
    }
}
