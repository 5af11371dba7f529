import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Items 34 and 35: the claim's form shows, before anything is written, what accepting it today would give — the
/// refusals with the years missing, or the monthly amount with its parts and the figures used, 待核实 named — by the
/// computation acceptance runs. Showing it reads the person's ledger, so each showing is audited; it writes nothing
/// else. Today is 2026-11-25: a claim's first month is 2026-12.
@Suite("待遇申领 (items 34, 35): the amount or the refusals on the form, before submitting")
struct PensionClaimPreviewTests {
    static func form(_ app: Application, _ fixture: PensionLedgerFixture, _ citizen: UUID, item: Int) async throws -> (HTTPStatus, String) {
        try await app.getPage(fixture.village, "/cases/new?citizen=\(citizen.uuidString.lowercased())&item=\(item)")
    }

    @Test("item 34: the form shows the monthly amount with its parts and the 待核实 figures, the same as acceptance then keeps; nothing written but the audit")
    func basicAmount() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let citizen = try await PensionClaimItemsTests().claimant(fixture)
            let (status, page) = try await Self.form(app, fixture, citizen, item: BasicPensionClaimItem.seq)
            #expect(status == .ok)
            #expect(page.contains("受理前测算：城乡居民基本养老保险月养老金核定") && page.contains("按今日（2026-11-25）申领") && page.contains("自2026年12月起发放"))
            // 163 + 0 + 0 + 1 × 1 year beyond 15 + 10,000 ÷ 139 (71.94) = 235.94, the figures still 待核实.
            #expect(page.contains("个人账户10000.00元 ÷ 139") && page.contains("235.94元"))
            #expect(page.contains("以下政策参数待业务管理员核实") && page.contains("中央基础养老金最低标准（163元，待核实）"))
            #expect(page.contains("name=\"documents_checked\""), "the form is still there to accept")
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            #expect(try await fixture.count("case_computations") == 0)
            #expect(try await auditedObjects("case.preview", on: app)
                    == [AuditedObject(citizen.uuidString.lowercased(), "第\(BasicPensionClaimItem.seq)项“城乡居民基本养老保险待遇申领”受理前测算")])

            // Accepted: the case keeps the amount the form showed.
            let (accepted, created, _) = try await fixture.accept(citizen, item: BasicPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(accepted == .seeOther)
            #expect(try await CaseComputations.load(caseID: try #require(created), on: app.db)?.totalFen == 23_594)
        }
    }

    @Test("item 34: the refusals the form would meet, each named (under 60; how many years are missing), before submitting")
    func basicRefusals() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let young = try await fixture.person(birth: "19700301", sequence: 41)
            try await fixture.enrol(young, .residentBasic)
            try await fixture.contribute(young, .residentBasic, years: 2010...2025)
            let short = try await fixture.person(birth: "19650301", sequence: 43)
            try await fixture.enrol(short, .residentBasic)
            try await fixture.contribute(short, .residentBasic, years: 2014...2025)
            let county = try await app.session(as: .countyBusinessAdmin)
            let start = try #require(try await PolicyFigureBook.load(on: app.db).latest(.ruralPensionStart, county: PensionClaimItemsTests.ruicheng))
            try await app.expectNoticeRedirect("/policy-figures/confirmations", as: county, fields: [
                ("row", start.id.uuidString.lowercased()), ("confirm_value", "2010-07-01"), ("confirm_source", "芮政发〔2010〕12号"),
            ])
            let tooYoung = try await Self.form(app, fixture, young, item: BasicPensionClaimItem.seq)
            #expect(tooYoung.0 == .ok && tooYoung.1.contains("受理前测算：申领条件") && tooYoung.1.contains("尚不符合申领条件"))
            #expect(tooYoung.1.contains("依据参保台账现有记录核对申领条件") && !tooYoung.1.contains("起发放"))
            #expect(tooYoung.1.contains("未达基本险领取年龄60周岁，2030-03-01起方可申领") && !tooYoung.1.contains("所用政策参数"))
            let missing = try await Self.form(app, fixture, short, item: BasicPensionClaimItem.seq)
            #expect(missing.1.contains("应缴15年，已缴12年，还差3年"))
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            #expect(try await fixture.count("case_computations") == 0)
        }
    }

    @Test("item 35: the refusal before the basic claim, then account ÷ 120 + 出口补; other items' forms compute nothing and audit nothing")
    func supplementary() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let citizen = try await fixture.person(birth: "19550301", sequence: 51)
            try await fixture.enrol(citizen, .residentBasic)
            try await fixture.contribute(citizen, .residentBasic, years: 2010...2015)
            try await fixture.enrol(citizen, .residentSupplementary)
            try await fixture.contribute(citizen, .residentSupplementary, years: 2006...2020, kind: "补缴")
            try await fixture.account(citizen, .residentSupplementary, year: 2025, closingFen: 900_000)
            let before = try await Self.form(app, fixture, citizen, item: SupplementaryPensionClaimItem.seq)
            #expect(before.1.contains("须先申领基本养老保险待遇，再申领补充养老保险待遇"))
            try await fixture.entitlement(citizen, .residentBasic, monthlyFen: 20_000)
            let after = try await Self.form(app, fixture, citizen, item: SupplementaryPensionClaimItem.seq)
            // 9,000 ÷ 120 = 75.00, + 20 元 at 71 (65–79); both figures confirmed in the seed.
            #expect(after.1.contains("受理前测算：城乡居民补充养老保险月养老金核定") && after.1.contains("95.00元"))
            #expect(!after.1.contains("以下政策参数待业务管理员核实"))
            #expect(try await auditedObjects("case.preview", on: app).count == 2)

            let other = try await Self.form(app, fixture, citizen, item: ContributionSuspensionItem.seq)
            #expect(other.0 == .ok && !other.1.contains("受理前测算"))
            #expect(try await auditedObjects("case.preview", on: app).count == 2)
        }
    }
}
