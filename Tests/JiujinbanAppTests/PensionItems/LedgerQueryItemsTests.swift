import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Items 33 and 36: the query pages (every year with type, amounts and 到账 for both schemes; the payment records
/// with this month's composition and failure reasons, the bank account masked), audited, scoped to the user's
/// division, and recorded as an instant case at the counter and at the kiosk.
@Suite("城乡居民养老保险查询 (items 33, 36): pages, scope, audit, cases through the counter and the kiosk")
struct LedgerQueryItemsTests {
    func setUp(_ app: Application) async throws -> (PensionLedgerFixture, UUID) {
        let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
        let citizen = try await fixture.person(birth: "19580412")
        try await fixture.enrol(citizen, .residentBasic)
        try await fixture.contribute(citizen, .residentBasic, years: 2010...2018)
        try await fixture.contribute(citizen, .residentBasic, years: 2008...2009, kind: "补缴", notArrived: [2009])
        try await fixture.enrol(citizen, .residentSupplementary)
        try await fixture.contribute(citizen, .residentSupplementary, years: 2021...2022)
        try await fixture.account(citizen, .residentBasic, year: 2018, closingFen: 612_345)
        try await fixture.entitlement(citizen, .residentBasic, monthlyFen: 18_705)
        try await fixture.payment(citizen, .residentBasic, month: "2026-10", amountFen: 18_705, account: "6217001234567890123")
        try await fixture.payment(citizen, .residentBasic, month: "2026-11", amountFen: 18_705, account: "6217001234567890123",
                                  failure: "账户已销户")
        return (fixture, citizen)
    }

    @Test("item 33's page: every year of both schemes with type, amounts and 到账; printable; audited")
    func contributionsPage() async throws {
        try await TestApp.run { app in
            let (fixture, citizen) = try await setUp(app)
            let (status, page) = try await app.getPage(fixture.village, "/insurance/contributions/\(citizen.uuidString.lowercased())")
            #expect(status == .ok)
            #expect(page.contains("城乡居民基本养老保险") && page.contains("城乡居民补充养老保险"))
            #expect(page.contains("<td>2008</td><td>补缴</td>") && page.contains("<td>2018</td><td>正常</td>"))
            #expect(page.contains("<td>2022</td><td>正常</td>"))
            #expect(page.contains("已到账（2010-06-30）") && page.contains("未到账"))
            #expect(page.contains("500.00元") && page.contains("60.00元") && page.contains("560.00元"))
            #expect(page.contains("6123.45元"), "the account's closing balance")
            #expect(page.contains("累计到账缴费年限") && page.contains("10年"), "2008 and 2010–2018 arrived; 2009 did not")
            #expect(page.contains("data-print") && page.contains("办结本次查询"))
            #expect(!page.contains("王小明"), "the name is masked")
            let audited = try await auditedObjects("insurance.contributions.view", on: app)
            #expect(audited.map(\.object) == [citizen.uuidString.lowercased()])
        }
    }

    @Test("item 36's page: this month's composition, every payment with the account masked, the failure reason; audited")
    func paymentsPage() async throws {
        try await TestApp.run { app in
            let (fixture, citizen) = try await setUp(app)
            let (status, page) = try await app.getPage(fixture.village, "/insurance/payments/\(citizen.uuidString.lowercased())")
            #expect(status == .ok)
            #expect(page.contains("当前月待遇项目组成明细（2026-11）"))
            #expect(page.contains("<td>中央基础养老金</td><td class=\"number\">143.00元</td>"))
            #expect(page.contains("<td>个人账户养老金</td><td class=\"number\">44.05元</td>"))
            #expect(page.contains("187.05元"))
            #expect(page.contains("2026-11") && page.contains("2026-10") && page.contains("账户已销户"))
            #expect(page.contains(Masking.maskedCardNumber("6217001234567890123")) && page.contains("芮城农商银行"))
            #expect(!page.contains("6217001234567890123"), "the bank account is masked")
            #expect(page.contains("187.05元，失败：账户已销户"), "this month's payment failed, with its reason")
            #expect(try await auditedObjects("insurance.payments.view", on: app).map(\.object) == [citizen.uuidString.lowercased()])
        }
    }

    @Test("a user outside the person's division is refused (404, as for no record) and the refusal audited; nothing read")
    func scoped() async throws {
        try await TestApp.run { app in
            let (_, citizen) = try await setUp(app)
            // The person moves to 陌南镇 (registered and living there): the township's operator no longer serves them.
            try await (app.db as! any SQLDatabase).raw("""
                UPDATE citizens SET hukou_division_code = '140830102000', residence_division_code = '140830102001' WHERE id = \(bind: citizen)
                """).run()
            let community = try await app.session(as: .townshipOperator)
            let before = try await auditCount("insurance.contributions.view", on: app)
            for path in ["/insurance/contributions/", "/insurance/payments/"] {
                let (status, page) = try await app.getPage(community, path + citizen.uuidString.lowercased())
                // Out of scope answers as a missing record does (the platform's rule: nothing tells that the person exists).
                #expect(status == .notFound && !page.contains("2026-10"), "\(path) \(status)")
            }
            #expect(try await auditCount("insurance.contributions.view", on: app) == before)
            let denials = try await (app.db as! any SQLDatabase).raw(
                "SELECT COUNT(*) AS n FROM audit_log WHERE result = 'denied' AND object_id = \(bind: citizen.uuidString.lowercased())")
                .first()?.decode(column: "n", as: Int.self)
            #expect(denials == 2)
        }
    }

    @Test("recorded as instant cases at the counter and at the kiosk; refused for a person without the records")
    func cases() async throws {
        try await TestApp.run { app in
            let (fixture, citizen) = try await setUp(app)
            for item in [ContributionQueryItem.seq, PaymentRecordsQueryItem.seq] {
                let (status, id, _) = try await fixture.accept(citizen, item: item)
                #expect(status == .seeOther)
                let record = try #require(try await CaseRecord.find(try #require(id), on: app.db))
                #expect(record.stateValue?.isFinal == true && record.deadline == nil, "即时办结")
            }
            // The kiosk records the same query for the person it identified.
            let actors = CaseActorTests()
            let setup = try await actors.setUp(app)
            let person = try #require(try await CitizenRecord.find(id: citizen, on: app.db))
            let device = try await KioskDevice.registered(setup.kiosk, identified: citizen, on: app.db)
            for item in [ContributionQueryItem.seq, PaymentRecordsQueryItem.seq] {
                let kioskCase = try await actors.accept(app, person, item: item, by: .kiosk(device))
                let record = try #require(try await CaseRecord.find(kioskCase, on: app.db))
                #expect(record.channelValue == .kiosk && record.stateValue?.isFinal == true)
            }
            // Someone the ledger does not know: refused with the reason, nothing written.
            let stranger = try await fixture.person(birth: "19700101", sequence: 77)
            let cases = try await CaseRecord.query(on: app.db).count()
            let (refused, _, body) = try await fixture.accept(stranger, item: ContributionQueryItem.seq)
            #expect(refused == .unprocessableEntity && body.contains("没有城乡居民养老保险参保记录"))
            let (refused36, _, body36) = try await fixture.accept(stranger, item: PaymentRecordsQueryItem.seq)
            #expect(refused36 == .unprocessableEntity && body36.contains("没有城乡居民养老保险待遇记录"))
            #expect(try await CaseRecord.query(on: app.db).count() == cases)
        }
    }
}
