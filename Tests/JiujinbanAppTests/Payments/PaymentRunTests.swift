import ConsoleKit
import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23, deliverable 3's end: `jiujinban payments run` and `payments import-return` on both databases.
@Suite("payments: the month's batch from the ledger's entitlements, the bank's file and its return")
struct PaymentRunTests {
    static let person = InsuranceImportTests.person
    static let village = "140830100204"
    /// 甲 draws both pensions, 乙 is suspended, 丙 starts next month, 丁 has never been paid (no account).
    static let (jia, yi, bing, ding) = ("140830195003151011", "140830195206101022", "140830195508201037", "140830196001052049")

    static func entitlements() -> String {
        let header = person + ",county,start_month,monthly,status,status_date,status_reason\n"
        let row = { (id: String, name: String, scheme: String, start: String, monthly: String, status: String, reason: String) in
            // A status dated no later than the test's day (2026-11-25), even for an entitlement starting later.
            "1,\(id),\(name),\(village),\(scheme),140830000000,\(start),\(monthly),\(status),\(min(start, "2026-11"))-01,\(reason)\n"
        }
        return header + row(jia, "赵甲", "resident_basic", "2024-01", "200.00", "正常", "")
            + row(jia, "赵甲", "resident_supplementary", "2024-01", "35.00", "正常", "")
            + row(yi, "钱乙", "resident_basic", "2023-05", "180.00", "暂停", "失踪")
            + row(bing, "孙丙", "resident_basic", "2026-12", "190.00", "正常", "")
            + row(ding, "李丁", "resident_basic", "2026-10", "170.00", "正常", "")
    }

    static func payments() -> String {
        let header = person + ",county,month,amount,bank,account,result,failure_reason\n"
        let row = { (id: String, name: String, scheme: String, amount: String, account: String) in
            "1,\(id),\(name),\(village),\(scheme),140830000000,2026-10,\(amount),芮城农商银行,\(account),成功,\n"
        }
        return header + row(jia, "赵甲", "resident_basic", "200.00", "6228480012345678")
            + row(jia, "赵甲", "resident_supplementary", "35.00", "6228480012345678")
            + row(yi, "钱乙", "resident_basic", "180.00", "6228480099990000")
            + row(bing, "孙丙", "resident_basic", "0.00", "6228480011112222")
    }

    static func ledger(_ app: Application) async throws {
        // The demonstration ledger's beneficiaries would be paid by the same run: the county's ledger is the test's own.
        let sql = app.db as! any SQLDatabase
        for table in ["insurance_payments", "insurance_entitlement_statuses", "insurance_entitlements"] {
            try await sql.raw("DELETE FROM \(ident: table)").run()
        }
        try await InsuranceImportTests.importFile(app, kind: .entitlements, csv: entitlements())
        try await InsuranceImportTests.importFile(app, kind: .payments, csv: payments())
    }

