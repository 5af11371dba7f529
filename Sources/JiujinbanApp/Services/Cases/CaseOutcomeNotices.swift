import Fluent
import Foundation
import JiujinbanRules

/// What the operator who accepted a case is told when a reviewer decides it or returns it (系统内通知): the outcome
/// reaches the counter without anyone watching the workbench. Written in the transaction of the step it reports.
enum CaseOutcomeNotices {
    /// The notice for a step, or nil for a step the counter took itself (a resubmission, a closing, a finish).
    static func notice(_ action: CaseFile.Action, number: String, itemText: String, reason: String?, missing: [String])
        -> (title: String, body: String)?
    {
        switch action {
        case .approve: ("办件已审核通过：\(number)", "\(itemText)已审核通过，办结。")
        case .reject: ("办件不予办理：\(number)", "\(itemText)不予办理。理由：\(reason ?? "")")
        case .returnForDocuments:
            ("办件退回补正：\(number)", "\(itemText)需补正材料：\(missing.joined(separator: "、"))。请告知群众一次性补齐后重新提交。")
        case .resubmit, .close, .finish: nil
        }
    }

    /// The accounts told: the staff member who accepted the case or, for a case a kiosk or an interface opened, the
    /// point's operators; never the reviewer who took the step.
    static func recipients(of record: CaseRecord, point: OrgUnit, except actor: UUID, on db: any Database) async throws -> [UUID] {
        let accounts = if let handler = record.handlerAccount { [handler] }
                       else { try await Notifier.accounts(holding: [.operator], in: point, on: db) }
        return accounts.filter { $0 != actor }
    }

    static func send(
        _ action: CaseFile.Action, record: CaseRecord, file: CaseFile, itemText: String, reason: String?, missing: [String],
        by actor: UUID, at now: Date, on db: any Database
    ) async throws {
        guard let notice = notice(action, number: record.number, itemText: itemText, reason: reason, missing: missing) else { return }
        let to = try await recipients(of: record, point: file.servicePoint, except: actor, on: db)
        try await Notifier.notify(to, title: notice.title, body: notice.body, link: .caseFile(id: try record.requireID()), at: now, on: db)
    }

    /// 核心系统退回 (`CoreReturn`): the point learns that what its case changed was undone, why, and what it may do.
    static func coreReturnNotice(number: String, itemText: String, reason: String) -> (title: String, body: String) {
        ("办件被核心系统退回：\(number)",
         "\(itemText)对参保台账的变更被省级社保核心系统退回，变更已撤销。退回原因：\(reason)。请按原因核对后重新提交，或终止办理后重新受理。")
    }

    static func sendCoreReturn(record: CaseRecord, file: CaseFile, itemText: String, reason: String, by actor: UUID, at now: Date,
                               on db: any Database) async throws {
        let notice = coreReturnNotice(number: record.number, itemText: itemText, reason: reason)
        let to = try await recipients(of: record, point: file.servicePoint, except: actor, on: db)
        try await Notifier.notify(to, title: notice.title, body: notice.body, link: .caseFile(id: try record.requireID()), at: now, on: db)
    }
}
