import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23: `payments run` pays the month's amount under the dated figures, not the stored one for ever.
@Suite("payments: the month's amount follows the dated figures")
struct PaymentReratingTests {
    /// 甲 draws the basic pension from 2025-03 (central 143 元 + account 57 元); 戊, born 1946-11-20, the supplementary
    /// pension from 2022-01 (account 15 元 + 出口补 20 元) and turns 80 in 2026-11.
    static let (jia, wu) = (PaymentRunTests.jia, "140830194611201014")

    static func ledger(_ app: Application) async throws {
        let sql = app.db as! any SQLDatabase
        for table in ["insurance_payments", "insurance_entitlement_statuses", "insurance_entitlements"] {
            try await sql.raw("DELETE FROM \(ident: table)").run()
        }
        let village = PaymentRunTests.village
        let entitlements = PaymentRunTests.person + ",county,start_month,monthly,basic_central,account_part,exit_subsidy,status,status_date\n"
            + "1,\(jia),赵甲,\(village),resident_basic,140830000000,2025-03,200.00,143.00,57.00,,正常,2025-03-01\n"
            + "1,\(wu),周戊,\(village),resident_supplementary,140830000000,2022-01,35.00,,15.00,20.00,正常,2022-01-01\n"
        try await InsuranceImportTests.importFile(app, kind: .entitlements, csv: entitlements)
        let payments = PaymentRunTests.person + ",county,month,amount,bank,account,result,failure_reason\n"
            + "1,\(jia),赵甲,\(village),resident_basic,140830000000,2026-10,200.00,芮城农商银行,6228480012345678,成功,\n"
            + "1,\(wu),周戊,\(village),resident_supplementary,140830000000,2026-10,35.00,芮城农商银行,6228480055556666,成功,\n"
        try await InsuranceImportTests.importFile(app, kind: .payments, csv: payments)
    }

    @Test("the seeded central raise from 2026-01 is 待核实: 2026-11 pays as awarded and names it; once confirmed, 2026-12 pays it, and 戊's 出口补 is 30 元")
    func raiseAndEightieth() async throws {
        try await TestApp.run { app in
            try await Self.ledger(app)
            let directory = try PaymentRunTests.folder()
            defer { try? FileManager.default.removeItem(at: directory) }

            let november = try await PaymentRunTests.run(app, month: "2026-11", out: directory.appendingPathComponent("november.csv"))
            #expect(november.contains("：2 笔，合计 235.00 元，"))
            #expect(november.hasSuffix("；1 笔因政策参数“中央基础养老金最低标准”待核实仍按原待遇发放，业务管理员确认后按新标准发放"))
            #expect(try await PaymentRunTests.payments("2026-11", app).map { $0.split(separator: "|")[1] }.sorted() == ["20000", "3500"])

            // Item 36's page this month (2026-11): the composition as the run pays it, the waiting figure named.
            let village = try await app.session(as: .villageOperator)
            let jia = try #require(try await InsuranceImportTests.citizen(Self.jia, app)).requireID().uuidString.lowercased()
            let waiting = try await app.getPage(village, "/insurance/payments/\(jia)").1
            #expect(waiting.contains("<td>中央基础养老金</td><td class=\"number\">143.00元</td>") && waiting.contains("<strong>200.00元</strong>"))
            #expect(waiting.contains("政策参数“中央基础养老金最低标准”的新标准待核实，本月暂按原标准计发"))

            let sql = app.db as! any SQLDatabase
            try await sql.raw("""
                UPDATE policy_figures SET status = 'confirmed'
                WHERE key = \(bind: PolicyFigureKey.centralBasicPension.rawValue) AND valid_from = '2026-01-01'
                """).run()
            let book = try await PolicyFigureBook.load(on: app.db)
            #expect(book.resolve(.centralBasicPension, on: CalendarDate(iso: "2026-12-01")!).isConfirmed)

            // Confirmed: the page shows the raised part and total, and what was awarded.
            let raised = try await app.getPage(village, "/insurance/payments/\(jia)").1
            #expect(raised.contains("<td>中央基础养老金</td><td class=\"number\">163.00元</td>") && raised.contains("<strong>220.00元</strong>"))
            #expect(raised.contains("按本月执行的政策参数计算；核定时月待遇为200.00元。") && !raised.contains("新标准待核实"))

            let out = directory.appendingPathComponent("december.csv")
            let december = try await PaymentRunTests.run(app, month: "2026-12", out: out)
            #expect(december.contains("：2 笔，合计 265.00 元，"))
            #expect(december.hasSuffix("；按现行政策参数调整待遇 2 笔，合计增加 30.00 元"))
            #expect(try await PaymentRunTests.payments("2026-12", app).map { $0.split(separator: "|")[1] }.sorted() == ["22000", "4500"])
            let amounts = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",", omittingEmptySubsequences: false)[7] }.sorted()
            #expect(amounts == ["22000", "4500"])
            let audited = try await PaymentRunTests.auditResults("insurance.payments.run", app)
            #expect(audited.count == 2)
        }
    }
}
