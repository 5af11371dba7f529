import Fluent
import Foundation
import JiujinbanRules

/// 办事群众 as stored. `CitizenFacts` (rules) is what goes in; `CitizenView` what pages show.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
final class CitizenRecord: Model, @unchecked Sendable {
    static let schema = "citizens"

    @ID(key: .id) var id: UUID?
    @Field(key: "id_number_sealed") var idNumberSealed: String
    @Field(key: "id_number_index") var idNumberIndex: String
    @Field(key: "name") var name: String
    @Field(key: "sex") var sex: String
    /// `YYYY-MM-DD`, from the ID number.
    @Field(key: "birth_date") var birthDate: String
    @OptionalField(key: "phone_sealed") var phoneSealed: String?
    @Field(key: "hukou_division_code") var hukouDivisionCode: String
    @Field(key: "residence_division_code") var residenceDivisionCode: String
    @Field(key: "ethnicity") var ethnicity: String
    @OptionalField(key: "card_number_sealed") var cardNumberSealed: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

enum CitizenCrypto {
    static let idNumberContext = "citizens.id_number"
    static let phoneContext = "citizens.phone"
    static let cardNumberContext = "citizens.card_number"
}
