import Crypto
import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban payments run`: the month's resident-pension payments of one county, computed from the ledger's
/// entitlements (`PaymentBatch.plan`), written as payment records awaiting the bank's return, and handed to the bank
/// as the batch file (`BankBatchFormat`, docs/bank-batch.md).
///
/// One read (the county's entitlements with each person's ID number, name and the account to pay into: the
/// entitlement's own, given with its claim, or else the latest payment's), one write
/// transaction (the batch row, the payments many to a statement, the audit row). The file is written beside its
/// destination first and moved there only once the transaction committed, so a failed run leaves no file that looks
/// like a batch, and a committed batch always has its file. A second run for the county and month finds the batch
/// and changes nothing.
struct PaymentRun {
    let county: DivisionCode
    let month: PensionMonth
    let operatorAccount: AccountRecord

    func run(out path: String, app: Application) async throws -> String {
        let services = app.jiujinban
        let sql = app.db as! any SQLDatabase
        let batchID = PaymentBatch.batchID(county: county, month: month)
        if let done = try await sql.raw("""
            SELECT payments, total_fen FROM insurance_payment_batches WHERE batch_id = \(bind: batchID)
            """).first() {
            let payments = try done.decode(column: "payments", as: Int64.self)
            let total = try done.decode(column: "total_fen", as: Int64.self)
            return "\(month.chinese)的发放批次\(batchID)已经生成过（\(payments) 笔，合计 \(Money.yuanText(total)) 元），本次未作任何改动，未写文件"
        }
        let destination = URL(fileURLWithPath: path)
        guard !FileManager.default.fileExists(atPath: destination.path) else {
            throw PublicError(.conflict, "--out：文件 \(destination.lastPathComponent) 已存在，不覆盖；请指定新的文件名")
        }
        let rows = try await entitlements(on: sql)
        let book = try await PolicyFigureBook.load(on: app.db, county: county)
        let figures = MonthlyRerating.MonthFigures(book: book, month: month, county: county)
        let earlier = Dictionary(uniqueKeysWithValues: Set(rows.flatMap(\.entitlement.unpaidMonths)).map {
            ($0, MonthlyRerating.MonthFigures(book: book, month: $0, county: county))
        })
        let plan = PaymentBatch.plan(rows.map(\.entitlement), month: month, figures: figures, earlierFigures: { earlier[$0]! })
        guard !plan.lines.isEmpty else {
            throw PublicError(.unprocessableEntity, "\(month.chinese)没有应发放的待遇，未生成批次"
                              + (plan.leftOut.isEmpty ? "" : "（未发放：\(plan.leftOut)）"))
        }
        let byPerson = Dictionary(uniqueKeysWithValues: rows.map { ("\($0.entitlement.person)|\($0.entitlement.scheme)", $0) })
        var fileLines: [BankBatchFormat.BatchLine] = []
        fileLines.reserveCapacity(plan.lines.count)
        for line in plan.lines {
            let row = byPerson["\(line.entitlement.person)|\(line.entitlement.scheme)"]!
            fileLines.append(BankBatchFormat.BatchLine(
                batchID: batchID, seq: line.seq,
                idNumber: try services.cipher.open(row.idNumberSealed, context: CitizenCrypto.idNumberContext), name: row.name,
                bank: line.entitlement.bank ?? "", account: try services.cipher.open(row.accountSealed ?? "", context: LedgerCrypto.bankAccountContext),
                amountFen: line.amountFen, scheme: line.entitlement.scheme, month: line.month.description, county: county.value))
        }
        let file = Data(BankBatchFormat.batchFile(fileLines).utf8)
        let digest = SHA256.hash(data: file).map { String(format: "%02x", $0) }.joined()
        let partial = destination.deletingLastPathComponent().appendingPathComponent("." + destination.lastPathComponent + ".part")
        guard FileManager.default.createFile(atPath: partial.path, contents: file, attributes: [.posixPermissions: 0o600]) else {
            throw PublicError(.badRequest, "--out：无法写入 \(destination.deletingLastPathComponent().path)，请检查目录是否存在、是否可写")
        }
        do {
            try await record(plan, rows: byPerson, batchID: batchID, digest: digest, services: services, app: app)
            try FileManager.default.moveItem(at: partial, to: destination)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        return "已生成\(month.chinese)发放批次\(batchID)：\(plan.lines.count) 笔，合计 \(Money.yuanText(plan.totalFen)) 元，"
            + "银行文件 \(destination.lastPathComponent)（SHA-256 \(digest.prefix(16))…）"
            + (plan.rerating.isEmpty ? "" : "；\(plan.rerating)")
            + (plan.leftOut.isEmpty ? "" : "；未发放：\(plan.leftOut)")
    }

    struct Row: Sendable {
        let citizen: UUID
        let entitlement: PaymentBatch.Entitlement
        let idNumberSealed: String
        let name: String
        let accountSealed: String?
    }

    /// The county's entitlements of the resident schemes, each with its awarded composition and the figure rows it was
    /// awarded under, the person's birth date, the account to pay into, and whether the month has a payment already.
    /// The account is the entitlement's own (given with its claim, M0062) when it has one, else that of the person's
    /// latest payment of the scheme (read by the payments' primary key); bank and account always come from the same place.
    private func entitlements(on sql: any SQLDatabase) async throws -> [Row] {
        let latest = "FROM insurance_payments p WHERE p.citizen_id = e.citizen_id AND p.scheme = e.scheme ORDER BY p.month DESC LIMIT 1"
        let rows = try await sql.raw("""
            SELECT e.citizen_id, e.scheme, e.start_month, e.status, e.monthly_fen, e.basic_central_fen, e.basic_provincial_fen,
              e.basic_county_fen, e.basic_extra_fen, e.account_fen, e.exit_subsidy_fen, e.collective_exit_fen, e.figure_ids,
              c.id_number_sealed, c.name, c.birth_date,
              CASE WHEN a.account_sealed IS NOT NULL THEN a.bank ELSE (SELECT p.bank \(unsafeRaw: latest)) END AS bank,
              CASE WHEN a.account_sealed IS NOT NULL THEN a.account_sealed ELSE (SELECT p.account_sealed \(unsafeRaw: latest)) END AS account_sealed,
              (SELECT COUNT(*) FROM insurance_payments p WHERE p.citizen_id = e.citizen_id AND p.scheme = e.scheme
                 AND p.month = \(bind: month.description)) AS recorded
            FROM insurance_entitlements e JOIN citizens c ON c.id = e.citizen_id
              LEFT JOIN insurance_entitlement_accounts a ON a.citizen_id = e.citizen_id AND a.scheme = e.scheme
            WHERE e.county_code = \(bind: county.value) AND e.scheme IN (\(binds: PaymentBatch.schemes.sorted()))
            ORDER BY e.citizen_id, e.scheme
            """).all()
        let owed = try await unpaidMonths(on: sql)
        return try rows.map { row in
            let citizen = try row.decode(column: "citizen_id", as: UUID.self)
            let account = try row.decode(column: "account_sealed", as: String?.self)
            let composition = MonthlyRerating.Composition(
                centralFen: try row.decode(column: "basic_central_fen", as: Int64.self),
                provincialFen: try row.decode(column: "basic_provincial_fen", as: Int64.self),
                countyFen: try row.decode(column: "basic_county_fen", as: Int64.self), extraFen: try row.decode(column: "basic_extra_fen", as: Int64.self),
                accountFen: try row.decode(column: "account_fen", as: Int64.self), exitSubsidyFen: try row.decode(column: "exit_subsidy_fen", as: Int64.self),
                collectiveExitFen: try row.decode(column: "collective_exit_fen", as: Int64.self))
            return Row(citizen: citizen, entitlement: PaymentBatch.Entitlement(
                person: citizen.uuidString, scheme: try row.decode(column: "scheme", as: String.self),
                startMonth: try row.decode(column: "start_month", as: String.self), status: try row.decode(column: "status", as: String.self),
                monthlyFen: try row.decode(column: "monthly_fen", as: Int64.self), bank: try row.decode(column: "bank", as: String?.self),
                account: account, alreadyRecorded: try row.decode(column: "recorded", as: Int64.self) > 0, composition: composition,
                born: CalendarDate(iso: try row.decode(column: "birth_date", as: String.self)),
                figureIDs: EntitlementRecord.figureIDs(try row.decode(column: "figure_ids", as: String?.self)),
                unpaidMonths: owed(citizen, try row.decode(column: "scheme", as: String.self), try row.decode(column: "start_month", as: String.self))),
                idNumberSealed: try row.decode(column: "id_number_sealed", as: String.self), name: try row.decode(column: "name", as: String.self),
                accountSealed: account)
        }
    }

    /// The earlier months each entitlement has no payment record of, from the county's first batch to the month
    /// before this one (`PaymentBatch`'s 补发; the plan pays them only to an entitlement paying now). One grouped
    /// count per entitlement; the months themselves are read only for those with fewer records than months.
    private func unpaidMonths(on sql: any SQLDatabase) async throws -> (UUID, String, String) -> [PensionMonth] {
        guard let first = try await sql.raw("""
            SELECT MIN(month) AS first FROM insurance_payment_batches WHERE county_code = \(bind: county.value)
            """).first()?.decode(column: "first", as: String?.self).flatMap(PensionMonth.init), first < month else {
            return { _, _, _ in [] }
        }
        var counts: [String: Int] = [:]
        for row in try await sql.raw("""
            SELECT p.citizen_id, p.scheme, COUNT(*) AS n FROM insurance_payments p
            WHERE p.county_code = \(bind: county.value) AND p.month >= \(bind: first.description) AND p.month < \(bind: month.description)
            GROUP BY p.citizen_id, p.scheme
            """).all() {
            counts["\(try row.decode(column: "citizen_id", as: UUID.self))|\(try row.decode(column: "scheme", as: String.self))"] =
                Int(try row.decode(column: "n", as: Int64.self))
        }
        let expected = { (start: String) -> [PensionMonth] in
            guard let start = PensionMonth(start) else { return [] }
            return max(start, first).months(until: month)
        }
        // Who is short: the months they do have, read for them alone.
        var short: [UUID: [String]] = [:]
        for row in try await sql.raw("""
            SELECT e.citizen_id, e.scheme, e.start_month FROM insurance_entitlements e
            WHERE e.county_code = \(bind: county.value) AND e.status = \(bind: EntitlementStatus.paying.rawValue)
              AND e.scheme IN (\(binds: PaymentBatch.schemes.sorted()))
            """).all() {
            let citizen = try row.decode(column: "citizen_id", as: UUID.self), scheme = try row.decode(column: "scheme", as: String.self)
            if expected(try row.decode(column: "start_month", as: String.self)).count > counts["\(citizen)|\(scheme)", default: 0] {
                short[citizen, default: []].append(scheme)
            }
        }
        var paid: [String: Set<PensionMonth>] = [:]
        for chunk in Array(short.keys).chunked(500) {
            for row in try await sql.raw("""
                SELECT p.citizen_id, p.scheme, p.month FROM insurance_payments p
                WHERE p.citizen_id IN (\(binds: Array(chunk))) AND p.month >= \(bind: first.description) AND p.month < \(bind: month.description)
                """).all() {
                if let paidMonth = PensionMonth(try row.decode(column: "month", as: String.self)) {
                    paid["\(try row.decode(column: "citizen_id", as: UUID.self))|\(try row.decode(column: "scheme", as: String.self))", default: []]
                        .insert(paidMonth)
                }
            }
        }
        return { citizen, scheme, start in
            guard short[citizen]?.contains(scheme) == true else { return [] }
            let have = paid["\(citizen)|\(scheme)"] ?? []
            return expected(start).filter { !have.contains($0) }
        }
    }

    /// The batch row, its payments (the sealed account copied from where it came from) and the audit row, in
    /// one transaction.
    private func record(_ plan: PaymentBatch.Plan, rows: [String: Row], batchID: String, digest: String, services: PlatformServices,
                        app: Application) async throws {
        let now = services.clock.now()
        let nowMS = Int64(now.timeIntervalSince1970 * 1000)
        let operatorID = try operatorAccount.requireID()
        let actor = AuditActor(userID: operatorID, role: operatorAccount.post, orgUnit: operatorAccount.unitKey, ip: nil)
        let (county, month) = (county, month)
        try await services.writer.write(on: app.db) { db in
            let sql = db as! any SQLDatabase
            try await sql.insert(into: "insurance_payment_batches")
                .columns("batch_id", "county_code", "month", "operator_id", "created_at_ms", "payments", "total_fen", "file_sha256")
                .values(SQLBind(batchID), SQLBind(county.value), SQLBind(month.description), SQLBind(operatorID), SQLBind(nowMS),
                        SQLBind(Int64(plan.lines.count)), SQLBind(plan.totalFen), SQLBind(digest))
                .run()
            // 12 columns: 1,500 rows a statement stays under SQLite's 32,766 parameters.
            for chunk in plan.lines.chunked(1_500) {
                let insert = sql.insert(into: "insurance_payments")
                    .columns("citizen_id", "scheme", "month", "county_code", "amount_fen", "bank", "account_sealed", "result", "failure_reason",
                             "updated_at_ms", "batch_id", "batch_seq")
                for line in chunk {
                    let row = rows["\(line.entitlement.person)|\(line.entitlement.scheme)"]!
                    insert.values(SQLBind(row.citizen), SQLBind(line.entitlement.scheme), SQLBind(line.month.description), SQLBind(county.value),
                                  SQLBind(line.amountFen), SQLBind(line.entitlement.bank), SQLBind(row.accountSealed),
                                  SQLBind(PaymentBatch.pendingResult), SQLBind(String?.none), SQLBind(nowMS), SQLBind(batchID),
                                  SQLBind(Int64(line.seq)))
                }
                try await insert.run()
            }
            let detail = "生成\(month.chinese)待遇发放批次：\(plan.lines.count)笔，合计\(Money.yuanText(plan.totalFen))元，"
                + "银行文件SHA-256 \(digest)" + (plan.rerating.isEmpty ? "" : "；\(plan.rerating)")
                + (plan.leftOut.isEmpty ? "" : "；未发放：\(plan.leftOut)")
            try await AuditTrail.record(AuditEvent("insurance.payments.run", objectType: "payment_batch", objectID: batchID, detail: detail),
                                        by: actor, at: now, key: services.keys.auditKey, on: db)
        }
    }
}