    static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("payments-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @discardableResult
    static func command(_ app: Application, _ arguments: [String]) async throws -> String {
        let lines = LockedLines()
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["jiujinban"] + arguments))
        context.application = app
        try await PaymentsCommand(output: { lines.append($0) }).run(using: &context)
        return lines.all.joined(separator: "\n")
    }

    static func run(_ app: Application, month: String = "2026-11", out: URL, operatorID: UUID? = nil) async throws -> String {
        var account = operatorID
        if account == nil { account = try await InsuranceImportTests.admin(app).requireID() }
        let chosen = account!
        return try await command(app, ["run", "--month", month, "--county", "140830", "--operator", chosen.uuidString, "--out", out.path])
    }

    static func refusal(_ body: () async throws -> String) async -> String {
        do {
            let answer = try await body()
            Issue.record("not refused: \(answer)")
            return ""
        } catch let error as PublicError {
            return error.reason
        } catch {
            Issue.record("unexpected \(error)")
            return ""
        }
    }

    static func auditResults(_ action: String, _ app: Application) async throws -> [String] {
        try await (app.db as! any SQLDatabase).raw("SELECT result FROM audit_log WHERE action = \(bind: action) ORDER BY seq").all()
            .map { try $0.decode(column: "result", as: String.self) }
    }

    static func payments(_ month: String, _ app: Application) async throws -> [String] {
        try await (app.db as! any SQLDatabase).raw("""
            SELECT scheme, amount_fen, result, failure_reason, batch_id, batch_seq FROM insurance_payments WHERE month = \(bind: month)
            ORDER BY batch_seq
            """).all().map { row in
            [try row.decode(column: "scheme", as: String.self), String(try row.decode(column: "amount_fen", as: Int64.self)),
             try row.decode(column: "result", as: String.self), try row.decode(column: "failure_reason", as: String?.self) ?? "",
             try row.decode(column: "batch_id", as: String?.self) ?? "", (try row.decode(column: "batch_seq", as: Int64?.self)).map(String.init) ?? ""]
                .joined(separator: "|")
        }
    }

    @Test("the run pays the paying entitlements that have started, from their amounts; the bank file lists them in full; a second run changes nothing")
    func runFromEntitlements() async throws {
        try await TestApp.run { app in
            try await Self.ledger(app)
            let directory = try Self.folder()
            defer { try? FileManager.default.removeItem(at: directory) }
            let out = directory.appendingPathComponent("batch.csv")
            let summary = try await Self.run(app, out: out)
            #expect(summary.hasPrefix("已生成2026年11月发放批次140830-202611：2 笔，合计 235.00 元，银行文件 batch.csv"))
            #expect(summary.hasSuffix("未发放：待遇尚未开始 1 笔，待遇暂停或终止 1 笔，无发放账户（既无申领时登记的发放账户，也无发放记录） 1 笔"))
            #expect(try await Self.payments("2026-11", app) == ["resident_basic|20000|待回盘||140830-202611|1",
                                                                  "resident_supplementary|3500|待回盘||140830-202611|2"])
            let file = try String(contentsOf: out, encoding: .utf8)
            #expect(file == "format_version,batch_id,seq,id_number,name,bank,account,amount_fen,scheme,month,county\n"
                    + "1,140830-202611,1,\(Self.jia),赵甲,芮城农商银行,6228480012345678,20000,resident_basic,2026-11,140830000000\n"
                    + "1,140830-202611,2,\(Self.jia),赵甲,芮城农商银行,6228480012345678,3500,resident_supplementary,2026-11,140830000000\n")
            let permissions = try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            let audited = try await auditedObjects("insurance.payments.run", on: app)
            #expect(audited.count == 1 && audited.first?.object == "140830-202611")

            let again = directory.appendingPathComponent("again.csv")
            #expect(try await Self.run(app, out: again)
                    == "2026年11月的发放批次140830-202611已经生成过（2 笔，合计 235.00 元），本次未作任何改动，未写文件")
            #expect(!FileManager.default.fileExists(atPath: again.path))
            #expect(try await Self.payments("2026-11", app).count == 2)
            #expect(try await auditedObjects("insurance.payments.run", on: app).count == 1)
        }
    }

    @Test("a resumed entitlement is paid again; one the core system already paid this month is left out; nothing due writes nothing")
    func suspendedExcludedUntilResumed() async throws {
        try await TestApp.run { app in
            try await Self.ledger(app)
            let directory = try Self.folder()
            defer { try? FileManager.default.removeItem(at: directory) }
            let resumed = Self.entitlements().replacingOccurrences(of: "暂停,2023-05-01,失踪", with: "正常,2026-11-01,")
            try await InsuranceImportTests.importFile(app, kind: .entitlements, csv: resumed)
            let corePaid = Self.payments().replacingOccurrences(of: "2026-10", with: "2026-11")
            try await InsuranceImportTests.importFile(app, kind: .payments, csv: corePaid)
            let reason = await Self.refusal { try await Self.run(app, out: directory.appendingPathComponent("none.csv")) }
            #expect(reason == "2026年11月没有应发放的待遇，未生成批次（未发放：待遇尚未开始 1 笔，无发放账户（既无申领时登记的发放账户，也无发放记录） 1 笔，本月已有发放记录 3 笔）")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("none.csv").path))
            let summary = try await Self.run(app, month: "2026-12", out: directory.appendingPathComponent("december.csv"))
            #expect(summary.hasPrefix("已生成2026年12月发放批次140830-202612：4 笔，合计 605.00 元"))
            #expect(try await Self.payments("2026-12", app).map { $0.split(separator: "|")[1] }.sorted() == ["18000", "19000", "20000", "3500"])
        }
    }

    @Test("only an active business admin of the county may run it; a refusal is audited and writes nothing")
    func operatorRefused() async throws {
        try await TestApp.run { app in
            try await Self.ledger(app)
            let directory = try Self.folder()
            defer { try? FileManager.default.removeItem(at: directory) }
            let operatorAccount = try #require(try await AccountRecord.query(on: app.db).filter(\.$post == Post.operator.rawValue).first())
            let reason = await Self.refusal {
                try await Self.run(app, out: directory.appendingPathComponent("b.csv"), operatorID: operatorAccount.requireID())
            }
            #expect(reason == "--operator：只有业务管理员可以生成发放批次")
            #expect(try await Self.auditResults("insurance.payments.run", app) == [AuditResult.denied.rawValue])
            #expect(try await Self.payments("2026-11", app).isEmpty)
            let month = await Self.refusal { try await Self.command(app, ["run", "--month", "2026-13", "--county", "140830"]) }
            #expect(month == "--month 应为发放月份，格式 YYYY-MM（如 2026-11）")
            let county = await Self.refusal { try await Self.command(app, ["run", "--month", "2026-11", "--county", "140899"]) }
            #expect(county == "--county：区划中没有代码为 140899 的县")
        }
    }
}
