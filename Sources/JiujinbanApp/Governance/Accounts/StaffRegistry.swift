import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// Writes of persons and accounts shared by the bootstrap command, the demonstration data, the account pages and
/// the applications: the ID number and phone are validated, sealed and indexed in one place.
package enum StaffRegistry {
    enum Problem: Error, CustomStringConvertible {
        case invalidIDNumber(String)
        case invalidPhone(String)

        var description: String {
            switch self {
            case .invalidIDNumber(let message): "身份证号码：\(message)"
            case .invalidPhone(let message): "手机号码：\(message)"
            }
        }
    }

    /// The person with this ID number, created if new, and locked until the caller's transaction ends (PostgreSQL;
    /// SQLite's one writer serialises every write anyway). Returns the person's id.
    ///
    /// Whatever is decided about the person's accounts in the same transaction (`PersonPosts`) therefore sees every
    /// account committed before and none committed after: of two creations for one person at once, the second
    /// waits and then reads the first's account. Two creations of the same new person do not fail on the unique
    /// index either: the second's insert waits for the first's commit, does nothing, and locks the first's row.
    package static func person(
        name: String, idNumber rawID: String, phone rawPhone: String, isDemo: Bool, today: CalendarDate,
        cipher: PersonalDataCipher, on db: any Database, id: UUID = UUID()
    ) async throws -> UUID {
        let idNumber: ResidentIDNumber
        switch ResidentIDNumber.parse(rawID, today: today) {
        case .success(let parsed): idNumber = parsed
        case .failure(let error): throw Problem.invalidIDNumber(error.message)
        }
        let phone: MobilePhoneNumber
        switch MobilePhoneNumber.parse(rawPhone) {
        case .success(let parsed): phone = parsed
        case .failure(let error): throw Problem.invalidPhone(error.message)
        }
        let index = cipher.blindIndex(idNumber.value, context: StaffCrypto.idNumberContext)
        if let existing = try await lockedPerson(index: index, on: db) { return existing }
        try await (db as! any SQLDatabase).insert(into: StaffPerson.schema)
            .columns("id", "name", "id_number_sealed", "id_number_index", "phone_sealed", "is_demo", "created_at")
            .values(SQLBind(id), SQLBind(name), SQLBind(try cipher.seal(idNumber.value, context: StaffCrypto.idNumberContext)),
                    SQLBind(index), SQLBind(try cipher.seal(phone.value, context: StaffCrypto.phoneContext)), SQLBind(isDemo),
                    SQLBind(Date()))
            .ignoringConflicts(with: ["id_number_index"])
            .run()
        guard let created = try await lockedPerson(index: index, on: db) else {
            throw PublicError(.internalServerError, "工作人员信息保存失败，请重试")
        }
        return created
    }

    /// The id of the person with this blind index, the row locked on PostgreSQL.
    private static func lockedPerson(index: String, on db: any Database) async throws -> UUID? {
        let sql = db as! any SQLDatabase
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        return try await sql.raw("SELECT id FROM staff_persons WHERE id_number_index = \(bind: index)\(unsafeRaw: lock)")
            .first()?.decode(column: "id", as: UUID.self)
    }

    package static func setGrants(_ grants: Set<ItemPermission>, of accountID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.delete(from: "account_grants").where("account_id", .equal, SQLBind(accountID)).run()
        guard !grants.isEmpty else { return }
        let insert = sql.insert(into: "account_grants").columns("account_id", "item_seq", "action")
        for grant in grants.sorted() {
            insert.values(SQLBind(accountID), SQLBind(grant.item), SQLBind(grant.action.rawValue))
        }
        try await insert.run()
    }

    static func setAreas(_ areas: Set<BusinessArea>, of accountID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.delete(from: "account_areas").where("account_id", .equal, SQLBind(accountID)).run()
        guard !areas.isEmpty else { return }
        let insert = sql.insert(into: "account_areas").columns("account_id", "area")
        for area in areas.sorted(by: { $0.rawValue < $1.rawValue }) { insert.values(SQLBind(accountID), SQLBind(area.rawValue)) }
        try await insert.run()
    }
}
