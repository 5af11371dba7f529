import Crypto
import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `jiujinban insurance export-pending --out FILE [--person-changes-out FILE]`: writes every outbound record of the
/// operator's division that is pending, or sent and still unanswered (a lost file is sent again): the ledger's as the
/// outbound file (`OutboundFile`, one line per ledger row of a record, the person's ID number and an entitlement's
/// payment account opened from their seals: the core system keys on the one and pays into the other),
/// the person changes as their own file (`PersonChangeExport`); then marks them sent with one audit row per file,
/// in one transaction. Both files are written first and whole (atomically, readable by their owner only:
/// `OwnerOnlyFile`), the second even when it has no record,
/// so a file left from an earlier export is never taken for this one's: if marking fails the records stay pending
/// and go out again next time, which the core system recognises by `record_id`.
struct PendingExport {
    struct Summary: Sendable, Equatable {
        var records = 0
        var lines = 0
        var personRecords = 0
        var personLines = 0
        var personFile = ""

        var line: String {
            "已导出：交换记录 \(records) 条（文件 \(lines) 行）"
                + (personRecords == 0 ? "" : "，人员信息变更 \(personRecords) 条（文件 \(personFile)，\(personLines) 行）") + "，均已标记为已发送"
        }
    }

    let operatorAccount: AccountRecord

    func run(out path: String, personChangesOut: String? = nil, app: Application) async throws -> Summary {
        let personPath = personChangesOut ?? PersonChangeExport.path(besides: path)
        let services = app.jiujinban
        let sql = app.db as! any SQLDatabase
        let scope = (try? DivisionCode(operatorAccount.unitDivisionCode))?.scopePrefix ?? operatorAccount.unitDivisionCode
        let rows = try await sql.raw("""
            SELECT o.id, o.citizen_id, o.kind, o.scheme, o.payload, o.state, o.created_at_ms, c.number
            FROM insurance_outbound o JOIN cases c ON c.id = o.case_id
            WHERE o.state IN (\(bind: OutboundExchangeState.pending.rawValue), \(bind: OutboundExchangeState.sent.rawValue))
                AND c.division_code >= \(bind: scope) AND c.division_code < \(bind: scope + "a")
            ORDER BY o.created_at_ms, o.id
            """).all()
        let people = try await Self.people(Set(try rows.map { try $0.decode(column: "citizen_id", as: UUID.self) }), cipher: services.cipher,
                                           on: app.db)
        var table = CSVTable(header: OutboundFile.header)
        var personTable = CSVTable(header: PersonChangeFile.header)
        var records: [(UUID, OutboundExchangeState)] = []
        var personRecords = 0, personResent = 0
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            guard let person = people[try row.decode(column: "citizen_id", as: UUID.self)] else { continue }
            let payload = try row.decode(column: "payload", as: String.self)
            let state = OutboundExchangeState(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending
            if try row.decode(column: "kind", as: String.self) == ExchangeKind.personChanges.rawValue {
                for line in try PersonChangeExport.lines(of: id, payload: payload, row: row, person: person, cipher: services.cipher) {
                    personTable.append(line)
                }
                records.append((id, state))
                personRecords += 1
                personResent += state == .sent ? 1 : 0
                continue
            }
            guard let cells = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [[String: String]] else {
                throw PublicError(.internalServerError, "交换记录\(id.uuidString.lowercased())的内容无法读取")
            }
            let created = Date(timeIntervalSince1970: Double(try row.decode(column: "created_at_ms", as: Int64.self)) / 1000)
            for (index, cell) in try cells.map({ try Self.openingAccount($0, cipher: services.cipher) }).enumerated() {
                table.append(OutboundFile.line(cell.merging([
                    "record_id": id.uuidString.lowercased(), "row": String(index + 1), "kind": try row.decode(column: "kind", as: String.self),
                    "case_number": try row.decode(column: "number", as: String.self), "created_at": Self.timestamp(created),
                    "id_number": person.idNumber, "name": person.name, "hukou_division": person.hukou,
                    "scheme": try row.decode(column: "scheme", as: String.self),
                ]) { $1 }))
            }
            records.append((id, state))
        }
        let data = Data(table.text.utf8)
        do { try OwnerOnlyFile.write(data, to: path) } catch {
            throw PublicError(.badRequest, "无法写入文件 \(URL(fileURLWithPath: path).lastPathComponent)：请用 --out 指定可写入的路径")
        }
        let personData = Data(personTable.text.utf8)
        do { try OwnerOnlyFile.write(personData, to: personPath) } catch {
            throw PublicError(.badRequest, "无法写入文件 \(URL(fileURLWithPath: personPath).lastPathComponent)：请用 --person-changes-out 指定可写入的路径")
        }
        let personFile = URL(fileURLWithPath: personPath).lastPathComponent
        let summary = Summary(records: records.count - personRecords, lines: table.rows.count, personRecords: personRecords,
                              personLines: personTable.rows.count, personFile: personFile)
        let now = services.clock.now()
        let actor = AuditActor(userID: operatorAccount.id, role: operatorAccount.post, orgUnit: operatorAccount.unitKey, ip: nil)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let resent = records.filter { $0.1 == .sent }.count
        try await services.writer.write(on: app.db) { [records, personResent] db in
            for (id, _) in records {
                if case .failure(let problem) = try await OutboundExchange.move(id, to: .sent, at: now, on: db) {
                    throw PublicError(.conflict, problem.message)
                }
            }
            let detail = "导出待发送交换记录到“\(AuditDetail.sanitized(fileName, maximumLength: 40))”：\(summary.records)条，"
                + "其中重发\(resent - personResent)条，文件\(summary.lines)行"
            try await AuditTrail.record(AuditEvent("insurance.export_pending", objectType: "exchange_file_sha256", objectID: digest, detail: detail),
                                        by: actor, at: now, key: services.keys.auditKey, on: db)
            try await PersonChangeExport.audit(personData, file: personFile, records: summary.personRecords, resent: personResent,
                                               lines: summary.personLines, by: actor, at: now, services: services, on: db)
        }
        return summary
    }

    struct Person {
        let idNumber: String
        let name: String
        let hukou: String
    }

    static func people(_ ids: Set<UUID>, cipher: PersonalDataCipher, on db: any Database) async throws -> [UUID: Person] {
        var people: [UUID: Person] = [:]
        for chunk in Array(ids).chunked(500) {
            for record in try await CitizenRecord.query(on: db).filter(\.$id ~~ chunk).all() {
                people[try record.requireID()] = Person(
                    idNumber: try cipher.open(record.idNumberSealed, context: CitizenCrypto.idNumberContext), name: record.name,
                    hukou: record.hukouDivisionCode)
            }
        }
        return people
    }

    /// A payload line with its payment account's number opened (`account`) from the seal the record keeps it under
    /// (`account_sealed`, the ledger's own context): only the file holds it in the clear.
    static func openingAccount(_ cells: [String: String], cipher: PersonalDataCipher) throws -> [String: String] {
        guard let sealed = cells["account_sealed"] else { return cells }
        var opened = cells
        opened["account_sealed"] = nil
        opened["account"] = try cipher.open(sealed, context: LedgerCrypto.bankAccountContext)
        return opened
    }

    /// UTC with its offset, to the second (as the audit trail writes times).
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
