import Foundation
import JiujinbanRules
import SQLKit
import SQLiteNIO

/// Writes a batch of ledger lines: new ones inserted many to a statement, changed ones updated, the same ones left
/// alone, so importing a file a second time changes nothing. The stored rows of the batch's people are read once
/// (by the primary key's first column) and compared in memory; people the import just registered have none.
struct LedgerStore {
    struct Counts: Sendable, Equatable {
        var inserted = 0
        var updated = 0
        var unchanged = 0

        static func + (lhs: Counts, rhs: Counts) -> Counts {
            Counts(inserted: lhs.inserted + rhs.inserted, updated: lhs.updated + rhs.updated, unchanged: lhs.unchanged + rhs.unchanged)
        }
    }

    let table: LedgerTable
    let cipher: PersonalDataCipher
    let nowMilliseconds: Int64

    func apply(_ lines: [LedgerLine], newPeople: Set<UUID>, on sql: any SQLDatabase) async throws -> Counts {
        let stored = try await read(Array(Set(lines.map(\.citizen)).subtracting(newPeople)), on: sql)
        var counts = Counts()
        var inserts: [LedgerLine] = []
        var changes: [LedgerLine] = []
        for line in lines {
            // People the import just registered have nothing stored: no key text to build for them.
            switch stored.isEmpty ? nil : stored[line.keyText] {
            case nil: inserts.append(line)
            case let values? where values == line.values: counts.unchanged += 1
            default: changes.append(line)
            }
        }
        let columns = ["citizen_id"] + table.keys.map(\.0) + table.values.map(\.0) + ["updated_at_ms"]
        if let direct = sql as? SQLiteDirectDatabase {
            // SQLite in this process: one single-row insert prepared once and run per row, where building a statement
            // of thousands of values (and encoding each through SQLKit) cost more than SQLite's own work.
            let statement = "INSERT INTO \"\(table.name)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES ("
                + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            let stamp = SQLiteData.integer(Int(nowMilliseconds))
            try direct.runEach(statement, try inserts.map { line in
                [try direct.encoded(line.citizen)] + (try (line.key + line.values).map(sqliteData)) + [stamp]
            })
        } else {
            // Many rows to a statement, under PostgreSQL's 65,535 parameters for the widest table.
            let perStatement = max(1, 20_000 / columns.count)
            for chunk in inserts.chunked(perStatement) {
                let insert = sql.insert(into: table.name).columns(columns)
                for line in chunk {
                    insert.values([SQLBind(line.citizen)] + (try (line.key + line.values).map(bind)) + [SQLBind(nowMilliseconds)])
                }
                try await insert.run()
            }
        }
        for line in changes {
            var update = sql.update(table.name)
            for ((column, _), value) in zip(table.values, line.values) { update = update.set(SQLIdentifier(column), to: try bind(value)) }
            update = update.set(SQLIdentifier("updated_at_ms"), to: SQLBind(nowMilliseconds)).where("citizen_id", .equal, SQLBind(line.citizen))
            for ((column, _), value) in zip(table.keys, line.key) { update = update.where(SQLIdentifier(column), .equal, try bind(value)) }
            try await update.run()
        }
        try await appendHistory(inserts + changes, on: sql)
        counts.inserted = inserts.count
        counts.updated = changes.count
        return counts
    }

    /// A new status (or a new date for it) goes into the history; one already there is not added twice.
    private func appendHistory(_ lines: [LedgerLine], on sql: any SQLDatabase) async throws {
        guard let history = table.history else { return }
        for chunk in lines.filter({ $0.status != nil }).chunked(2_000) {
            let insert = sql.insert(into: history).columns("citizen_id", "scheme", "effective_on", "status", "reason", "recorded_at_ms")
            for line in chunk {
                guard let status = line.status, case .text(let scheme) = line.key[0] else { continue }
                insert.values(SQLBind(line.citizen), SQLBind(scheme), SQLBind(status.on), SQLBind(status.status), SQLBind(status.reason),
                              SQLBind(nowMilliseconds))
            }
            try await insert.ignoringConflicts(with: ["citizen_id", "scheme", "effective_on", "status"]).run()
        }
    }

    /// The stored values of `citizens`' rows, by key text.
    private func read(_ citizens: [UUID], on sql: any SQLDatabase) async throws -> [String: [LedgerValue]] {
        var stored: [String: [LedgerValue]] = [:]
        let columns = table.keys + table.values
        for chunk in citizens.chunked(500) {
            let rows = try await sql.select().column("citizen_id").columns(columns.map { SQLIdentifier($0.0) }).from(table.name)
                .where("citizen_id", .in, Array(chunk)).all()
            for row in rows {
                let citizen = try row.decode(column: "citizen_id", as: UUID.self)
                var values: [LedgerValue] = []
                for (column, kind) in columns {
                    switch kind {
                    case .text: values.append(.text(try row.decode(column: column, as: String?.self)))
                    case .number: values.append(.number(try row.decode(column: column, as: Int64?.self)))
                    case .sealed: values.append(.sealed(try cipher.open(try row.decode(column: column, as: String.self),
                                                                         context: LedgerCrypto.bankAccountContext)))
                    }
                }
                let key = Array(values.prefix(table.keys.count))
                stored[LedgerLine.keyText(citizen, key)] = Array(values.dropFirst(table.keys.count))
            }
        }
        return stored
    }

    private func sqliteData(_ value: LedgerValue) throws -> SQLiteData {
        switch value {
        case .text(let text): text.map(SQLiteData.text) ?? .null
        case .number(let number): number.map { .integer(Int($0)) } ?? .null
        case .sealed(let plain): .text(try cipher.seal(plain, context: LedgerCrypto.bankAccountContext))
        }
    }

    private func bind(_ value: LedgerValue) throws -> SQLBind {
        switch value {
        case .text(let text): SQLBind(text)
        case .number(let number): SQLBind(number)
        case .sealed(let plain): SQLBind(try cipher.seal(plain, context: LedgerCrypto.bankAccountContext))
        }
    }
}
