import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// `jiujinban payments import-return`: the bank's results of a batch, all or nothing, idempotent, audited.
@Suite("payments: the bank's return file records each payment's result")
struct BankReturnTests {
    /// The batch file with `result,failure_reason` appended to each line, as a bank answers.
    static func answer(_ batch: String, _ results: [String]) -> String {
        let lines = batch.split(separator: "\n").map(String.init)
        return lines[0] + ",result,failure_reason\n" + zip(lines.dropFirst(), results).map { "\($0),\($1)\n" }.joined()
    }

    static func importReturn(_ app: Application, _ text: String, in directory: URL, operatorID: UUID? = nil) async throws -> String {
        let file = directory.appendingPathComponent("return-\(UUID().uuidString.prefix(8)).csv")
        try Data(text.utf8).write(to: file)
        var account = operatorID
        if account == nil { account = try await InsuranceImportTests.admin(app).requireID() }
        let chosen = account!
        return try await PaymentRunTests.command(app, ["import-return", "--file", file.path, "--operator", chosen.uuidString])
    }

    @Test("results recorded, a failure with its reason shows in the person's payment records; the same file again changes nothing")
    func resultsRecorded() async throws {
        try await TestApp.run { app in
            try await PaymentRunTests.ledger(app)
            let directory = try PaymentRunTests.folder()
            defer { try? FileManager.default.removeItem(at: directory) }
            let out = directory.appendingPathComponent("batch.csv")
            try await PaymentRunTests.run(app, out: out)
            let batch = try String(contentsOf: out, encoding: .utf8)
            let answer = Self.answer(batch, ["成功,", "失败,账户已销户"])
            #expect(try await Self.importReturn(app, answer, in: directory)
                    == "已导入批次140830-202611的回盘：成功1笔，失败1笔，未变0笔，仍待回盘0笔")
            #expect(try await PaymentRunTests.payments("2026-11", app) == ["resident_basic|20000|成功||140830-202611|1",
                                                                             "resident_supplementary|3500|失败|账户已销户|140830-202611|2"])
            let jia = try #require(try await InsuranceImportTests.citizen(PaymentRunTests.jia, app))
            let ledger = try await InsuranceLedger.view(of: jia.requireID(), cipher: app.jiujinban.cipher, on: app.db)
            let failed = try #require(ledger.payments.first { $0.month == "2026-11" && $0.scheme == .residentSupplementary })
            #expect(failed.result == .failed && failed.failureReason == "账户已销户" && failed.maskedAccount == "6228********5678")
            #expect(try await Self.importReturn(app, answer, in: directory)
                    == "已导入批次140830-202611的回盘：成功0笔，失败0笔，未变2笔，仍待回盘0笔")
            #expect(try await PaymentRunTests.auditResults("insurance.payments.return", app) == ["success", "success"])
            // A later file cannot turn a recorded result around.
            let turned = Self.answer(batch, ["失败,查无此户", "失败,账户已销户"])
            let reason = await PaymentRunTests.refusal { try await Self.importReturn(app, turned, in: directory) }
            #expect(reason.contains("第2行 result：批次第1笔已记录为“成功”，不能再改"))
            #expect(try await PaymentRunTests.payments("2026-11", app).first == "resident_basic|20000|成功||140830-202611|1")
        }
    }

    @Test("a file with errors writes nothing and names every problem by line; an unknown column and a missing batch are refused")
    func errorsNamed() async throws {
        try await TestApp.run { app in
            try await PaymentRunTests.ledger(app)
            let directory = try PaymentRunTests.folder()
            defer { try? FileManager.default.removeItem(at: directory) }
            let out = directory.appendingPathComponent("batch.csv")
            try await PaymentRunTests.run(app, out: out)
            let batch = try String(contentsOf: out, encoding: .utf8)
            let wrongAmount = batch.replacingOccurrences(of: ",3500,", with: ",3600,")
            let bad = Self.answer(wrongAmount, ["成功,", "失败,"])
                + "1,140830-202611,3,\(PaymentRunTests.jia),赵甲,芮城农商银行,6228480012345678,100,resident_basic,2026-11,140830000000,成功,\n"
                + "1,140830-202611,1,\(PaymentRunTests.jia),赵甲,芮城农商银行,6228480012345678,20000,resident_basic,2026-11,140830000000,已退回,\n"
            let reason = await PaymentRunTests.refusal { try await Self.importReturn(app, bad, in: directory) }
            #expect(reason.contains("共2处错误，未导入任何回盘结果"))
            #expect(reason.contains("第3行 failure_reason：发放失败的记录必须填写失败原因"))
            #expect(reason.contains("第5行 result：发放结果应为“成功”或“失败”，而不是“已退回”"))
            let mismatched = Self.answer(wrongAmount, ["成功,", "失败,查无此户"])
                + "1,140830-202611,3,\(PaymentRunTests.jia),赵甲,芮城农商银行,6228480012345678,100,resident_basic,2026-11,140830000000,成功,\n"
                + "1,140830-202611,1,\(PaymentRunTests.yi),钱乙,芮城农商银行,6228480012345678,20000,resident_basic,2026-11,140830000000,成功,\n"
            let second = await PaymentRunTests.refusal { try await Self.importReturn(app, mismatched, in: directory) }
            #expect(second.contains("第3行 amount_fen：金额3600分与批次第2笔的3500分不符"))
            #expect(second.contains("第4行 seq：批次140830-202611中没有序号为3的发放记录"))
            #expect(second.contains("第5行 seq：序号1与第2行重复"))
            #expect(try await PaymentRunTests.payments("2026-11", app).allSatisfy { $0.contains("|待回盘|") })
            let unknown = await PaymentRunTests.refusal { try await Self.importReturn(app, "format_version,batch_id,remark\n", in: directory) }
            #expect(unknown.contains("第1行 remark：未知列“remark”：回盘文件（格式版本1）没有此列"))
            #expect(unknown.contains("第1行 result：缺少必需的列“result”"))
            let noBatch = await PaymentRunTests.refusal {
                try await Self.importReturn(app, Self.answer(batch.replacingOccurrences(of: "140830-202611", with: "140830-202609"), ["成功,", "成功,"]),
                                            in: directory)
            }
            #expect(noBatch.contains("第2行 batch_id：没有批次号为“140830-202609”的发放批次"))
            #expect(try await PaymentRunTests.auditResults("insurance.payments.return", app) == ["failed", "failed", "failed", "failed"])
        }
    }
}
