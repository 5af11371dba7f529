import Fluent
import SQLKit

/// Named counters that hand out 1, 2, 3, … without gaps or repeats, across app instances: one upsert that both
/// databases run atomically (`INSERT … ON CONFLICT DO UPDATE … RETURNING`). Call it inside the write transaction
/// that uses the number, so a failed write gives the number back.
package enum SequenceAllocator {
    static func next(_ name: String, on db: any Database) async throws -> Int {
        try await advance(name, by: 1, on: db)
    }

    /// Takes the next `count` numbers at once and returns the last of them (`last - count + 1 … last`).
    package static func advance(_ name: String, by count: Int, on db: any Database) async throws -> Int {
        precondition(count > 0, "advance by at least one")
        let row = try await (db as! any SQLDatabase).raw("""
            INSERT INTO sequences (name, value) VALUES (\(bind: name), \(bind: count))
            ON CONFLICT (name) DO UPDATE SET value = sequences.value + \(bind: count)
            RETURNING value
            """).first()
        guard let row else { throw SequenceError(name: name) }
        return try row.decode(column: "value", as: Int.self)
    }

    struct SequenceError: Error, CustomStringConvertible {
        let name: String
        var description: String { "sequence \(name) returned no value" }
    }
}
