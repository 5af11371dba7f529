import Crypto
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing

/// Valid key variables, as a production deployment sets them.
let productionKeys: [String: String] = {
    func random() -> String { SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() } }
    return ["JIUJINBAN_DATA_KEY": random(), "JIUJINBAN_INDEX_KEY": random(), "JIUJINBAN_AUDIT_KEY": random(),
            "JIUJINBAN_CARD_PUBLIC_KEY": P256.Signing.PrivateKey().publicKey.pemRepresentation]
}()

@Suite("Configuration parsed once at boot")
struct ConfigurationTests {
    @Test("no variables: SQLite under ./data with demonstration data")
    func defaults() throws {
        let configuration = try AppConfiguration.parse([:], isProduction: false)
        #expect(configuration.database == .sqlite(path: "./data/jiujinban.sqlite"))
        #expect(configuration.loadDemoData)
        #expect(configuration.postgresPoolSize == 4)
    }

    @Test("production loads no demonstration data unless asked")
    func productionDefaults() throws {
        let productionDefault = try AppConfiguration.parse(productionKeys, isProduction: true).loadDemoData
        #expect(productionDefault == false)
        let productionAsked = try AppConfiguration.parse(
            productionKeys.merging(["JIUJINBAN_DEMO_DATA": "true"]) { $1 }, isProduction: true).loadDemoData
        #expect(productionAsked)
    }

    @Test("JIUJINBAN_DATA_DIR moves the SQLite file")
    func dataDirectory() throws {
        let configuration = try AppConfiguration.parse(["JIUJINBAN_DATA_DIR": "/var/lib/jjb"], isProduction: false)
        #expect(configuration.database == .sqlite(path: "/var/lib/jjb/jiujinban.sqlite"))
    }

    @Test("DATABASE_URL switches to PostgreSQL", arguments: [
        "postgres://jjb:secret@127.0.0.1:5432/jiujinban", "postgresql://db.internal/jjb?sslmode=disable",
    ])
    func postgres(url: String) throws {
        let configuration = try AppConfiguration.parse(
            productionKeys.merging(["DATABASE_URL": url, "JIUJINBAN_DB_POOL_SIZE": "12"]) { $1 }, isProduction: true)
        #expect(configuration.keys != nil)
        #expect(configuration.secureCookies)
        #expect(configuration.database == .postgres(url: url))
        #expect(configuration.postgresPoolSize == 12)
    }

    @Test("every bad variable is named in one message")
    func everyProblemAtOnce() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try AppConfiguration.parse([
                "DATABASE_URL": "mysql://localhost/jjb",
                "JIUJINBAN_DEMO_DATA": "maybe",
                "JIUJINBAN_DB_POOL_SIZE": "0",
            ], isProduction: false)
        }
        let caught = try #require(error)
        #expect(caught.variables == ["DATABASE_URL", "JIUJINBAN_DEMO_DATA", "JIUJINBAN_DB_POOL_SIZE"])
        for variable in caught.variables { #expect(caught.description.contains(variable)) }
        #expect(caught.description.contains("mysql"))
    }

    @Test("the login lock's numbers come from the environment (S04); bad ones are named in Chinese")
    func loginThrottle() throws {
        let defaults = try AppConfiguration.parse([:], isProduction: false).loginThrottle
        #expect(defaults == LoginThrottle.Policy(maxFailures: 5, window: 15 * 60, lockDuration: 30 * 60))
        let configured = try AppConfiguration.parse([
            "JIUJINBAN_LOGIN_MAX_FAILURES": "3", "JIUJINBAN_LOGIN_FAILURE_WINDOW_MINUTES": "10", "JIUJINBAN_LOGIN_LOCK_MINUTES": "60",
        ], isProduction: false).loginThrottle
        #expect(configured == LoginThrottle.Policy(maxFailures: 3, window: 600, lockDuration: 3_600))
        let error = #expect(throws: ConfigurationError.self) {
            try AppConfiguration.parse([
                "JIUJINBAN_LOGIN_MAX_FAILURES": "0", "JIUJINBAN_LOGIN_FAILURE_WINDOW_MINUTES": "一刻钟",
                "JIUJINBAN_LOGIN_LOCK_MINUTES": "1441",
            ], isProduction: false)
        }
        let caught = try #require(error)
        #expect(caught.variables == ["JIUJINBAN_LOGIN_MAX_FAILURES", "JIUJINBAN_LOGIN_FAILURE_WINDOW_MINUTES", "JIUJINBAN_LOGIN_LOCK_MINUTES"])
        #expect(caught.description.contains("应为1至100之间的整数，现为“0”"))
        #expect(caught.description.contains("应为1至1440之间的整数，现为“一刻钟”"))
    }

    @Test("JIUJINBAN_DATA_DIR holds the audit archives with PostgreSQL too")
    func dataDirectoryWithPostgres() throws {
        let configuration = try AppConfiguration.parse(
            ["DATABASE_URL": "postgres://db.internal/jjb", "JIUJINBAN_DATA_DIR": "/var/lib/jjb"], isProduction: false)
        #expect(configuration.database == .postgres(url: "postgres://db.internal/jjb"))
        #expect(configuration.dataDirectory == "/var/lib/jjb")
    }

    @Test("malformed database addresses are refused", arguments: [
        "not a url", "postgres://", "postgres://host-only", "http://127.0.0.1/jjb",
    ])
    func badDatabaseURL(url: String) {
        #expect(throws: ConfigurationError.self) { try AppConfiguration.parse(["DATABASE_URL": url], isProduction: false) }
    }

    @Test("a data directory that is a file, or empty, is refused")
    func badDataDirectory() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jjb-not-a-dir-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: ConfigurationError.self) { try AppConfiguration.parse(["JIUJINBAN_DATA_DIR": file.path], isProduction: false) }
        #expect(throws: ConfigurationError.self) { try AppConfiguration.parse(["JIUJINBAN_DATA_DIR": "  "], isProduction: false) }
    }

    @Test("production refuses to start without its keys, naming each missing variable")
    func productionNeedsKeys() throws {
        let error = #expect(throws: ConfigurationError.self) { try AppConfiguration.parse([:], isProduction: true) }
        #expect(try #require(error).variables == SecretKeys.variables)
    }

    @Test("keys are all or nothing, and each must be well formed")
    func keyProblems() throws {
        var partial = productionKeys
        partial["JIUJINBAN_AUDIT_KEY"] = nil
        partial["JIUJINBAN_DATA_KEY"] = "c2hvcnQ="
        partial["JIUJINBAN_CARD_PUBLIC_KEY"] = "-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----"
        let error = #expect(throws: ConfigurationError.self) { try AppConfiguration.parse(partial, isProduction: false) }
        #expect(Set(try #require(error).variables) == ["JIUJINBAN_AUDIT_KEY", "JIUJINBAN_DATA_KEY", "JIUJINBAN_CARD_PUBLIC_KEY"])
    }

    @Test("development without key variables uses keys kept in a file beside the database, stable across restarts")
    func developmentKeys() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jjb-keys-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try DevelopmentKeys.loadOrCreate(in: directory)
        let second = try DevelopmentKeys.loadOrCreate(in: directory)
        #expect(first.cardPlatformKey.rawRepresentation == second.cardPlatformKey.rawRepresentation)
        #expect(first.auditKey == second.auditKey)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/development-keys.json")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}
