import Fluent
import Foundation

/// Fluent models are classes whose property wrappers cannot be checked `Sendable`; an instance is kept inside one
/// task and turned into plain values before it is rendered or returned.
final class AppSetting: Model, @unchecked Sendable {
    static let schema = "app_settings"

    enum Key: String {
        /// Set when the demonstration data was loaded; the page header then warns that the data is not real.
        case demoDataLoadedAt = "demo_data_loaded_at"
    }

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String

    init() {}

    init(key: Key, value: String) {
        self.id = key.rawValue
        self.value = value
    }

    static func value(for key: Key, on db: any Database) async throws -> String? {
        try await AppSetting.find(key.rawValue, on: db)?.value
    }
}
