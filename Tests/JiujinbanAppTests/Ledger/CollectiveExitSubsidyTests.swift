import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23: the 集体出口补 is a part of its own (M0063) on the ledger's page and in the outbound record, and a
/// change recorded before the column existed is still undone on the core system's rejection.
@Suite("ledger: 集体出口补 as its own column")
struct CollectiveExitSubsidyTests {
    @Test("the payment records page shows the 集体出口补 as a line of its own beside the 出口补")
    func pageShowsCollectivePart() async throws {
        try await TestApp.run { app in
            let fixture = PensionLedgerFixture(app: app, village: try await app.session(as: .villageOperator))
            let citizen = try await fixture.person(birth: "19460412")
            try await fixture.entitlement(citizen, .residentSupplementary, monthlyFen: 4_500)
            try await (app.db as! any SQLDatabase).raw("""
                UPDATE insurance_entitlements SET basic_central_fen = 0, account_fen = 1500, exit_subsidy_fen = 2000, collective_exit_fen = 1000
                WHERE citizen_id = \(bind: citizen)
                """).run()
            let (status, page) = try await app.getPage(fixture.village, "/insurance/payments/\(citizen.uuidString.lowercased())")
            #expect(status == .ok)
            // Born 1946-04-12 and 80 since April 2026: this month's 出口补 is the 80+ band's 30 元 (the month's amount, as
            // the payment run pays it); the 集体出口补 is never re-rated.
            #expect(page.contains("<td>出口补</td><td class=\"number\">30.00元</td>"))
            #expect(page.contains("<td>集体出口补</td><td class=\"number\">10.00元</td>"))
            #expect(page.contains("<strong>55.00元</strong>") && page.contains("核定时月待遇为45.00元"))
        }
    }

    @Test("an entitlement change goes out with its 集体出口补 in the outbound file's own column")
    func outboundColumn() {
        let after: [String: LedgerCell] = ["county_code": .text("140830000000"), "start_month": .text("2022-01"), "monthly_fen": .number(4_500),
                                           "account_fen": .number(1_500), "exit_subsidy_fen": .number(2_000),
                                           "collective_exit_fen": .number(1_000)]
        let images = LedgerImages(rows: [.init(table: "insurance_entitlements", citizen: UUID(), key: ["scheme": .text("resident_supplementary")],
                                               before: nil, after: after)])
        let cells = images.exchangeRows[0]
        #expect(cells["exit_subsidy"] == "20.00" && cells["collective_exit"] == "10.00")
        let line = OutboundFile.line(cells)
        #expect(line[OutboundFile.header.firstIndex(of: "collective_exit")!] == "10.00")
    }

    @Test("a change recorded before M0063 (its image has no 集体出口补 cell) is still undone on a rejection")
    func reverseImageWithoutTheColumn() async throws {
        try await TestApp.run { app in
            let entitlements = PaymentRunTests.person + ",county,start_month,monthly,account_part,exit_subsidy,collective_exit,status,status_date\n"
                + "1,\(PaymentReratingTests.wu),周戊,\(PaymentRunTests.village),resident_supplementary,140830000000,2022-01,45.00,15.00,20.00,10.00,"
                + "正常,2022-01-01\n"
            try await InsuranceImportTests.importFile(app, kind: .entitlements, csv: entitlements)
            let sql = app.db as! any SQLDatabase
            let citizen = try #require(try await sql.raw("""
                SELECT citizen_id FROM insurance_entitlements WHERE scheme = 'resident_supplementary' AND collective_exit_fen = 1000
                """).first()).decode(column: "citizen_id", as: UUID.self)
            let access = LedgerRowAccess(sql: sql)
            let key: [String: LedgerCell] = ["scheme": .text("resident_supplementary")]
            var after = try #require(try await access.read("insurance_entitlements", citizen: citizen, key: key))
            after["collective_exit_fen"] = nil
            var before = after
            before["status"] = .text("暂停")
            before["status_reason"] = .text("失踪")
            let images = LedgerImages(rows: [.init(table: "insurance_entitlements", citizen: citizen, key: key, before: before, after: after)])
            var later = after
            later["updated_at_ms"] = .number(1)
            let changedSince = LedgerImages(rows: [.init(table: "insurance_entitlements", citizen: citizen, key: key, before: before, after: later)])
            // A row changed since is not undone: here no outbound record left it as it is, the core import did, so the
            // rejection is recorded without undoing it (`settledSince`, for manual reconciliation).
            #expect(try await LedgerChanges.reverse(changedSince, on: app.db) == .settledSince(table: "insurance_entitlements", by: .imported),
                    "a row changed since is not undone")

            let problem = try await LedgerChanges.reverse(images, on: app.db)
            #expect(problem == nil)
            let restored = try await access.read("insurance_entitlements", citizen: citizen, key: key)
            #expect(restored?["status"] == .text("暂停") && restored?["collective_exit_fen"] == .number(1_000))
        }
    }
}
