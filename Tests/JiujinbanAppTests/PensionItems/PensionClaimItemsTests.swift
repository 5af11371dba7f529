import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Items 34 and 35 through the counter and the county's review: the conditions named (how many years are missing, a
/// supplementary claim before the basic one), the computation kept with the case with the figures it used, approval
/// refused while a figure is 待核实 and allowed once a business admin confirms (or ends and succeeds) it, and the
/// entitlement the approval writes. Today is 2026-11-25: a claim's first month is 2026-12.
@Suite("待遇申领 (items 34, 35): conditions, computation with its figures, approval waiting for 待核实 figures")
struct PensionClaimItemsTests {
    static let ruicheng = try! DivisionCode.county("140830")

    /// A 66-year-old with 16 years in the basic scheme (2010–2025) and a 10,000 元 account.
    func claimant(_ fixture: PensionLedgerFixture) async throws -> UUID {
        let citizen = try await fixture.person(birth: "19600301")
        try await fixture.enrol(citizen, .residentBasic)
        try await fixture.contribute(citizen, .residentBasic, years: 2010...2025)
        try await fixture.account(citizen, .residentBasic, year: 2025, closingFen: 1_000_000)
        return citizen
    }

    /// Confirms every figure the basic claim reads on 2026-12-01, as the business admins would: the central part
    /// ended and succeeded from 2026-12-01, the provincial and county parts confirmed with values, the others as
    /// they stand.
    func confirmBasicFigures(_ app: Application) async throws {
        let province = try await app.session(as: .provinceBusinessAdmin)
        let county = try await app.session(as: .countyBusinessAdmin)
        try await app.expectNoticeRedirect("/policy-figures/successors", as: province, fields: [
            ("key", PolicyFigureKey.centralBasicPension.rawValue), ("county", ""), ("valid_from", "2026-12-01"), ("value", "163"),
            ("source", "人社部发〔2026〕1号"),
        ])
        let book = try await PolicyFigureBook.load(on: app.db)
        for (key, session, value) in [(PolicyFigureKey.provincialBasicPension, province, "20"), (.extraPerYearBeyond15, province, ""),
                                      (.residentDivisor, province, ""), (.countyBasicPension, county, "5")] {
            let row = try #require(book.latest(key, county: key.definition.scope == .county ? Self.ruicheng : nil))
            try await app.expectNoticeRedirect("/policy-figures/confirmations", as: session, fields: [
                ("row", row.id.uuidString.lowercased()), ("confirm_value", value), ("confirm_source", "晋人社发〔2026〕7号"),
            ])
        }
    }

