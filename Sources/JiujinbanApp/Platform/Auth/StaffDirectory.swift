import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// Reads of accounts as authorization needs them.
package enum StaffDirectory {
    /// The item permissions stored for an account.
    package static func grants(of accountID: UUID, on db: any Database) async throws -> Set<ItemPermission> {
        let rows = try await (db as! any SQLDatabase).raw(
            "SELECT item_seq, action FROM account_grants WHERE account_id = \(bind: accountID)").all()
        return Set(try rows.compactMap { row in
            ItemPermission.Action(rawValue: try row.decode(column: "action", as: String.self)).map {
                ItemPermission(item: try! row.decode(column: "item_seq", as: Int.self), action: $0)
            }
        })
    }

    /// An expert's business areas.
    static func areas(of accountID: UUID, on db: any Database) async throws -> Set<BusinessArea> {
        let rows = try await (db as! any SQLDatabase).raw(
            "SELECT area FROM account_areas WHERE account_id = \(bind: accountID)").all()
        return Set(try rows.compactMap { BusinessArea(rawValue: try $0.decode(column: "area", as: String.self)) })
    }

    /// The rules' view of a stored account (looks up the service point's kind for a point unit).
    static func account(_ record: AccountRecord, on db: any Database) async throws -> StaffAccount? {
        try await resolve(record, on: db)?.account
    }

    /// The rules' view of a stored account and its unit's name, with one lookup of the unit (the session
    /// middleware does this on every request).
    static func resolve(_ record: AccountRecord, on db: any Database) async throws -> (account: StaffAccount, unitName: String)? {
        if let pointID = record.unitServicePointID {
            let point = try await ServicePoint.find(pointID, on: db)
            guard let account = record.account(servicePointKind: point.flatMap { ServicePointKind(rawValue: $0.kind) }) else { return nil }
            return (account, point?.institution ?? "服务点")
        }
        guard let account = record.account(servicePointKind: nil) else { return nil }
        return (account, try await unitName(account.unit, on: db))
    }

    /// 芮城县人社部门: a department named after its division (the code when the division is missing).
    static func departmentName(_ divisionName: String?, code: String) -> String {
        (divisionName ?? code) + "人社部门"
    }

    /// 芮城县人社部门, 令花社区党群服务中心: how a unit is named on pages.
    static func unitName(_ unit: OrgUnit, on db: any Database) async throws -> String {
        switch unit {
        case .department(let code):
            return departmentName(try await Division.find(code.value, on: db)?.name, code: code.value)
        case .servicePoint(let id, _, _):
            return try await ServicePoint.find(id, on: db)?.institution ?? "服务点"
        }
    }

    /// Every live (not deactivated) account of a person, for the account chooser and separation-of-duties checks.
    static func liveAccounts(ofPerson personID: UUID, on db: any Database) async throws -> [StaffAccount] {
        let records = try await AccountRecord.query(on: db)
            .filter(\.$personID == personID)
            .filter(\.$status != AccountStatus.deactivated.rawValue)
            .all()
        var accounts: [StaffAccount] = []
        for record in records {
            if let account = try await account(record, on: db) { accounts.append(account) }
        }
        return accounts
    }

    /// Ends every session of an account at once (freeze, lock, deactivate, role change: S06).
    static func endSessions(of accountID: UUID, on db: any Database) async throws {
        try await SessionRecord.query(on: db).filter(\.$accountID == accountID).delete()
    }
}
