import Foundation
import VaporCSQLite

/// The rows of one accepted case, written by hand-prepared statements in one `BEGIN IMMEDIATE … COMMIT` each,
/// with the server's pragmas (WAL, synchronous FULL, foreign keys): what the disk and SQLite alone allow.
struct SQLiteBaseline {
    let path: String

    func run(seconds: Double) throws -> Double {
        var handle: OpaquePointer?
        guard sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db = handle else {
            throw BenchError("cannot open \(path)")
        }
        defer { sqlite_nio_sqlite3_close_v2(db) }
        try exec(db, "PRAGMA journal_mode = WAL")
        try exec(db, "PRAGMA synchronous = FULL")
        try exec(db, "PRAGMA foreign_keys = ON")
        try exec(db, "PRAGMA busy_timeout = 10000")
        let citizen = try text(db, "SELECT id FROM citizens LIMIT 1")
        let point = try text(db, "SELECT unit_service_point_id FROM staff_accounts WHERE post = 'operator' AND unit_service_point_id IS NOT NULL LIMIT 1")
        let account = try text(db, "SELECT id FROM staff_accounts WHERE unit_service_point_id = '\(point)' LIMIT 1")
        let person = try text(db, "SELECT person_id FROM staff_accounts WHERE id = '\(account)'")
        let division = try text(db, "SELECT division_code FROM service_points WHERE id = '\(point)'")

        let sequence = try prepare(db, """
            INSERT INTO sequences (name, value) VALUES (?1, 1) ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value
            """)
        let insertCase = try prepare(db, """
            INSERT INTO cases (id, number, county_code, accepted_on, item_seq, citizen_id, service_point_id, division_code, channel,
                handler_account, handler_person, actor_kind, actor_key, actor_label, accepted_at, deadline, deadline_provisional, state,
                form_sealed, submission_key, updated_at)
            VALUES (?1, ?2, '140830', '2026-11-30', 28, ?3, ?4, ?5, 'counter', ?6, ?7, 'staff', 'staff:' || lower(?6), '', ?8, '2026-12-02',
                0, 'accepted', ?9, ?10, ?8)
            """)
        let insertStep = try prepare(db, """
            INSERT INTO case_steps (id, case_id, at, actor_account, actor_kind, actor_name, actor_post, actor_unit_name, action, detail)
            VALUES (?1, ?2, ?3, ?4, 'staff', '陈红梅', 'operator', '古魏镇人民政府', 'accept', '办结期限 2026-12-02')
            """)
        let head = try prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1")
        let insertAudit = try prepare(db, """
            INSERT INTO audit_log (seq, occurred_at_ms, user_id, role, org_unit, ip, action, object_type, object_id, result, detail,
                prev_hash, hash)
            VALUES (?1, ?2, ?3, 'operator', ?4, '127.0.0.1', 'case.accept', 'case', ?5, 'success', '第28项 已受理', ?6, ?7)
            """)
        let updateHead = try prepare(db, "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1")
        let statements = [sequence, insertCase, insertStep, head, insertAudit, updateHead]
        defer { statements.forEach { sqlite_nio_sqlite3_finalize($0) } }

        let form = String(repeating: "Q", count: 87)
        let started = Date()
        var count = 0
        while Date().timeIntervalSince(started) < seconds {
            let caseID = UUID().uuidString, now = Date().timeIntervalSince1970
            try exec(db, "BEGIN IMMEDIATE")
            try step(sequence, binds: ["case:140830:2026-11-30-baseline"])
            let number = "B-\(sqlite_nio_sqlite3_column_int64(sequence, 0))"
            try finish(sequence)
            try run(insertCase, binds: [caseID, number, citizen, point, division, account, person, now, form, UUID().uuidString])
            try run(insertStep, binds: [UUID().uuidString, caseID, now, account])
            try step(head, binds: [])
            let seq = sqlite_nio_sqlite3_column_int64(head, 0)
            let previous = String(cString: sqlite_nio_sqlite3_column_text(head, 1))
            try finish(head)
            let hash = String(repeating: String(format: "%02x", count % 256), count: 32)
            try run(insertAudit, binds: [seq + 1, Int64(now * 1000), account, "sp:" + point, number, previous, hash])
            try run(updateHead, binds: [seq + 1, hash])
            try exec(db, "COMMIT")
            count += 1
        }
        return Double(count) / Date().timeIntervalSince(started)
    }

    private func exec(_ db: OpaquePointer, _ sql: String) throws {
        guard sqlite_nio_sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError("\(sql): \(String(cString: sqlite_nio_sqlite3_errmsg(db)))")
        }
    }

    private func text(_ db: OpaquePointer, _ sql: String) throws -> String {
        let statement = try prepare(db, sql)
        defer { sqlite_nio_sqlite3_finalize(statement) }
        guard sqlite_nio_sqlite3_step(statement) == SQLITE_ROW, let value = sqlite_nio_sqlite3_column_text(statement, 0) else {
            throw BenchError("no row for \(sql): run generate-data first")
        }
        return String(cString: value)
    }

    private func prepare(_ db: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw BenchError("\(sql): \(String(cString: sqlite_nio_sqlite3_errmsg(db)))")
        }
        return statement
    }

    private func bind(_ statement: OpaquePointer, _ binds: [Any]) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case let text as String: sqlite_nio_sqlite3_bind_text(statement, index, text, -1, transient)
            case let number as Int64: sqlite_nio_sqlite3_bind_int64(statement, index, number)
            case let number as Double: sqlite_nio_sqlite3_bind_double(statement, index, number)
            default: sqlite_nio_sqlite3_bind_null(statement, index)
            }
        }
    }

    private func step(_ statement: OpaquePointer, binds: [Any]) throws {
        bind(statement, binds)
        guard sqlite_nio_sqlite3_step(statement) == SQLITE_ROW else { throw BenchError("expected a row") }
    }

    private func run(_ statement: OpaquePointer, binds: [Any]) throws {
        bind(statement, binds)
        let result = sqlite_nio_sqlite3_step(statement)
        try finish(statement)
        guard result == SQLITE_DONE else { throw BenchError("statement failed with \(result)") }
    }

    private func finish(_ statement: OpaquePointer) throws {
        sqlite_nio_sqlite3_reset(statement)
        sqlite_nio_sqlite3_clear_bindings(statement)
    }
}