    @Test("item 34: accepted with 待核实 figures named on the case page and receipt; approval refused naming them; confirmed → approved")
    func basicClaimWaitsForFigures() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let reviewer = try await app.session(as: .reviewer)
            let citizen = try await claimant(fixture)
            let (status, created, _) = try await fixture.accept(citizen, item: BasicPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(status == .seeOther)
            let id = try #require(created)
            // Kept with the case: the provisional amount and every figure used, with its row and status.
            let stored = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            #expect(stored.computedOn == CalendarDate(iso: "2026-12-01"))
            #expect(Set(stored.waiting.map(\.key)) == [.centralBasicPension, .provincialBasicPension, .countyBasicPension,
                                                       .extraPerYearBeyond15, .residentDivisor])
            #expect(stored.figures.first { $0.key == .centralBasicPension }?.value == .amount(fen: 16_300))
            // 163 + 0 + 0 + 1 × 1 year beyond 15 + 10,000 ÷ 139 (71.94) = 235.94
            #expect(stored.totalFen == 16_300 + 100 + 7_194)
            let page = try await app.getPage(reviewer, "/cases/\(id.uuidString.lowercased())")
            #expect(page.1.contains("以下政策参数待业务管理员核实") && page.1.contains("中央基础养老金最低标准（163元，待核实）"))
            #expect(page.1.contains("个人账户10000.00元 ÷ 139") && page.1.contains("235.94元"))
            let receipt = try await app.getPage(fixture.village, "/cases/\(id.uuidString.lowercased())/receipt")
            #expect(receipt.1.contains("省级提高的基础养老金（数值未知，待核实）") && receipt.1.contains("235.94元"))

            let refused = try await fixture.approve(id, as: reviewer)
            #expect(refused.0 == .conflict && refused.1.contains("待业务管理员核实后方可审批") && refused.1.contains("中央基础养老金最低标准"))
            #expect(try await CaseRecord.find(id, on: app.db)?.stateValue?.isFinal == false)
            #expect(try await fixture.count("insurance_entitlements") == 0, "nothing written")
            // The refusal is audited as a denied approval, naming the waiting figure.
            let number = try #require(try await CaseRecord.find(id, on: app.db)).number
            let denied = try await (app.db as! any SQLDatabase).raw("""
                SELECT detail FROM audit_log WHERE action = 'case.approve' AND result = 'denied' AND object_id = \(bind: number)
                """).all().map { try $0.decode(column: "detail", as: String.self) }
            #expect(denied.count == 1 && denied.first?.contains("待业务管理员核实后方可审批") == true)

            try await confirmBasicFigures(app)
            let approved = try await fixture.approve(id, as: reviewer)
            #expect(approved.0 == .seeOther)
            let confirmed = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            #expect(confirmed.waiting.isEmpty)
            // 163 + 20 + 5 + 1 + 71.94 = 260.94, from the confirmed rows (the central one the successor).
            #expect(confirmed.totalFen == 16_300 + 2_000 + 500 + 100 + 7_194)
            let ledger = try await InsuranceLedger.view(of: citizen, cipher: app.jiujinban.cipher, on: app.db)
            let entitlement = try #require(ledger.entitlements.first { $0.scheme == .residentBasic })
            #expect(entitlement.status == .paying && entitlement.startMonth == "2026-12" && entitlement.monthlyFen == 26_094)
            #expect(entitlement.basicCentralFen == 16_300 && entitlement.basicProvincialFen == 2_000 && entitlement.basicCountyFen == 500)
            #expect(entitlement.basicExtraFen == 100 && entitlement.accountFen == 7_194)
            #expect(Set(entitlement.figureIDs) == Set(confirmed.figures.compactMap { $0.rowID?.uuidString.lowercased() }))
            #expect(try await fixture.count("insurance_outbound") == 1, "the entitlement goes to the core system through the writer")
            let after = try await app.getPage(reviewer, "/cases/\(id.uuidString.lowercased())")
            #expect(!after.1.contains("以下政策参数待业务管理员核实") && after.1.contains("260.94元"))
        }
    }

    @Test("item 34 refused with the reason: under 60, years short by the scheme's start (how many missing), drawing already")
    func basicClaimRefusals() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let young = try await fixture.person(birth: "19700301", sequence: 41)
            try await fixture.enrol(young, .residentBasic)
            try await fixture.contribute(young, .residentBasic, years: 2010...2025)
            // 45 on 2010-07-01 (新农保's start, once confirmed): 15 years owed, 12 paid.
            let short = try await fixture.person(birth: "19650301", sequence: 43)
            try await fixture.enrol(short, .residentBasic)
            try await fixture.contribute(short, .residentBasic, years: 2014...2025)
            let county = try await app.session(as: .countyBusinessAdmin)
            let start = try #require(try await PolicyFigureBook.load(on: app.db).latest(.ruralPensionStart, county: Self.ruicheng))
            try await app.expectNoticeRedirect("/policy-figures/confirmations", as: county, fields: [
                ("row", start.id.uuidString.lowercased()), ("confirm_value", "2010-07-01"), ("confirm_source", "芮政发〔2010〕12号"),
            ])
            let cases = try await CaseRecord.query(on: app.db).count()
            let tooYoung = try await fixture.accept(young, item: BasicPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(tooYoung.0 == .unprocessableEntity && tooYoung.2.contains("未达基本险领取年龄60周岁，2030-03-01起方可申领"))
            let missing = try await fixture.accept(short, item: BasicPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(missing.0 == .unprocessableEntity && missing.2.contains("应缴15年，已缴12年，还差3年"))
            let drawing = try await claimant(fixture)
            try await fixture.entitlement(drawing, .residentBasic, monthlyFen: 20_000)
            let again = try await fixture.accept(drawing, item: BasicPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(again.0 == .unprocessableEntity && again.2.contains("已在领取城乡居民基本养老保险待遇"))
            // Fewer than 15 years and an enrolment that does not name 新农保 or 城居保: the start is not guessed.
            let unnamed = try await fixture.person(birth: "19620301", sequence: 45)
            try await fixture.enrol(unnamed, .residentBasic, startKind: nil)
            try await fixture.contribute(unnamed, .residentBasic, years: 2016...2025)
            let noScheme = try await fixture.accept(unnamed, item: BasicPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(noScheme.0 == .unprocessableEntity && noScheme.2.contains("参保登记未注明参加的是新农保还是城居保"))
            #expect(try await CaseRecord.query(on: app.db).count() == cases, "nothing written")
            #expect(try await fixture.count("case_computations") == 0)
        }
    }

    @Test("item 35: refused before the basic claim; then account ÷ 120 + 出口补 by age, approved on confirmed figures")
    func supplementaryClaim() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let reviewer = try await app.session(as: .reviewer)
            let citizen = try await fixture.person(birth: "19550301", sequence: 51)
            try await fixture.enrol(citizen, .residentBasic)
            try await fixture.contribute(citizen, .residentBasic, years: 2010...2015)
            try await fixture.enrol(citizen, .residentSupplementary)
            try await fixture.contribute(citizen, .residentSupplementary, years: 2006...2020, kind: "补缴")
            try await fixture.account(citizen, .residentSupplementary, year: 2025, closingFen: 900_000)
            let before = try await fixture.accept(citizen, item: SupplementaryPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(before.0 == .unprocessableEntity && before.2.contains("须先申领基本养老保险待遇，再申领补充养老保险待遇"))
            try await fixture.entitlement(citizen, .residentBasic, monthlyFen: 20_000)
            let (status, created, _) = try await fixture.accept(citizen, item: SupplementaryPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(status == .seeOther)
            let id = try #require(created)
            let stored = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            // 9,000 ÷ 120 = 75.00, + 20 元 at 71 (65–79); both figures confirmed in the seed.
            #expect(stored.totalFen == 7_500 + 2_000 && stored.waiting.isEmpty)
            #expect(Set(stored.figures.map(\.key)) == [.supplementaryDivisor, .supplementaryExit65to79])
            #expect(try await fixture.approve(id, as: reviewer).0 == .seeOther)
            let ledger = try await InsuranceLedger.view(of: citizen, cipher: app.jiujinban.cipher, on: app.db)
            let entitlement = try #require(ledger.entitlements.first { $0.scheme == .residentSupplementary })
            #expect(entitlement.monthlyFen == 9_500 && entitlement.accountFen == 7_500 && entitlement.exitSubsidyFen == 2_000)
            #expect(entitlement.startMonth == "2026-12" && entitlement.status == .paying)
            #expect(try await fixture.count("insurance_outbound") == 1)
        }
    }

    @Test("a figure ended and succeeded mid-year: a claim before the date is computed on the old value, after it on the new")
    func figureSucceededMidYear() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let citizen = try await claimant(fixture)
            let province = try await app.session(as: .provinceBusinessAdmin)
            try await app.expectNoticeRedirect("/policy-figures/successors", as: province, fields: [
                ("key", PolicyFigureKey.centralBasicPension.rawValue), ("county", ""), ("valid_from", "2027-07-01"), ("value", "183"),
                ("source", "人社部发〔2027〕5号"),
            ])
            let ledger = try await PensionClaimLedger.load(citizen: citizen, on: app.db)
            let book = try await PolicyFigureBook.load(on: app.db)
            let born = try #require(CalendarDate(iso: "1960-03-01"))
            func central(claimedOn: String) throws -> (Int?, PolicyFigureStatus?) {
                let result = PensionClaimComputation.basic(ledger, born: born, claimedOn: try #require(CalendarDate(iso: claimedOn)), book: book)
                let benefit = try #require(result.benefit)
                let part = benefit.parts.first { $0.name == BasicBenefit.basicPension }?.parts.first { $0.name == "中央基础养老金" }
                return (part?.amountFen, result.reading.entries.first { $0.key == .centralBasicPension }?.status)
            }
            // Claimed in May: first month June, the old row (163, 待核实); claimed in June: July, the successor (183, confirmed).
            #expect(try central(claimedOn: "2027-05-31") == (16_300, .unconfirmed))
            #expect(try central(claimedOn: "2027-06-01") == (18_300, .confirmed))
        }
    }
}
