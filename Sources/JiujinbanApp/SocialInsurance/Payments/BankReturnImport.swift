import Crypto
import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban payments import-return`: the bank's return file of one batch (`BankBatchFormat`): each payment's
/// result and failure reason. Every line is checked on its own and against the stored batch (`BankReturn.reconcile`)
/// before anything is written; a file with any problem writes nothing and lists them all by line. The results are
/// recorded in one transaction with the audit row; a failed payment then shows, with its reason, in the person's
/// payment records (item 36).
struct BankReturnImport {
    let operatorAccount: AccountRecord

    func run(path: String, app: Application) async throws -> String {
        let services = app.jiujinban
        var source = try ExchangeSource.open(path: path)
        let fileName = source.fileName
        guard let header = try source.next(1).first else { throw PublicError(.badRequest, "\(fileName)：文件是空的，没有表头") }
        let columns: [String: Int]
        switch BankBatchFormat.returnHeader(header.fields) {
        case .success(let found): columns = found
        case .failure(let problems): throw try await refused(problems, file: fileName, app: app)
        }
        var problems = ExchangeProblems()
        var lines: [BankBatchFormat.ReturnLine] = []
        while case let batch = try source.next(10_000), !batch.isEmpty {
            for record in batch where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                switch BankBatchFormat.returnLine(record, columns: columns) {
                case .success(let line): lines.append(line)
                case .failure(let found): problems.append(found)
                }
            }
        }
        guard problems.isEmpty else { throw try await refused(problems, file: fileName, app: app) }
        guard let batchID = lines.first?.batchID else {
            throw try await refused(Self.problem(line: 2, column: "batch_id", "文件没有任何回盘记录"), file: fileName, app: app)
        }
        let sql = app.db as! any SQLDatabase
        guard let batch = try await sql.raw("SELECT county_code FROM insurance_payment_batches WHERE batch_id = \(bind: batchID)").first() else {
            throw try await refused(Self.problem(line: lines[0].line, column: "batch_id", "没有批次号为“\(batchID)”的发放批次"), file: fileName, app: app)
        }
        let county = try batch.decode(column: "county_code", as: String.self)
        guard operatorAccount.unitDivisionCode == county else {
            try await audit("拒绝导入回盘文件“\(AuditDetail.sanitized(fileName, maximumLength: 40))”：批次\(batchID)不属于操作人员的县",
                            batchID: batchID, result: .denied, app: app)
            throw PublicError(.forbidden, "--operator：批次\(batchID)属于区划\(county)，只有该县的业务管理员可以导入其回盘文件")
        }
        let outcome: BankReturn.Outcome
        switch BankReturn.reconcile(lines, batchID: batchID, stored: try await stored(batchID, cipher: services.cipher, on: sql)) {
        case .success(let found): outcome = found
        case .failure(let found): throw try await refused(found, file: fileName, app: app)
        }
        let succeeded = outcome.updates.filter { $0.result == .succeeded }.count
        let failed = outcome.updates.count - succeeded
        let counts = "成功\(succeeded)笔，失败\(failed)笔，未变\(outcome.unchanged)笔，仍待回盘\(outcome.stillPending)笔"
        let digest = SHA256.hash(data: source.fileData).map { String(format: "%02x", $0) }.joined()
        let nowMS = Int64(services.clock.now().timeIntervalSince1970 * 1000)
        let groups = Dictionary(grouping: outcome.updates) { "\($0.result.rawValue)|\($0.reason ?? "")" }
        try await services.writer.write(on: app.db) { db in
            let sql = db as! any SQLDatabase
            // The same result and reason, many payments to a statement.
            for updates in groups.values {
                for chunk in updates.chunked(500) {
                    try await sql.update("insurance_payments")
                        .set("result", to: SQLBind(chunk[chunk.startIndex].result.rawValue))
                        .set("failure_reason", to: SQLBind(chunk[chunk.startIndex].reason))
                        .set("updated_at_ms", to: SQLBind(nowMS))
                        .where("batch_id", .equal, SQLBind(batchID))
                        .where("batch_seq", .in, chunk.map { Int64($0.seq) })
                        .where("result", .equal, SQLBind(PaymentBatch.pendingResult))
                        .run()
                }
            }
            try await Self.record(AuditEvent("insurance.payments.return", objectType: "payment_batch", objectID: batchID,
                                             detail: "导入回盘文件“\(AuditDetail.sanitized(fileName, maximumLength: 40))”（SHA-256 \(digest)）：\(counts)"),
                                  operatorAccount, services: services, on: db)
        }
        return "已导入批次\(batchID)的回盘：\(counts)"
    }

    /// The batch's payments by line number, with each person's ID number opened to compare with the file's.
    private func stored(_ batchID: String, cipher: PersonalDataCipher, on sql: any SQLDatabase) async throws -> [Int: BankReturn.Stored] {
        let rows = try await sql.raw("""
            SELECT p.batch_seq, p.amount_fen, p.result, p.failure_reason, c.id_number_sealed
            FROM insurance_payments p JOIN citizens c ON c.id = p.citizen_id WHERE p.batch_id = \(bind: batchID)
            """).all()
        var stored: [Int: BankReturn.Stored] = [:]
        for row in rows {
            stored[Int(try row.decode(column: "batch_seq", as: Int64.self))] = BankReturn.Stored(
                idNumber: try cipher.open(try row.decode(column: "id_number_sealed", as: String.self), context: CitizenCrypto.idNumberContext),
                amountFen: try row.decode(column: "amount_fen", as: Int64.self), result: try row.decode(column: "result", as: String.self),
                failureReason: try row.decode(column: "failure_reason", as: String?.self))
        }
        return stored
    }

    private static func problem(line: Int, column: String, _ message: String) -> ExchangeProblems {
        var problems = ExchangeProblems()
        problems.add(line: line, column: column, message)
        return problems
    }

    /// A refused file writes nothing but its audit row: who tried which file, how many problems, the first.
    private func refused(_ problems: ExchangeProblems, file: String, app: Application) async throws -> PublicError {
        try await audit("拒绝导入回盘文件“\(AuditDetail.sanitized(file, maximumLength: 40))”：\(problems.problems.count)处错误，首处："
                        + (problems.problems.first?.text ?? ""), batchID: nil, result: .failed, app: app)
        return PublicError(.unprocessableEntity, "\(file)：共\(problems.problems.count)处错误，未导入任何回盘结果：\n"
                           + problems.problems.map(\.text).joined(separator: "\n"))
    }

    private func audit(_ detail: String, batchID: String?, result: AuditResult, app: Application) async throws {
        let services = app.jiujinban
        let account = operatorAccount
        try await services.writer.write(on: app.db) { db in
            try await Self.record(AuditEvent("insurance.payments.return", objectType: "payment_batch", objectID: batchID, result: result,
                                             detail: detail), account, services: services, on: db)
        }
    }

    static func record(_ event: AuditEvent, _ account: AccountRecord, services: PlatformServices, on db: any Database) async throws {
        let actor = AuditActor(userID: account.id, role: account.post, orgUnit: account.unitKey, ip: nil)
        try await AuditTrail.record(event, by: actor, at: services.clock.now(), key: services.keys.auditKey, on: db)
    }
}
