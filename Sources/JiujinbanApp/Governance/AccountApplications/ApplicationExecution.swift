import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 办理: carrying out an approved application's part, inside the caller's write transaction. Every change is
/// checked by the same rules as the account pages (`AccountPolicy`, `PermissionPolicy`); the first refusal throws
/// `ExecutionRefused` and the transaction takes everything back.
struct ApplicationExecution {
    let req: Request
    let staff: SignedInStaff
    let loaded: LoadedApplication
    let db: any Database

    struct ExecutionRefused: Error {
        let message: String
    }

    /// 账号事项: creates the new accounts, applies freezes, unlocks and deactivations. Returns the content with the
    /// created accounts filled in.
    func carryOutAccounts() async throws -> ApplicationContent {
        var content = loaded.content
        let services = req.jiujinban
        let now = services.clock.now()
        let request = loaded.application.request
        for (index, item) in request.items.enumerated() {
            let label = "第\(index + 1)项（\(item.kind.label)）"
            switch item {
            case .newAccount(let wanted):
                // The person's row is locked first, so the accounts read next are all there are (`PersonPosts`).
                // An approved application is the one way to a second handling account in another unit; the
                // administrator, auditor and oversight exclusions hold here as everywhere.
                let personID = try await StaffRegistry.person(
                    name: wanted.name, idNumber: wanted.idNumber.value, phone: wanted.phone.value, isDemo: false,
                    today: services.clock.today, cipher: services.cipher, on: db)
                let held = try await PersonAccounts.held(ofPerson: personID, on: db)
                let subject = AccountSubject(personID: personID, post: wanted.post, unit: wanted.unit)
                if let refusal = AccountPolicy.mayCreate(staff.account, subject, route: .applicationForm,
                                                         otherAccountsOfPerson: held).refusal {
                    throw ExecutionRefused(message: "\(label)：\(refusal.message)")
                }
                let account = AccountRecord(personID: personID, post: wanted.post, unit: wanted.unit, createdAt: now)
                try await account.create(on: db)
                let accountID = try account.requireID()
                content.items[index].accountID = accountID
                try await req.audit(AuditEvent("account.create", objectType: "account", objectID: accountID.uuidString,
                                               detail: "\(wanted.post.label)，依申请单\(loaded.number)"), on: db)
            case .freeze(let id), .unlock(let id), .deactivate(let id):
                let change: AccountStatus.Change = switch item {
                case .freeze: .freeze
                case .unlock: .unlock
                default: .deactivate
                }
                try await changeStatus(of: id, change, label: label, now: now)
            case .changePermissions:
                continue
            }
        }
        return content
    }

    private func changeStatus(of id: UUID, _ change: AccountStatus.Change, label: String, now: Date) async throws {
        guard let record = try await AccountRecord.find(id, on: db),
              let account = try await StaffDirectory.account(record, on: db) else {
            throw ExecutionRefused(message: "\(label)：该账号已不存在")
        }
        if let refusal = AccountPolicy.mayChangeStatus(staff.account, of: account, change).refusal {
            throw ExecutionRefused(message: "\(label)：\(refusal.message)")
        }
        guard let next = account.status.applying(change) else {
            throw ExecutionRefused(message: "\(label)：\(Refusal.statusChangeNotApplicable(account.status, change).message)")
        }
        record.status = next.rawValue
        record.statusReason = "依申请单\(loaded.number)"
        if change == .unlock {
            record.lastUnlockedAt = now
            record.leakReportedAt = nil
        }
        try await record.update(on: db)
        try await StaffDirectory.endSessions(of: id, on: db)
        try await req.audit(AuditEvent("account.\(change.rawValue)", objectType: "account", objectID: id.uuidString,
                                       detail: "依申请单\(loaded.number)"), on: db)
    }

    /// 角色和权限事项: associates the roles of the accounts created for the application and sets the permissions
    /// chosen on the form (`grants` by item index; pre-filled with what was asked).
    func carryOutPermissions(grants chosen: [Int: Set<ItemPermission>]) async throws {
        let catalogue = req.jiujinban.catalogue
        let now = req.jiujinban.clock.now()
        for (index, item) in loaded.content.items.enumerated() where item.kind == .newAccount || item.kind == .changePermissions {
            let label = "第\(index + 1)项（\(item.kind.label)）"
            guard let id = item.accountID, let record = try await AccountRecord.find(id, on: db),
                  let account = try await StaffDirectory.account(record, on: db) else {
                throw ExecutionRefused(message: "\(label)：该账号已不存在")
            }
            let grants = chosen[index] ?? []
            if let refusal = PermissionPolicy.maySetGrants(staff.account, grants, for: account, catalogue: catalogue).refusal {
                throw ExecutionRefused(message: "\(label)：\(refusal.message)")
            }
            if record.roleAssociatedAt == nil {
                record.roleAssociatedAt = now
                record.roleAssociatedBy = staff.account.id
                try await record.update(on: db)
            }
            try await StaffRegistry.setGrants(grants, of: id, on: db)
            try await StaffDirectory.endSessions(of: id, on: db)
            try await req.audit(AuditEvent("account.grants", objectType: "account", objectID: id.uuidString,
                                           detail: "关联角色\(account.post.label)；权限："
                                               + (grants.isEmpty ? "无" : grants.sorted().map(\.description).joined(separator: ","))
                                               + "；依申请单\(loaded.number)"), on: db)
        }
    }
}
