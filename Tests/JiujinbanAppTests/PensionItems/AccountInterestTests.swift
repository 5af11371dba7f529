import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// The personal account's yearly interest (issue 23, Deliver 2): a claim brings the account forward from the
/// ledger's last closed year at each year's 记账利率 and waits while the rate is 待核实; `insurance close-year`
/// writes the county's account years. Today is 2026-11-25; the rate is seeded 待核实 without a value, and the
/// tests confirm it with a value of their own (2.50 %), as the province's business admin would with a document.
@Suite("个人账户利息: claims and the year-end close read each year's 记账利率")
struct AccountInterestTests {
    /// The province's business admin confirms the seeded 记账利率 row (2009 onwards) at 2.50 %.
    static func confirmRate(_ app: Application) async throws {
        let rate = try #require(try await PolicyFigureBook.load(on: app.db).latest(.personalAccountInterest, county: nil))
        try await app.expectNoticeRedirect("/policy-figures/confirmations", as: try await app.session(as: .provinceBusinessAdmin), fields: [
            ("row", rate.id.uuidString.lowercased()), ("confirm_value", "2.5"), ("confirm_source", "测试用文件〔2026〕1号")])
    }

    static func closeYear(_ app: Application, _ year: String, operatorID: UUID? = nil) async throws -> String {
        var account = operatorID
        if account == nil { account = try await InsuranceImportTests.admin(app).requireID() }
        let lines = LockedLines()
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: [
            "jiujinban", "close-year", "--year", year, "--county", "140830", "--operator", account!.uuidString,
        ]))
        context.application = app
        try await InsuranceCommand(output: { lines.append($0) }, progress: .silent).run(using: &context)
        return lines.all.joined(separator: "\n")
    }

    /// Every account year of the ledger: citizen|scheme|year|opening|credited|interest|closing.
    static func accountYears(_ app: Application) async throws -> [String] {
        try await (app.db as! any SQLDatabase).raw("""
            SELECT citizen_id, scheme, year, opening_fen, credited_fen, interest_fen, closing_fen FROM insurance_accounts ORDER BY citizen_id, scheme, year
            """).all().map { row in
            let numbers = try ["year", "opening_fen", "credited_fen", "interest_fen", "closing_fen"].map { String(try row.decode(column: $0, as: Int64.self)) }
            return try [row.decode(column: "citizen_id", as: UUID.self).uuidString, row.decode(column: "scheme", as: String.self)] + numbers
        }.map { $0.joined(separator: "|") }
    }

    @Test("item 35 on a ledger closed to 2023: 2024 and 2025 earn interest, approval waits for the rate and names its years; confirmed → the amount with interest")
    func claimWaitsForRate() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let reviewer = try await app.session(as: .reviewer)
            let citizen = try await fixture.person(birth: "19550301", sequence: 51)
            try await fixture.enrol(citizen, .residentBasic)
            try await fixture.entitlement(citizen, .residentBasic, monthlyFen: 20_000)
            try await fixture.enrol(citizen, .residentSupplementary)
            // 12 back-paid years (in the closed balance) and 2024–2026 paid, 560 元 each arriving on 30 June.
            try await fixture.contribute(citizen, .residentSupplementary, years: 2009...2020, kind: "补缴")
            try await fixture.contribute(citizen, .residentSupplementary, years: 2024...2026)
            try await fixture.account(citizen, .residentSupplementary, year: 2023, closingFen: 1_000_000)
            let (status, created, _) = try await fixture.accept(citizen, item: SupplementaryPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(status == .seeOther)
            let id = try #require(created)
            let waiting = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            #expect(waiting.waiting.map(\.name) == ["个人账户记账利率（2024—2025年度）"])
            let (refused, body) = try await fixture.approve(id, as: reviewer)
            #expect(refused == .conflict && body.contains("个人账户记账利率（2024—2025年度）（数值未知，待核实）"))

            try await Self.confirmRate(app)
            #expect(try await fixture.approve(id, as: reviewer).0 == .seeOther)
            // 2024: 10,000.00 × 2.50 % = 250.00, + 560.00 → 10,810.00; 2025: × 2.50 % = 270.25, + 560.00 → 11,640.25;
            // + 2026's 560.00 without interest → 12,200.25 ÷ 120 = 101.668… → 101.67; + 出口补 20 元 at 71.
            let ledger = try await InsuranceLedger.view(of: citizen, cipher: app.jiujinban.cipher, on: app.db)
            let entitlement = try #require(ledger.entitlements.first { $0.scheme == .residentSupplementary })
            #expect(entitlement.accountFen == 10_167 && entitlement.monthlyFen == 12_167)
            let stored = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            #expect(stored.waiting.isEmpty && stored.figures.contains { $0.name == "个人账户记账利率（2024—2025年度）" && $0.value == .rate(basisPoints: 250) })
            #expect(stored.notes.contains("个人账户2025年：年初10810.00元，利息270.25元，当年到账560.00元，年末11640.25元"))
            #expect(stored.notes.contains("个人账户储存额合计12200.25元"))
            let page = try await app.getPage(reviewer, "/cases/\(id.uuidString.lowercased())").1
            #expect(page.contains("个人账户记账利率（2024—2025年度）") && page.contains("年末11640.25元"))
        }
    }

    @Test("close-year 2025: refused while the rate is 待核实 (nothing written); confirmed → each account brought to 2025; again → unchanged")
    func closeYear() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let closed = try await fixture.person(birth: "19700301", sequence: 41)
            try await fixture.enrol(closed, .residentBasic)
            try await fixture.account(closed, .residentBasic, year: 2023, closingFen: 1_000_000)
            try await fixture.contribute(closed, .residentBasic, years: 2024...2026)
            let fresh = try await fixture.person(birth: "19800301", sequence: 43)
            try await fixture.enrol(fresh, .residentBasic)
            try await fixture.contribute(fresh, .residentBasic, years: 2023...2025)
            let before = try await Self.accountYears(app)

            let waiting = await PaymentRunTests.refusal { try await Self.closeYear(app, "2025") }
            #expect(waiting.contains("个人账户记账利率（2024—2025年度）（数值未知，待核实）") && waiting.contains("本次未写入任何记录"))
            #expect(try await Self.accountYears(app) == before)

            try await Self.confirmRate(app)
            let done = try await Self.closeYear(app, "2025")
            #expect(done.contains("结息账户 2 个，写入年度记录 5 条，利息合计 562.60元"))
            let years = try await Self.accountYears(app).filter { !before.contains($0) }
            let basic = InsuranceScheme.residentBasic.rawValue
            // closed: 2024 10,000.00 + 250.00 + 560.00; 2025 10,810.00 + 270.25 + 560.00 (2026's money stays out).
            // fresh: 2023 560.00 (no interest on an empty account); 2024 + 14.00 + 560.00; 2025 1,134.00 + 28.35 + 560.00.
            #expect(Set(years) == [
                "\(closed.uuidString)|\(basic)|2024|1000000|56000|25000|1081000", "\(closed.uuidString)|\(basic)|2025|1081000|56000|27025|1164025",
                "\(fresh.uuidString)|\(basic)|2023|0|56000|0|56000", "\(fresh.uuidString)|\(basic)|2024|56000|56000|1400|113400",
                "\(fresh.uuidString)|\(basic)|2025|113400|56000|2835|172235",
            ])
            #expect(try await PaymentRunTests.auditResults("insurance.accounts.close", app) == ["success"])
            // Item 33's page shows the year with its interest.
            let page = try await app.getPage(fixture.village, "/insurance/contributions/\(fresh.uuidString.lowercased())").1
            #expect(page.contains("28.35") && page.contains("1722.35"))

            // A back payment for 2024 recorded after the close as arrived on 2025-12-28: not lost, credited in 2026.
            try await (app.db as! any SQLDatabase).raw("""
                INSERT INTO insurance_contributions (citizen_id, scheme, year, kind, grade_yuan, personal_fen, subsidy_fen, collective_fen,
                    arrived, arrived_on, updated_at_ms)
                VALUES (\(bind: fresh), \(bind: basic), 2022, '补缴', 500, 50000, 0, 0, 1, '2025-12-28', 0)
                """).run()
            var reading = FigureReading(book: try await PolicyFigureBook.load(on: app.db), on: CalendarDate(iso: "2026-12-01")!, county: nil)
            let account = try await PensionClaimLedger.load(citizen: fresh, on: app.db)
                .account(.residentBasic, claimedOn: CalendarDate(iso: "2026-11-25")!, reading: &reading)
            #expect(account.fen == 172_235 + 50_000)
            #expect(account.notes.contains("个人账户：结息后才记为到账的以前年度缴费500.00元，记入2026年"))

            let again = try await Self.closeYear(app, "2025")
            #expect(again.contains("结息账户 0 个") && again.contains("已结息未改动 2 个") && again.contains("本次未写入任何记录"))
            #expect(try await Self.accountYears(app).count == before.count + 5)
        }
    }

    @Test("close-year refuses the running year, a year that is not a number, and an operator who is not the county's business admin (audited)")
    func closeYearRefusals() async throws {
        try await TestApp.run { app in
            #expect(await PaymentRunTests.refusal { try await Self.closeYear(app, "2026") }
                    == "--year：只能对已结束的年度结息（今天是2026-11-25，最近可结息的年度是2025年）")
            #expect(await PaymentRunTests.refusal { try await Self.closeYear(app, "二〇二五") } == "请用 --year 指定结息的年度（四位数字，如 2025）")
            let clerk = try #require(try await AccountRecord.query(on: app.db).filter(\.$post == Post.operator.rawValue).first())
            #expect(await PaymentRunTests.refusal { try await Self.closeYear(app, "2025", operatorID: try clerk.requireID()) }
                    == "--operator：只有业务管理员可以个人账户结息")
            #expect(try await PaymentRunTests.auditResults("insurance.accounts.close", app) == ["denied"])
        }
    }
}
