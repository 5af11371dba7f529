import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// Each person's `LoginThrottle` in `login_throttles`: the subject is the keyed blind index of the ID number (the
/// same value that finds the person), the state the JSON of the throttle. Read and written inside the caller's
/// write transaction, so a refusal, its count and its audit rows commit together.
enum LoginThrottleStore {
    static func load(_ subject: String, on db: any Database) async throws -> LoginThrottle {
        let sql = db as! any SQLDatabase
        // PostgreSQL: lock the row, so two refusals of one person at the same moment both count.
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let row = try await sql.raw(
            "SELECT state FROM login_throttles WHERE subject = \(bind: subject)\(unsafeRaw: lock)").first() else {
            return LoginThrottle()
        }
        let state = try row.decode(column: "state", as: String.self)
        // A row that no longer decodes (written by a future format) must not stop the person signing in for ever.
        return (try? decoder.decode(LoginThrottle.self, from: Data(state.utf8))) ?? LoginThrottle()
    }

    /// Stores the throttle; a clean one (after a success) deletes the row, so the table holds only recent trouble.
    static func save(_ throttle: LoginThrottle, subject: String, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        guard throttle != LoginThrottle() else {
            try await sql.delete(from: "login_throttles").where("subject", .equal, SQLBind(subject)).run()
            return
        }
        let state = String(decoding: try encoder.encode(throttle), as: UTF8.self)
        try await sql.insert(into: "login_throttles").columns("subject", "state")
            .values(SQLBind(subject), SQLBind(state))
            .onConflict(with: ["subject"]) { $0.set(excludedValueOf: "state") }
            .run()
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}
