import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// 补发: a month owed since the county's first batch and never paid is paid with the next batch, each month its own
/// line and payment record (`PaymentBatch.unpaidMonths`).
@Suite("payments run: months owed since the county's first batch are paid with the next one")
struct PaymentBackPayTests {
    @Test("钱乙, suspended in November's batch and resumed, is paid November and December in December's; 赵甲, paid, only December")
    func resumedBackPay() async throws {
        try await TestApp.run { app in
            try await PaymentRunTests.ledger(app)
            let directory = try PaymentRunTests.folder()
            defer { try? FileManager.default.removeItem(at: directory) }
            // November: 甲's two pensions; 乙 suspended, so not paid.
            _ = try await PaymentRunTests.run(app, out: directory.appendingPathComponent("november.csv"))
            #expect(try await PaymentRunTests.payments("2026-11", app).count == 2)
            // 乙 resumed from December (item 37's resumption leaves the entitlement 正常 and owes the months suspended).
            let resumed = PaymentRunTests.entitlements().replacingOccurrences(of: "暂停,2023-05-01,失踪", with: "正常,2026-11-01,")
            try await InsuranceImportTests.importFile(app, kind: .entitlements, csv: resumed)

            let out = directory.appendingPathComponent("december.csv")
            let summary = try await PaymentRunTests.run(app, month: "2026-12", out: out)
            // 甲 200 + 35, 乙 180 for November and 180 for December, 丙 190 from December: 5 lines, 785.00 元.
            #expect(summary.hasPrefix("已生成2026年12月发放批次140830-202612：5 笔，合计 785.00 元"), "\(summary)")
            #expect(summary.contains("含补发以前月份 1 笔（1 人），合计 180.00 元"))
            #expect(try await PaymentRunTests.payments("2026-11", app).map { $0.split(separator: "|").prefix(2).joined(separator: "|") }.sorted()
                    == ["resident_basic|18000", "resident_basic|20000", "resident_supplementary|3500"])
            #expect(try await PaymentRunTests.payments("2026-11", app).contains("resident_basic|18000|待回盘||140830-202612|3"))
            let file = try String(contentsOf: out, encoding: .utf8)
            #expect(file.contains(",\(PaymentRunTests.yi),钱乙,芮城农商银行,6228480099990000,18000,resident_basic,2026-11,140830000000\n"))
            #expect(file.contains(",\(PaymentRunTests.yi),钱乙,芮城农商银行,6228480099990000,18000,resident_basic,2026-12,140830000000\n"))
            // 丁 (from October, no account) is still left out; October, before the county's first batch, is never owed.
            #expect(summary.contains("无发放账户（既无申领时登记的发放账户，也无发放记录） 1 笔"))
        }
    }

    @Test("rules: owed months before the start or from the batch's month on are ignored; each owed month is a line before the month's")
    func rules() {
        let month = PensionMonth("2026-12")!
        let entitlement = PaymentBatch.Entitlement(
            person: "甲", scheme: InsuranceScheme.residentBasic.rawValue, startMonth: "2026-10", status: EntitlementStatus.paying.rawValue,
            monthlyFen: 18_000, bank: "芮城农商银行", account: "6228480099990000", alreadyRecorded: false,
            unpaidMonths: ["2026-09", "2026-10", "2026-11", "2026-12", "2026-11"].compactMap(PensionMonth.init))
        let plan = PaymentBatch.plan([entitlement], month: month)
        #expect(plan.lines.map(\.month.description) == ["2026-10", "2026-11", "2026-12"])
        #expect(plan.lines.map(\.isBackPay) == [true, true, false] && plan.lines.map(\.seq) == [1, 2, 3])
        #expect(plan.backPayLines == 2 && plan.backPayPeople == 1 && plan.monthLines == 1 && plan.totalFen == 54_000)
        // Not paying now: nothing owed is paid either.
        let suspended = PaymentBatch.Entitlement(
            person: "乙", scheme: InsuranceScheme.residentBasic.rawValue, startMonth: "2026-10", status: EntitlementStatus.suspended.rawValue,
            monthlyFen: 18_000, bank: "芮城农商银行", account: "6228480099990000", alreadyRecorded: false,
            unpaidMonths: [PensionMonth("2026-11")!])
        #expect(PaymentBatch.plan([suspended], month: month).lines.isEmpty)
    }
}
