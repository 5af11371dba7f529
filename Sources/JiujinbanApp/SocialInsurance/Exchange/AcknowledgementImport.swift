import Crypto
import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban insurance import-acknowledgements --file FILE`: the core system's answers (`Acknowledgement`). A
/// confirmation closes its record; a rejection closes it with the core system's reason, undoes its ledger change
/// from the before-image (`LedgerChanges.reverse`; a claim's payment account removed or the replaced one put back,
/// with an audit row for the person), or a person change field by field (`PersonChanges.reverse`: a
/// field a later case changed since keeps its newer value, and the case's reason says so, with an audit row for
/// the citizen), and returns the case to its point as 核心系统退回. A ledger change a later change has since replaced
/// for good (one the core system confirmed, or an import from it: `ReversalProblem.settledSince`) is left in place:
/// the rejection is still recorded, the case returned with a note asking for manual reconciliation, and audited
/// (`insurance.acknowledgement_unreversed`). All in one
/// transaction with one audit row for the file and one per returned case. An answer to a record already answered
/// (late, or the same file again) changes nothing. Any problem (an unknown record, one never sent, a change whose
/// row a still unanswered change has changed since) refuses the whole file, naming the line; the refusal is audited.
struct AcknowledgementImport {
    struct Summary: Sendable, Equatable {
        var confirmed = 0
        var rejected = 0
        var unchanged = 0
        /// Rejections recorded without undoing their change (`LedgerChanges.ReversalProblem.settledSince`).
        var unreversed = 0

        var line: String {
            "已读取核心系统答复：确认 \(confirmed) 条，退回 \(rejected) 条（已撤销台账变更并退回办件"
                + (unreversed == 0 ? "" : "；其中 \(unreversed) 条的台账记录已被其后已确认的办件或核心系统导入更改，未撤销，待人工核对")
                + "），此前已答复未改变 \(unchanged) 条"
        }
    }

    let operatorAccount: AccountRecord

    /// Problems found inside the transaction: thrown to roll it back, then reported.
    private struct Refused: Error { let problems: ExchangeProblems }

    func run(path: String, app: Application) async throws -> Summary {
        var source = try ExchangeSource.open(path: path)
        var records: [CSVReader.Record] = []
        while case let batch = try source.next(10_000), !batch.isEmpty { records += batch }
        let answers: [Acknowledgement]
        switch Acknowledgement.read(records) {
        case .success(let read): answers = read
        case .failure(let problems): throw try await refused(problems, file: source.fileName, app: app)
        }
        let services = app.jiujinban
        let now = services.clock.now()
        let actor = AuditActor(userID: operatorAccount.id, role: operatorAccount.post, orgUnit: operatorAccount.unitKey, ip: nil)
        let scope = (try? DivisionCode(operatorAccount.unitDivisionCode))?.scopePrefix ?? operatorAccount.unitDivisionCode
        let digest = SHA256.hash(data: source.fileData).map { String(format: "%02x", $0) }.joined()
        let fileName = source.fileName
        let operatorAccount = self.operatorAccount
        do {
            return try await services.writer.write(on: app.db) { db in
                let records = try await Self.records(answers.map(\.recordID), on: db as! any SQLDatabase)
                var problems = ExchangeProblems()
                var summary = Summary()
                var toApply: [(Acknowledgement, Stored)] = []
                for answer in answers {
                    guard let record = records[answer.recordID], record.division.hasPrefix(scope) else {
                        problems.add(line: answer.line, column: "record_id", "没有编号为\(answer.recordID.uuidString.lowercased())的交换记录（或不在操作人员的辖区内）")
                        continue
                    }
                    switch record.state {
                    case .pending: problems.add(line: answer.line, column: "record_id", "该交换记录尚未发送，不能答复")
                    case .confirmed, .rejected: summary.unchanged += 1
                    case .sent: toApply.append((answer, record))
                    }
                }
                // Confirmations first (a rejection of an earlier change of the same row then sees the later one confirmed),
                // then the newest change first: two rejected changes of one row are undone in the reverse order they were made.
                let ordered = toApply.sorted { first, second in
                    let (a, b) = (first.0.result == .confirmed, second.0.result == .confirmed)
                    return a != b ? a : first.1.createdAt > second.1.createdAt
                }
                for (answer, record) in ordered {
                    let next: OutboundExchangeState = answer.result == .confirmed ? .confirmed : .rejected
                    var returnReason = answer.reason ?? ""
                    if next == .rejected, record.kind == ExchangeKind.personChanges.rawValue {
                        let reversal = try await PersonChanges.reverse(try PersonChanges.decode(record.payload), citizen: record.citizen,
                                                                       at: now, on: db)
                        returnReason += PersonChangeFile.keptNote(reversal.kept) ?? ""
                        try await Self.auditReversal(reversal, of: record, by: actor, at: now, services: services, on: db)
                    } else if next == .rejected, let stored = record.images {
                        let images = try LedgerImages.decode(stored)
                        switch try await LedgerChanges.reverse(images, on: db) {
                        case .changedSince(let table)?:
                            problems.add(line: answer.line, column: "result", LedgerChanges.ReversalProblem.changedSince(table: table).message)
                            continue
                        case .settledSince(let table, let later)?:
                            // Never undoable first: recorded without undoing, for manual reconciliation.
                            returnReason += "；" + LedgerChanges.ReversalProblem.unreversedNote
                            summary.unreversed += 1
                            try await Self.auditUnreversed(record, table: table, later: later, by: actor, at: now, services: services, on: db)
                        case nil:
                            if let account = images.account {
                                try await Self.auditAccountReversal(account, of: record, by: actor, at: now, services: services, on: db)
                            }
                        }
                    }
                    if case .failure(let problem) = try await OutboundExchange.move(record.id, to: next, reason: answer.reason, at: now, on: db) {
                        problems.add(line: answer.line, column: "result", problem.message)
                        continue
                    }
                    if next == .confirmed {
                        summary.confirmed += 1
                    } else {
                        summary.rejected += 1
                        if let caseID = record.caseID {
                            try await CoreReturn.returnCase(caseID, reason: returnReason, by: operatorAccount, actor: actor, at: now,
                                                            services: services, on: db)
                        }
                    }
                }
                guard problems.isEmpty else { throw Refused(problems: problems) }
                let detail = "导入核心系统答复“\(AuditDetail.sanitized(fileName, maximumLength: 40))”：确认\(summary.confirmed)条，"
                    + "退回\(summary.rejected)条" + (summary.unreversed == 0 ? "" : "（其中未撤销台账变更\(summary.unreversed)条）")
                    + "，已答复未改变\(summary.unchanged)条"
                try await AuditTrail.record(AuditEvent("insurance.import_acknowledgements", objectType: "exchange_file_sha256", objectID: digest,
                                                       detail: detail), by: actor, at: now, key: services.keys.auditKey, on: db)
                return summary
            }
        } catch let refusal as Refused {
            throw try await refused(refusal.problems, file: fileName, app: app)
        }
    }

    struct Stored {
        let id: UUID
        let citizen: UUID
        let kind: String
        let state: OutboundExchangeState
        let caseID: UUID?
        let caseNumber: String?
        let division: String
        let payload: String
        let images: String?
        let createdAt: Int64
    }

    /// A person change undone: the citizen's audit row says which fields came back and which kept a later value.
    private static func auditReversal(_ reversal: PersonChanges.Reversal, of record: Stored, by actor: AuditActor, at now: Date,
                                      services: PlatformServices, on db: any Database) async throws {
        let names = { (fields: [PersonChangeField]) in fields.map(\.chinese).joined(separator: "、") }
        var detail = "核心系统退回人员信息变更（办件\(record.caseNumber ?? "")）：" + (reversal.restored.isEmpty ? "未恢复任何信息" : "已恢复" + names(reversal.restored))
        if !reversal.kept.isEmpty { detail += "；\(names(reversal.kept))在此后已被其他办件变更，保留新值" }
        try await AuditTrail.record(AuditEvent("citizen.change_reversed", objectType: "citizen", objectID: record.citizen.uuidString, detail: detail),
                                    by: actor, at: now, key: services.keys.auditKey, on: db)
    }

    /// A rejection recorded without undoing its change: the record's audit row names the case and what changed the
    /// row since (a confirmed record and its case, or an import), for the county's business admin to reconcile.
    private static func auditUnreversed(_ record: Stored, table: String, later: LedgerChanges.LaterChange, by actor: AuditActor, at now: Date,
                                        services: PlatformServices, on db: any Database) async throws {
        let what = switch table {
        case "insurance_enrolments": "参保登记"
        case "insurance_contributions": "缴费记录"
        case "insurance_entitlements": "待遇核定"
        case "insurance_entitlement_accounts": "待遇发放账户"
        default: table
        }
        let by = switch later {
        case .confirmed(let id, let number): "其后已被核心系统确认的交换记录\(id.uuidString.lowercased())（办件\(number ?? "无")）"
        case .imported: "其后的核心系统导入"
        }
        let detail = "核心系统退回（办件\(record.caseNumber ?? "无")），台账未撤销：该人员的\(what)已被\(by)更改，请县业务管理员与核心系统人工核对"
        try await AuditTrail.record(AuditEvent("insurance.acknowledgement_unreversed", objectType: "insurance_outbound",
                                               objectID: record.id.uuidString.lowercased(), detail: detail),
                                    by: actor, at: now, key: services.keys.auditKey, on: db)
    }

    /// A claim's entitlement undone with the payment account it gave: the person's audit row says whether the account
    /// was removed or the one it replaced put back (never the account itself).
    private static func auditAccountReversal(_ account: LedgerImages.AccountRow, of record: Stored, by actor: AuditActor, at now: Date,
                                             services: PlatformServices, on db: any Database) async throws {
        let scheme = InsuranceScheme(rawValue: account.scheme)?.chinese ?? account.scheme
        let detail = "核心系统退回待遇核定（办件\(record.caseNumber ?? "")）：\(scheme)待遇发放账户"
            + (account.before == nil ? "已删除" : "已恢复为本次申领前的账户")
        try await AuditTrail.record(AuditEvent("insurance.entitlement_account_reversed", objectType: "citizen", objectID: account.citizen.uuidString,
                                               detail: detail),
                                    by: actor, at: now, key: services.keys.auditKey, on: db)
    }

    private static func records(_ ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: Stored] {
        var stored: [UUID: Stored] = [:]
        for chunk in ids.chunked(500) {
            let rows = try await sql.raw("""
                SELECT o.id, o.citizen_id, o.kind, o.state, o.case_id, o.payload, o.ledger_images, o.created_at_ms, c.division_code, c.number
                FROM insurance_outbound o LEFT JOIN cases c ON c.id = o.case_id WHERE o.id IN (\(binds: Array(chunk)))
                """).all()
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                guard let state = OutboundExchangeState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
                stored[id] = Stored(id: id, citizen: try row.decode(column: "citizen_id", as: UUID.self),
                                    kind: try row.decode(column: "kind", as: String.self), state: state,
                                    caseID: try row.decode(column: "case_id", as: UUID?.self),
                                    caseNumber: try row.decode(column: "number", as: String?.self),
                                    division: try row.decode(column: "division_code", as: String?.self) ?? "",
                                    payload: try row.decode(column: "payload", as: String.self),
                                    images: try row.decode(column: "ledger_images", as: String?.self),
                                    createdAt: try row.decode(column: "created_at_ms", as: Int64.self))
            }
        }
        return stored
    }

    /// A refused file is audited (nothing else is written): who tried which file, and how many problems.
    private func refused(_ problems: ExchangeProblems, file: String, app: Application) async throws -> PublicError {
        let services = app.jiujinban
        let actor = AuditActor(userID: operatorAccount.id, role: operatorAccount.post, orgUnit: operatorAccount.unitKey, ip: nil)
        let detail = "拒绝导入核心系统答复“\(AuditDetail.sanitized(file, maximumLength: 40))”：\(problems.problems.count)处错误，"
            + "首处：" + (problems.problems.first?.text ?? "")
        try await services.writer.write(on: app.db) { db in
            try await AuditTrail.record(AuditEvent("insurance.import_acknowledgements", objectType: "exchange_file", result: .failed, detail: detail),
                                        by: actor, at: services.clock.now(), key: services.keys.auditKey, on: db)
        }
        return LedgerImport.refusal(problems, file: file)
    }
}
