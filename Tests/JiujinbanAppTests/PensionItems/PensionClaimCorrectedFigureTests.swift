import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// A claim computed on a 待核实 figure that a business admin then corrects (更正并确认): the case keeps the row it
/// used and shows it 已更正 with its correction, no longer waits for it, and approval computes on the correction.
/// Today is 2026-11-25: the claim's first month is 2026-12.
@Suite("待遇申领 (item 34): a computation made before its figure was corrected")
struct PensionClaimCorrectedFigureTests {
    static let ruicheng = try! DivisionCode.county("140830")

    @Test("the case page and receipt show the row used as 已更正 (struck, with the correction); approval reads the correction")
    func claimAfterCorrection() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let reviewer = try await app.session(as: .reviewer)
            let province = try await app.session(as: .provinceBusinessAdmin)
            // 66 years old, 16 years in the basic scheme (2010–2025), a 10,000 元 account.
            let citizen = try await fixture.person(birth: "19600301")
            try await fixture.enrol(citizen, .residentBasic)
            try await fixture.contribute(citizen, .residentBasic, years: 2010...2025)
            try await fixture.account(citizen, .residentBasic, year: 2025, closingFen: 1_000_000)
            let (status, created, _) = try await fixture.accept(citizen, item: BasicPensionClaimItem.seq, PensionLedgerFixture.newAccount)
            #expect(status == .seeOther)
            let id = try #require(created)
            let used = try #require(try await CaseComputations.load(caseID: id, on: app.db)?.figures.first { $0.key == .centralBasicPension })
            #expect(used.value == .amount(fen: 16_300) && used.isWaiting && used.correction == nil)
            let row = try #require(used.rowID)

            try await app.expectNoticeRedirect("/policy-figures/corrections", as: province, fields: [
                ("row", row.uuidString.lowercased()), ("correct_value", "173"), ("correct_source", "人社部发〔2026〕2号"),
            ])
            let stored = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            let entry = try #require(stored.figures.first { $0.key == .centralBasicPension })
            #expect(entry.rowID == row && entry.value == .amount(fen: 16_300) && entry.status == .unconfirmed)
            #expect(entry.correction?.value == .amount(fen: 17_300) && entry.correction?.source == "人社部发〔2026〕2号")
            #expect(entry.correction?.on == CalendarDate(app.jiujinban.clock.now()))
            #expect(!stored.waiting.contains { $0.key == .centralBasicPension } && stored.corrected.map(\.key) == [.centralBasicPension])
            #expect(stored.totalFen == 16_300 + 100 + 7_194, "the stored amount stays as computed")
            for path in ["/cases/\(id.uuidString.lowercased())", "/cases/\(id.uuidString.lowercased())/receipt"] {
                let page = try await app.getPage(path.hasSuffix("receipt") ? fixture.village : reviewer, path)
                #expect(page.0 == .ok, "\(path)")
                #expect(page.1.contains("本计算所用的原取值已标为“已更正”") && page.1.contains("中央基础养老金最低标准（163元，已更正为173元）"), "\(path)")
                #expect(page.1.contains("<del>163元</del>") && page.1.contains("<strong>已更正</strong>"), "\(path)")
                #expect(page.1.contains("更正为173元，依据人社部发〔2026〕2号"), "\(path)")
                #expect(!page.1.contains("中央基础养老金最低标准（163元，待核实）"), "\(path)")
            }

            // The other figures confirmed as they stand (the provincial and county parts with values), approval
            // computes again and reads the correction: 173 + 20 + 5 + 1 + 71.94 = 270.94.
            let book = try await PolicyFigureBook.load(on: app.db)
            let county = try await app.session(as: .countyBusinessAdmin)
            for (key, session, value) in [(PolicyFigureKey.provincialBasicPension, province, "20"), (.extraPerYearBeyond15, province, ""),
                                          (.residentDivisor, province, ""), (.countyBasicPension, county, "5")] {
                let pending = try #require(book.latest(key, county: key.definition.scope == .county ? Self.ruicheng : nil))
                try await app.expectNoticeRedirect("/policy-figures/confirmations", as: session, fields: [
                    ("row", pending.id.uuidString.lowercased()), ("confirm_value", value), ("confirm_source", "晋人社发〔2026〕7号"),
                ])
            }
            #expect(try await fixture.approve(id, as: reviewer).0 == .seeOther)
            let approved = try #require(try await CaseComputations.load(caseID: id, on: app.db))
            #expect(approved.totalFen == 17_300 + 2_000 + 500 + 100 + 7_194 && approved.waiting.isEmpty && approved.corrected.isEmpty)
            let central = try #require(approved.figures.first { $0.key == .centralBasicPension })
            #expect(central.rowID == entry.correction?.rowID && central.status == .confirmed)
        }
    }
}
