import Crypto
import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// The person-change file of `export-pending` (`PersonChangeFile`): one line per changed field of a 人员信息变更
/// record, its phone and address opened from their seals (the file is the core system's, which holds them in full;
/// at rest on this platform they stay sealed), and its own audit row with the file's SHA-256.
enum PersonChangeExport {
    /// Where the file goes when `--person-changes-out` is not given: beside the outbound file, `pending.csv` →
    /// `pending-person-changes.csv`.
    static func path(besides out: String) -> String {
        let url = URL(fileURLWithPath: out)
        let stem = url.pathExtension.lowercased() == "csv" ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(stem + "-person-changes.csv").path
    }

    /// The lines of record `id`, read from its export row (`number`, `scheme`, `created_at_ms`) and its payload.
    static func lines(of id: UUID, payload: String, row: any SQLRow, person: PendingExport.Person, cipher: PersonalDataCipher) throws
        -> [[String]]
    {
        guard let changes = try? PersonChanges.decode(payload) else {
            throw PublicError(.internalServerError, "交换记录\(id.uuidString.lowercased())的内容无法读取")
        }
        let created = Date(timeIntervalSince1970: Double(try row.decode(column: "created_at_ms", as: Int64.self)) / 1000)
        let cells = [
            "record_id": id.uuidString.lowercased(), "case_number": try row.decode(column: "number", as: String.self),
            "created_at": PendingExport.timestamp(created), "id_number": person.idNumber, "name": person.name,
            "hukou_division": person.hukou, "scheme": try row.decode(column: "scheme", as: String.self),
        ]
        return try changes.enumerated().map { index, change in
            let open = { (value: String) throws -> String in
                guard let context = PersonChanges.context(change.field) else { return value }
                return try cipher.open(value, context: context)
            }
            return PersonChangeFile.line(cells.merging(["row": String(index + 1)]) { $1 }, field: change.field,
                                         before: try change.before.map(open), after: try open(change.after))
        }
    }

    /// One audit row for the file, written or not: who sent which file (its SHA-256), how many records and lines.
    static func audit(_ data: Data, file: String, records: Int, resent: Int, lines: Int, by actor: AuditActor, at now: Date,
                      services: PlatformServices, on db: any Database) async throws {
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let detail = "导出待发送人员信息变更到“\(AuditDetail.sanitized(file, maximumLength: 40))”：\(records)条，其中重发\(resent)条，文件\(lines)行"
        try await AuditTrail.record(AuditEvent("insurance.export_person_changes", objectType: "exchange_file_sha256", objectID: digest,
                                               detail: detail),
                                    by: actor, at: now, key: services.keys.auditKey, on: db)
    }
}
