import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23: `payments run` re-rates an entitlement by the figure rows it was awarded under, and keeps its 集体出口补.
@Suite("payments: re-rated by the figures awarded under; 集体出口补 kept as awarded")
struct AwardedFiguresTests {
    static let (jia, bing, ding, wu) = (PaymentRunTests.jia, PaymentRunTests.bing, PaymentRunTests.ding, PaymentReratingTests.wu)

    /// The seeded rows' ids: central 143 元 (from 2025-01-01), central 163 元 (from 2026-01-01, 待核实), 出口补 at 65–79.
    static func seededIDs(_ app: Application) async throws -> (central143: String, central163: String, exit65: String) {
        let book = try await PolicyFigureBook.load(on: app.db)
        func id(_ key: PolicyFigureKey, from iso: String) throws -> String {
            try #require(book.rows.first { $0.key == key && $0.validFrom.iso == iso }).id.uuidString.lowercased()
        }
        return (try id(.centralBasicPension, from: "2025-01-01"), try id(.centralBasicPension, from: "2026-01-01"),
                try id(.supplementaryExit65to79, from: "2021-01-01"))
    }

    /// 甲 from 2025-03 and 丙 from 2026-02, both under the 143 元 row (丙's award predates the 2026 row, which was
    /// dated back to 2026-01-01); 丁 from 2026-02 under the 163 元 row; 戊 (80 on 2026-11-20) the supplementary pension
    /// from 2022-01: account 15 元 + 出口补 20 元 + 集体出口补 10 元. Each was paid in 2026-10.
    static func ledger(_ app: Application) async throws {
        let sql = app.db as! any SQLDatabase
        for table in ["insurance_payments", "insurance_entitlement_statuses", "insurance_entitlements"] {
            try await sql.raw("DELETE FROM \(ident: table)").run()
        }
        let ids = try await seededIDs(app)
        let village = PaymentRunTests.village
        let entitlements = PaymentRunTests.person
            + ",county,start_month,monthly,basic_central,account_part,exit_subsidy,collective_exit,figure_ids,status,status_date\n"
            + "1,\(jia),赵甲,\(village),resident_basic,140830000000,2025-03,200.00,143.00,57.00,,,\(ids.central143),正常,2025-03-01\n"
            + "1,\(bing),孙丙,\(village),resident_basic,140830000000,2026-02,200.00,143.00,57.00,,,\(ids.central143),正常,2026-02-01\n"
            + "1,\(ding),李丁,\(village),resident_basic,140830000000,2026-02,220.00,163.00,57.00,,,\(ids.central163),正常,2026-02-01\n"
            + "1,\(wu),周戊,\(village),resident_supplementary,140830000000,2022-01,45.00,,15.00,20.00,10.00,\(ids.exit65),正常,2022-01-01\n"
        try await InsuranceImportTests.importFile(app, kind: .entitlements, csv: entitlements)
        let payment = { (id: String, name: String, scheme: String, amount: String, account: String) in
            "1,\(id),\(name),\(village),\(scheme),140830000000,2026-10,\(amount),芮城农商银行,\(account),成功,\n"
        }
        let payments = PaymentRunTests.person + ",county,month,amount,bank,account,result,failure_reason\n"
            + payment(jia, "赵甲", "resident_basic", "200.00", "6228480012345678")
            + payment(bing, "孙丙", "resident_basic", "200.00", "6228480011112222")
            + payment(ding, "李丁", "resident_basic", "220.00", "6228480033334444")
            + payment(wu, "周戊", "resident_supplementary", "45.00", "6228480055556666")
        try await InsuranceImportTests.importFile(app, kind: .payments, csv: payments)
    }

    static func amounts(_ month: String, _ app: Application) async throws -> [String] {
        try await PaymentRunTests.payments(month, app).map { String($0.split(separator: "|")[1]) }.sorted()
    }

    @Test("2026-11 pays as awarded while the 163 元 row waits (甲 and 丙 named); once confirmed, 2026-12 re-rates 甲 and 丙 but not 丁, and 戊's 集体出口补 stays beside the 30 元 出口补")
    func rerateByAwardedRows() async throws {
        try await TestApp.run { app in
            try await Self.ledger(app)
            let directory = try PaymentRunTests.folder()
            defer { try? FileManager.default.removeItem(at: directory) }
            let stored = try await (app.db as! any SQLDatabase).raw("""
                SELECT exit_subsidy_fen, collective_exit_fen FROM insurance_entitlements WHERE scheme = 'resident_supplementary'
                """).first()
            #expect(try stored?.decode(column: "exit_subsidy_fen", as: Int64.self) == 2_000)
            #expect(try stored?.decode(column: "collective_exit_fen", as: Int64.self) == 1_000)

            let november = try await PaymentRunTests.run(app, month: "2026-11", out: directory.appendingPathComponent("november.csv"))
            #expect(november.contains("：4 笔，合计 665.00 元，"))
            #expect(november.hasSuffix("；2 笔因政策参数“中央基础养老金最低标准”待核实仍按原待遇发放，业务管理员确认后按新标准发放"))
            #expect(try await Self.amounts("2026-11", app) == ["20000", "20000", "22000", "4500"])

            try await (app.db as! any SQLDatabase).raw("""
                UPDATE policy_figures SET status = 'confirmed'
                WHERE key = \(bind: PolicyFigureKey.centralBasicPension.rawValue) AND valid_from = '2026-01-01'
                """).run()
            let december = try await PaymentRunTests.run(app, month: "2026-12", out: directory.appendingPathComponent("december.csv"))
            #expect(december.contains("：4 笔，合计 715.00 元，"))
            #expect(december.hasSuffix("；按现行政策参数调整待遇 3 笔，合计增加 50.00 元"))
            #expect(try await Self.amounts("2026-12", app) == ["22000", "22000", "22000", "5500"])
        }
    }
}
