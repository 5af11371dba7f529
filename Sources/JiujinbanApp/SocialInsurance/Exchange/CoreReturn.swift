import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 核心系统退回: the core system rejected the ledger change of an approved case. The case goes back to its point's
/// workbench in the state `coreReturned` with the core system's reason (`decision_reason`), its timeline shows the
/// step, the audit trail a row for the case, and whoever accepted it a notification (`CaseOutcomeNotices`); its
/// point may submit it again (`resubmit`), which applies the item's effect anew, or close it (`close`).
enum CoreReturn {
    static let stepName = "core_return"

    static func returnCase(_ caseID: UUID, reason: String, by account: AccountRecord, actor: AuditActor, at now: Date,
                           services: PlatformServices, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let returned = CaseFile.State.coreReturned.rawValue
        // A case with several changes may be returned by each of them: it stays returned, with the latest reason.
        let rows = try await sql.raw("""
            UPDATE cases SET state = \(bind: returned), decision_reason = \(bind: reason), finished_at = \(bind: Date?.none),
                updated_at = \(bind: now)
            WHERE id = \(bind: caseID) AND state IN (\(bind: CaseFile.State.approved.rawValue), \(bind: returned))
            RETURNING number
            """).all()
        guard let number = try rows.first?.decode(column: "number", as: String.self) else { return }
        try await sql.raw("""
            INSERT INTO case_steps (id, case_id, at, actor_account, actor_kind, actor_name, actor_post, actor_unit_name, action, detail)
            VALUES (\(bind: UUID()), \(bind: caseID), \(bind: now), \(bind: account.id), \(bind: "staff"), \(bind: "答复由业务管理员导入"),
                \(bind: account.post), \(bind: "省级社保核心系统"), \(bind: stepName), \(bind: reason))
            """).run()
        try await AuditTrail.record(AuditEvent("case.core_return", objectType: "case", objectID: number,
                                               detail: "核心系统退回：" + AuditDetail.sanitized(reason, maximumLength: 100)),
                                    by: actor, at: now, key: services.keys.auditKey, on: db)
        if let record = try await CaseRecord.find(caseID, on: db),
           let file = try await CaseEngine.file(record, catalogue: services.catalogue, on: db) {
            let item = services.catalogue.items.first { $0.seq == record.itemSeq }
            try await CaseOutcomeNotices.sendCoreReturn(record: record, file: file, itemText: "第\(record.itemSeq)项" + (item.map { "“\($0.name)”" } ?? ""),
                                                        reason: reason, by: try account.requireID(), at: now, on: db)
        }
    }
}
