import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// What happened, by whom, to what: one audit row before it is numbered and chained.
package struct AuditEvent: Sendable {
    var action: String
    var objectType: String?
    var objectID: String?
    var result: AuditResult = .success
    var detail: String = ""

    package init(_ action: String, objectType: String? = nil, objectID: String? = nil, result: AuditResult = .success, detail: String = "") {
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.result = result
        self.detail = detail
    }
}

/// Who acted: a signed-in account, or nobody (a login attempt, the card platform's callback, a command).
package struct AuditActor: Sendable {
    var userID: UUID?
    var role: String?
    var orgUnit: String?
    var ip: String?

    package static let system = AuditActor(userID: nil, role: "system", orgUnit: nil, ip: nil)
}

/// Appends to the audit chain inside the caller's transaction: if the audit row cannot be written, the change it
/// records is rolled back with it (S17).
package enum AuditTrail {
    /// Inside a SQLite writer transaction: the chain's head as this transaction has moved it, read once and stored
    /// once at its end (`AuditHeadInTransaction`), instead of a read and an update for every row.
    @TaskLocal static var groupHead: AuditHeadInTransaction?

    package static func record(_ event: AuditEvent, by actor: AuditActor, at instant: Date, key: SymmetricKey, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let (headSequence, headHash) = if let groupHead { try await groupHead.current(on: sql) } else { try await readHead(on: sql) }
        let head = headSequence == 0 ? nil : AuditChainHead(sequence: headSequence, hash: headHash)
        let entry = AuditEntry(
            sequence: headSequence + 1, occurredAt: AuditInstant(instant), userID: actor.userID, role: actor.role,
            orgUnit: actor.orgUnit, ipAddress: actor.ip, action: event.action, objectType: event.objectType,
            objectID: event.objectID, result: event.result, detail: AuditDetail.sanitized(event.detail))
        let row = try AuditChain.append(entry, after: head, key: key)
        try await sql.raw("""
            INSERT INTO audit_log (seq, occurred_at_ms, user_id, role, org_unit, ip, action, object_type, object_id, result,
                detail, prev_hash, hash)
            VALUES (\(bind: entry.sequence), \(bind: entry.occurredAt.millisecondsSince1970), \(bind: entry.userID),
                \(bind: entry.role), \(bind: entry.orgUnit), \(bind: entry.ipAddress), \(bind: entry.action), \(bind: entry.objectType),
                \(bind: entry.objectID), \(bind: entry.result.rawValue), \(bind: entry.detail), \(bind: row.previousHash.hexEncoded),
                \(bind: row.hash.hexEncoded))
            """).run()
        if let groupHead {
            groupHead.advance(to: entry.sequence, hash: row.hash)
        } else {
            try await writeHead(entry.sequence, hash: row.hash, on: sql)
        }
    }

    static func readHead(on sql: any SQLDatabase) async throws -> (Int64, Data) {
        // PostgreSQL: lock the head row so concurrent transactions append one after another.
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let headRow = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1\(unsafeRaw: lock)").first(),
              let headHash = Data(hexEncoded: try headRow.decode(column: "hash", as: String.self)) else {
            throw AuditTrailError.missingHead
        }
        return (try headRow.decode(column: "seq", as: Int64.self), headHash)
    }

    static func writeHead(_ sequence: Int64, hash: Data, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE audit_head SET seq = \(bind: sequence), hash = \(bind: hash.hexEncoded) WHERE id = 1").run()
    }

    /// Reads rows in sequence order, a page at a time, for verification and the auditor's search.
    static func rows(after sequence: Int64, limit: Int, on db: any Database) async throws -> [StoredAuditRow] {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT * FROM audit_log WHERE seq > \(bind: sequence) ORDER BY seq LIMIT \(literal: limit)
            """).all()
        return try rows.map(storedRow)
    }

    static func head(on db: any Database) async throws -> AuditChainHead? {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else { return nil }
        let sequence = try row.decode(column: "seq", as: Int64.self)
        guard sequence > 0, let hash = Data(hexEncoded: try row.decode(column: "hash", as: String.self)) else { return nil }
        return AuditChainHead(sequence: sequence, hash: hash)
    }

    /// The last row in the table (nil when it is empty): what the chain really holds, whatever `audit_head` says.
    static func lastRow(on sql: any SQLDatabase) async throws -> AuditChainHead? {
        guard let row = try await sql.raw("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").first(),
              let hash = Data(hexEncoded: try row.decode(column: "hash", as: String.self)) else { return nil }
        return AuditChainHead(sequence: try row.decode(column: "seq", as: Int64.self), hash: hash)
    }

    /// The last row of the archived and purged prefix (S19), where verification starts; nil before any purge.
    static func checkpoint(on db: any Database) async throws -> AuditChainHead? {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw(
            "SELECT through_seq, through_hash FROM audit_archives ORDER BY through_seq DESC LIMIT 1").first() else { return nil }
        guard let hash = Data(hexEncoded: try row.decode(column: "through_hash", as: String.self)) else {
            throw AuditTrailError.damagedCheckpoint
        }
        return AuditChainHead(sequence: try row.decode(column: "through_seq", as: Int64.self), hash: hash)
    }

    static func storedRow(_ row: any SQLRow) throws -> StoredAuditRow {
        let entry = AuditEntry(
            sequence: try row.decode(column: "seq", as: Int64.self),
            occurredAt: AuditInstant(millisecondsSince1970: try row.decode(column: "occurred_at_ms", as: Int64.self)),
            userID: try row.decode(column: "user_id", as: UUID?.self),
            role: try row.decode(column: "role", as: String?.self),
            orgUnit: try row.decode(column: "org_unit", as: String?.self),
            ipAddress: try row.decode(column: "ip", as: String?.self),
            action: try row.decode(column: "action", as: String.self),
            objectType: try row.decode(column: "object_type", as: String?.self),
            objectID: try row.decode(column: "object_id", as: String?.self),
            result: AuditResult(rawValue: try row.decode(column: "result", as: String.self)) ?? .failed,
            detail: try row.decode(column: "detail", as: String.self))
        return StoredAuditRow(
            entry: entry,
            previousHash: Data(hexEncoded: try row.decode(column: "prev_hash", as: String.self)) ?? Data(),
            hash: Data(hexEncoded: try row.decode(column: "hash", as: String.self)) ?? Data())
    }
}

/// The audit chain's head during one SQLite writer transaction (one writer, `BEGIN IMMEDIATE`: nobody else moves
/// it meanwhile). Only the writer's task touches it, one write after another.
final class AuditHeadInTransaction: @unchecked Sendable {
    private var head: (sequence: Int64, hash: Data)?
    private var moved = false

    func current(on sql: any SQLDatabase) async throws -> (Int64, Data) {
        if let head { return head }
        let read = try await AuditTrail.readHead(on: sql)
        head = read
        return read
    }

    func advance(to sequence: Int64, hash: Data) {
        head = (sequence, hash)
        moved = true
    }

    /// Writes the new head, if the transaction appended anything.
    func store(on sql: any SQLDatabase) async throws {
        guard moved, let head else { return }
        try await AuditTrail.writeHead(head.sequence, hash: head.hash, on: sql)
    }
}

enum AuditTrailError: Error, CustomStringConvertible {
    case missingHead
    case damagedCheckpoint

    var description: String {
        switch self {
        case .missingHead: "audit_head row missing: the audit chain cannot be continued"
        case .damagedCheckpoint: "audit_archives holds a checkpoint hash that is not hexadecimal"
        }
    }
}
