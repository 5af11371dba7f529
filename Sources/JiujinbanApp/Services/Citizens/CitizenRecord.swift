import Fluent
import SQLKit
import Foundation
import JiujinbanRules

/// 办事群众 as stored. `CitizenFacts` (rules) is what goes in; `CitizenView` what pages show.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
package final class CitizenRecord: Model, @unchecked Sendable {
    package static let schema = "citizens"

    @ID(key: .id) package var id: UUID?
    @Field(key: "id_number_sealed") package var idNumberSealed: String
    @Field(key: "id_number_index") package var idNumberIndex: String
    /// The full name: shown only after the audited 显示完整信息; pages, receipts and exports show `maskedName`.
    @Field(key: "name") package var name: String
    @Field(key: "sex") package var sex: String
    /// `YYYY-MM-DD`, from the ID number.
    @Field(key: "birth_date") package var birthDate: String
    @OptionalField(key: "phone_sealed") package var phoneSealed: String?
    @Field(key: "hukou_division_code") package var hukouDivisionCode: String
    @Field(key: "residence_division_code") package var residenceDivisionCode: String
    @Field(key: "ethnicity") package var ethnicity: String
    @OptionalField(key: "card_number_sealed") package var cardNumberSealed: String?
    /// 居住地址 within the residence village or community (item 30), sealed; nil until recorded.
    @OptionalField(key: "residence_address_sealed") package var residenceAddressSealed: String?
    /// The insurance import file that registered the person (`LedgerPeople`), and when; nil for people registered
    /// at a counter.
    @OptionalField(key: "imported_file") package var importedFile: String?
    @OptionalField(key: "imported_at") package var importedAt: Date?
    @Field(key: "created_by") package var createdBy: UUID
    @Field(key: "created_at") package var createdAt: Date
    @Field(key: "updated_at") package var updatedAt: Date

    package init() {}

    /// The name as staff screens, receipts and exports show it (domain rules §10, `Masking.maskedName`).
    var maskedName: String { Masking.maskedName(name) }
}

package enum CitizenCrypto {
    package static let idNumberContext = "citizens.id_number"
    package static let phoneContext = "citizens.phone"
    static let cardNumberContext = "citizens.card_number"
    static let residenceAddressContext = "citizens.residence_address"
}

/// Reading a citizen at the counter is on every lookup and every acceptance: plain SQL and a hand-filled record,
/// without Fluent's per-query model reflection.
extension CitizenRecord {
    static func find(id: UUID, on db: any Database) async throws -> CitizenRecord? {
        try await (db as! any SQLDatabase).raw("SELECT * FROM citizens WHERE id = \(bind: id)").first().map(record)
    }

    static func find(index: String, on db: any Database) async throws -> CitizenRecord? {
        try await (db as! any SQLDatabase).raw("SELECT * FROM citizens WHERE id_number_index = \(bind: index)").first().map(record)
    }

    private static func record(_ row: any SQLRow) throws -> CitizenRecord {
        let record = CitizenRecord()
        record.id = try row.decode(column: "id", as: UUID.self)
        record.idNumberSealed = try row.decode(column: "id_number_sealed", as: String.self)
        record.idNumberIndex = try row.decode(column: "id_number_index", as: String.self)
        record.name = try row.decode(column: "name", as: String.self)
        record.sex = try row.decode(column: "sex", as: String.self)
        record.birthDate = try row.decode(column: "birth_date", as: String.self)
        record.phoneSealed = try row.decode(column: "phone_sealed", as: String?.self)
        record.hukouDivisionCode = try row.decode(column: "hukou_division_code", as: String.self)
        record.residenceDivisionCode = try row.decode(column: "residence_division_code", as: String.self)
        record.ethnicity = try row.decode(column: "ethnicity", as: String.self)
        record.cardNumberSealed = try row.decode(column: "card_number_sealed", as: String?.self)
        record.residenceAddressSealed = try row.decode(column: "residence_address_sealed", as: String?.self)
        record.importedFile = try row.decode(column: "imported_file", as: String?.self)
        record.importedAt = try row.decode(column: "imported_at", as: Date?.self)
        record.createdBy = try row.decode(column: "created_by", as: UUID.self)
        record.createdAt = try row.decode(column: "created_at", as: Date.self)
        record.updatedAt = try row.decode(column: "updated_at", as: Date.self)
        // Loaded, not new: a later `update(on:)` must not insert it again.
        record.$id.exists = true
        return record
    }
}
