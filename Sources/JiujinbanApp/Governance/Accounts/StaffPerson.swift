import Fluent
import Foundation

/// 工作人员: a real person who holds staff accounts. The ID number and phone are sealed; `id_number_index` finds
/// a person by exact ID number without decrypting.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
package final class StaffPerson: Model, @unchecked Sendable {
    package static let schema = "staff_persons"

    @ID(key: .id) package var id: UUID?
    @Field(key: "name") package var name: String
    @Field(key: "id_number_sealed") var idNumberSealed: String
    @Field(key: "id_number_index") var idNumberIndex: String
    @Field(key: "phone_sealed") var phoneSealed: String
    @Field(key: "is_demo") package var isDemo: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    package init() {}

    init(id: UUID = UUID(), name: String, idNumberSealed: String, idNumberIndex: String, phoneSealed: String, isDemo: Bool) {
        self.id = id
        self.name = name
        self.idNumberSealed = idNumberSealed
        self.idNumberIndex = idNumberIndex
        self.phoneSealed = phoneSealed
        self.isDemo = isDemo
    }
}
