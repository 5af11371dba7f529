import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// Writes of persons and accounts shared by the bootstrap command, the demonstration data and (later) the
/// account pages: the ID number and phone are validated, sealed and indexed in one place.
enum StaffRegistry {
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

    /// The person with this ID number, created if new. Returns the person's id.
    static func person(
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
        if let existing = try await StaffPerson.query(on: db).filter(\.$idNumberIndex == index).first(), let id = existing.id {
            return id
        }
        let person = StaffPerson(
            id: id, name: name, idNumberSealed: try cipher.seal(idNumber.value, context: StaffCrypto.idNumberContext),
            idNumberIndex: index, phoneSealed: try cipher.seal(phone.value, context: StaffCrypto.phoneContext), isDemo: isDemo)
        try await person.create(on: db)
        return try person.requireID()
    }

    static func setGrants(_ grants: Set<ItemPermission>, of accountID: UUID, on db: any Database) async throws {
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
