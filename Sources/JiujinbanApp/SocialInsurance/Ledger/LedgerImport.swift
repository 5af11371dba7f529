import Crypto
import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban insurance import`: loads one exchange file into the ledger.
///
/// Two passes. The first reads every row and checks it (`ExchangeRowReader`: ID numbers with their check digit,
/// amounts, years, codes, divisions) and that no natural key comes twice; any problem refuses the whole file with
/// every problem listed by line and column, and nothing is written. The second reads the file again and writes it
/// in transactions of `rowsPerTransaction` rows through the database's writer: the batch's people found or
/// registered (`LedgerPeople`), its rows inserted, updated or left alone (`LedgerStore`). The last transaction also
/// holds the one audit row of the import (operator, file name, SHA-256, counts). A run cut short (a crash, a full
/// disk) leaves whole transactions behind; running the same file again completes it, since a row already stored
/// is left as it is.
struct LedgerImport {
    struct Summary: Sendable, Equatable {
        var read = 0
        var counts = LedgerStore.Counts()
        var peopleCreated = 0
        /// Rows naming a registered person under another name (the registered name is kept).
        var renamedRows = 0

        var line: String {
            "已导入：读取 \(read) 行，新增 \(counts.inserted) 行，更新 \(counts.updated) 行，未变 \(counts.unchanged) 行，新建人员 \(peopleCreated) 人"
                + renamedNote
        }

        var renamedNote: String { renamedRows == 0 ? "" : "，姓名与登记不符 \(renamedRows) 行，保留登记姓名" }
    }

    /// Rows checked, then written, per batch; one transaction per batch.
    static let rowsPerTransaction = 10_000

    let kind: ExchangeKind
    let operatorAccount: AccountRecord
    var progress: ImportProgress = .standardError

    func run(path: String, app: Application) async throws -> Summary {
        var source = try ExchangeSource.open(path: path)
        let services = app.jiujinban
        let today = services.clock.today
        guard let headerRecord = try source.next(1).first else { throw PublicError(.badRequest, "\(source.fileName)：文件是空的，没有表头") }
        let header: ExchangeHeader
        switch ExchangeFormat.header(headerRecord.fields, kind: kind) {
        case .success(let read): header = read
        case .failure(let problems): throw try await refused(problems, file: source.fileName, app: app)
        }
        let levels = try await Self.divisionLevels(on: app.db)
        let divisionLevel: (DivisionCode) -> DivisionLevel? = { levels[$0.value] }

        // Pass 1: every row checked, nothing written.
        let scope = (try? DivisionCode(operatorAccount.unitDivisionCode))?.scopePrefix ?? operatorAccount.unitDivisionCode
        // The grades by date, from the policy figures: read once for the whole file.
        let grades = ExchangeGrades(try await PolicyFigureBook.load(on: app.db))
        var reader = ExchangeRowReader(header: header, today: today, divisionLevel: divisionLevel, grades: grades)
        var problems = ExchangeProblems()
        var firstLine: [ExchangeRow.NaturalKey: Int32] = [:]
        var read = 0, shown = -1
        // The next batch is parsed while this one is checked (`RecordBatches`): two cores, two stages.
        let records = RecordBatches(source: source)
        var parsed = try records.next()
        while !parsed.isEmpty {
            let fraction = records.fraction
            let parsing = Task { try records.next() }
            for record in parsed {
                read += 1
                switch reader.read(record) {
                case .success(let row):
                    if let outside = Self.outsideScope(row, prefix: scope) {
                        problems.add(line: record.line, column: outside.column, "\(outside.code)不在操作人员的辖区内，不能导入")
                    }
                    if let earlier = firstLine.updateValue(Int32(clamping: record.line), forKey: row.naturalKey) {
                        problems.add(line: record.line, column: "id_number", "与第\(earlier)行是同一条记录（同一人、险种\(Self.keyWords(kind))）")
                    }
                case .failure(let found): problems.append(found)
                }
            }
            progress.draw("校验", fraction: fraction, rows: read, last: &shown)
            parsed = try await parsing.value
        }
        progress.finish()
        guard problems.isEmpty else { throw try await refused(problems, file: source.fileName, app: app) }
        firstLine = [:]

        // Pass 2: written batch by batch.
        records.rewind()
        _ = try records.next(1)
        let now = services.clock.now()
        let people = LedgerPeople(cipher: services.cipher, operatorID: try operatorAccount.requireID(), fileName: source.fileName, now: now)
        let store = LedgerStore(table: .of(kind), cipher: services.cipher, nowMilliseconds: Int64(now.timeIntervalSince1970 * 1000))
        let digest = SHA256.hash(data: records.fileData).map { String(format: "%02x", $0) }.joined()
        let fileName = source.fileName
        let actor = AuditActor(userID: operatorAccount.id, role: operatorAccount.post, orgUnit: operatorAccount.unitKey, ip: nil)
        var summary = Summary(read: read)
        var known: [String: UUID] = [:]
        var written = 0
        shown = -1
        // The next batch is read and checked while the current one is written (`BatchReader`): reading and writing
        // overlap instead of taking turns.
        let rows = BatchReader(records: records, reader: reader)
        var batch = try rows.next()
        while !batch.isEmpty {
            let reading = Task { try rows.next() }
            let isLast = written + batch.count == read
            let resolvedSoFar = known
            let outcome: (LedgerStore.Counts, [String: UUID], Int, Int)
            do {
                outcome = try await services.writer.write(on: app.db) { [batch, summary, kind] db in
                    let sql = db as! any SQLDatabase
                    let (ids, created, renamed) = try await people.resolve(batch.map(\.person), known: resolvedSoFar, on: sql)
                    let lines = batch.map { LedgerLine($0, citizen: ids[$0.person.idNumber.value]!) }
                    let counts = try await store.apply(lines, newPeople: created, on: sql)
                    if isLast {
                        var final = summary
                        final.counts = final.counts + counts
                        final.peopleCreated += created.count
                        final.renamedRows += renamed
                        try await Self.audit(final, kind: kind, file: fileName, digest: digest, actor: actor, services: services, on: db)
                    }
                    return (counts, ids, created.count, renamed)
                }
            } catch {
                // Nothing may still be reading once the import has failed.
                _ = try? await reading.value
                throw error
            }
            let (counts, ids, created, renamed) = outcome
            summary.counts = summary.counts + counts
            summary.peopleCreated += created
            summary.renamedRows += renamed
            // Only the last batch's people: a person's rows are usually together, and a cache of a million people
            // would be copied at every batch once the write had shared it.
            known = ids
            written += batch.count
            progress.draw("写入", fraction: Double(written) / Double(max(read, 1)), rows: written, last: &shown)
            batch = try await reading.value
        }
        if read == 0 {
            try await services.writer.write(on: app.db) { [summary, kind] db in
                try await Self.audit(summary, kind: kind, file: fileName, digest: digest, actor: actor, services: services, on: db)
            }
        }
        progress.finish()
        return summary
    }

    /// The file's records batch by batch, handed from task to task, never shared: the import asks for the next batch
    /// only once the previous one was returned, so the file is only ever read by one task at a time (hence
    /// `@unchecked`).
    final class RecordBatches: @unchecked Sendable {
        private var source: ExchangeSource

        init(source: ExchangeSource) { self.source = source }

        func next(_ limit: Int = LedgerImport.rowsPerTransaction) throws -> [CSVReader.Record] { try source.next(limit) }
        func rewind() { source.rewind() }
        var fraction: Double { source.fraction }
        var fileData: Data { source.fileData }
    }

    /// The second pass's batches, each checked again (the file was checked whole in the first pass), read and checked
    /// by one task at a time like `RecordBatches`.
    final class BatchReader: @unchecked Sendable {
        private let records: RecordBatches
        private var reader: ExchangeRowReader

        init(records: RecordBatches, reader: ExchangeRowReader) {
            self.records = records
            self.reader = reader
        }

        func next() throws -> [ExchangeRow] {
            try records.next().map { record in
                guard case .success(let row) = reader.read(record) else {
                    throw PublicError(.conflict, "第\(record.line)行在第二遍读取时与校验时不同：文件在导入过程中被改动了吗？")
                }
                return row
            }
        }
    }

    private static func audit(_ summary: Summary, kind: ExchangeKind, file: String, digest: String, actor: AuditActor,
                              services: PlatformServices, on db: any Database) async throws {
        let detail = "导入\(kind.chinese)文件“\(AuditDetail.sanitized(file, maximumLength: 40))”：读取\(summary.read)行，"
            + "新增\(summary.counts.inserted)，更新\(summary.counts.updated)，未变\(summary.counts.unchanged)，新建人员\(summary.peopleCreated)" + summary.renamedNote
        try await AuditTrail.record(AuditEvent("insurance.import", objectType: "exchange_file_sha256", objectID: digest, detail: detail),
                                    by: actor, at: services.clock.now(), key: services.keys.auditKey, on: db)
    }

    /// The division a row belongs to (its county; a contribution, the person's household registration) when it
    /// lies outside the operator's: imports are scoped like every page.
    static func outsideScope(_ row: ExchangeRow, prefix: String) -> (column: String, code: String)? {
        let (column, code) = switch row {
        case .enrolment(let row): ("county", row.county)
        case .contribution(let row): ("hukou_division", row.person.hukou)
        case .entitlement(let row): ("county", row.county)
        case .payment(let row): ("county", row.county)
        }
        return code.value.hasPrefix(prefix) ? nil : (column, "区划“\(code.value)”")
    }

    /// A refused file is audited too (nothing else is written): who tried which file, and how many problems.
    private func refused(_ problems: ExchangeProblems, file: String, app: Application) async throws -> PublicError {
        let services = app.jiujinban
        let actor = AuditActor(userID: operatorAccount.id, role: operatorAccount.post, orgUnit: operatorAccount.unitKey, ip: nil)
        let detail = "拒绝导入\(kind.chinese)文件“\(AuditDetail.sanitized(file, maximumLength: 40))”：\(problems.problems.count)处错误，"
            + "首处：" + (problems.problems.first?.text ?? "")
        try await services.writer.write(on: app.db) { db in
            try await AuditTrail.record(AuditEvent("insurance.import", objectType: "exchange_file", result: .failed, detail: detail),
                                        by: actor, at: services.clock.now(), key: services.keys.auditKey, on: db)
        }
        return Self.refusal(problems, file: file)
    }

    static func keyWords(_ kind: ExchangeKind) -> String {
        switch kind {
        case .enrolments, .entitlements, .personChanges: ""
        case .contributions: "、年度和缴费类型"
        case .payments: "和月份"
        }
    }

    /// The problems listed in a refusal: a file gone wrong as a whole (a wrong column, a wrong table) has one on every
    /// line, and a list of millions helps nobody.
    static let listedProblems = 500

    static func refusal(_ problems: ExchangeProblems, file: String) -> PublicError {
        let all = problems.problems
        let rest = all.count - listedProblems
        return PublicError(.unprocessableEntity, "\(file)：共\(all.count)处错误，未导入任何数据：\n"
                           + all.prefix(listedProblems).map(\.text).joined(separator: "\n")
                           + (rest > 0 ? "\n……另有\(rest)处错误未列出，请先改正以上错误后再导入" : ""))
    }

    static func divisionLevels(on db: any Database) async throws -> [String: DivisionLevel] {
        var levels: [String: DivisionLevel] = [:]
        for row in try await (db as! any SQLDatabase).raw("SELECT code, level FROM divisions").all() {
            if let level = DivisionLevel(rawValue: try row.decode(column: "level", as: String.self)) {
                levels[try row.decode(column: "code", as: String.self)] = level
            }
        }
        return levels
    }
}
