import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 操作人员: the business admin a ledger command (`insurance …`, `payments …`) acts for, named by `--operator`.
/// The commands change the ledger of a whole division, so only an active business admin may run them (of `county`
/// when given: a batch or a year-end close is one county's, and only its own admin may order it). A known account
/// refused is audited under the action's own event, as a page refusal is; an unknown id names no one to audit.
enum InsuranceOperator {
    static func account(_ raw: String?, county: DivisionCode? = nil, action: String, event: String, app: Application) async throws -> AccountRecord {
        guard let raw, let id = UUID(uuidString: raw.trimmingCharacters(in: .whitespaces)) else {
            throw PublicError(.badRequest, "请用 --operator 指定操作人员的账号编号（业务管理员，见“我的账号”页）")
        }
        guard let account = try await AccountRecord.find(id, on: app.db) else {
            throw PublicError(.badRequest, "--operator：没有编号为 \(id) 的账号")
        }
        let refusal: String? = if account.status != AccountStatus.active.rawValue {
            "该账号未处于正常状态，不能\(action)"
        } else if account.post != Post.businessAdmin.rawValue {
            "只有业务管理员可以\(action)"
        } else if let county, account.unitDivisionCode != county.value {
            "只有区划 \(county.value) 的业务管理员可以\(action)"
        } else {
            nil
        }
        guard let refusal else { return account }
        let services = app.jiujinban
        try await services.writer.write(on: app.db) { db in
            try await BankReturnImport.record(AuditEvent(event, objectType: "division", objectID: county?.value, result: .denied,
                                                         detail: "拒绝\(action)：\(refusal)"),
                                              account, services: services, on: db)
        }
        throw PublicError(.forbidden, "--operator：\(refusal)")
    }
}
