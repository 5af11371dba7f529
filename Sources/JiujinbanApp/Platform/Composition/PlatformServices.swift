import Fluent
import JiujinbanRules
import Vapor

/// The platform services every feature reaches through `app.jiujinban` / `req.jiujinban`.
public struct PlatformServices: Sendable {
    public let configuration: AppConfiguration
    public let clock: AppClock
    public let writer: DatabaseWriter
    public let assets: StaticAssets
    public let catalogue: ServiceCatalogue
    /// The built-in holiday calendar (2024–2026, verified); admins add later years (`WorkCalendarStore`).
    public let workCalendar: WorkCalendar
    public let keys: SecretKeys
    /// Encrypts ID numbers and phones at rest and computes their blind index.
    public let cipher: PersonalDataCipher
}

extension Application {
    private struct PlatformKey: StorageKey {
        typealias Value = PlatformServices
    }

    private struct DemoFlagKey: StorageKey {
        typealias Value = Bool
    }

    public var jiujinban: PlatformServices {
        get {
            guard let services = storage[PlatformKey.self] else {
                fatalError("configure(_:configuration:) must run before the platform services are used")
            }
            return services
        }
        set { storage[PlatformKey.self] = newValue }
    }

    /// Whether the database holds demonstration data, read at boot so every page header can say so without a query.
    public var holdsDemoData: Bool {
        get { storage[DemoFlagKey.self] ?? false }
        set { storage[DemoFlagKey.self] = newValue }
    }
}

extension Request {
    public var jiujinban: PlatformServices { application.jiujinban }

    /// Runs `body` as one write transaction through the platform's writer (serialised on SQLite).
    public func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await application.jiujinban.writer.write(on: db, body)
    }
}
