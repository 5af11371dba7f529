import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `CitizenScope` applied: every handler that takes a citizen's id from a request reads the person through here.
enum CitizenAccess {
    /// The person `id` names, if the signed-in user may act for them; a missing person is a 404, a person out of
    /// scope an audited 404 (`OutOfScope`) with the same words.
    static func require(_ id: UUID?, req: Request) async throws -> CitizenRecord {
        let staff = try req.requireStaff()
        guard let id, let record = try await CitizenRecord.find(id: id, on: req.db) else { throw PublicError.notFound("该办事群众") }
        guard try await mayServe(record, staff, req: req) else {
            throw OutOfScope("该办事群众", objectType: "citizen", id: id)
        }
        return record
    }

    /// `require` for an id as text (a query string or a form field).
    static func require(_ text: String?, req: Request) async throws -> CitizenRecord {
        try await require(text.flatMap { UUID(uuidString: $0) }, req: req)
    }

    static func mayServe(_ record: CitizenRecord, _ staff: SignedInStaff, req: Request) async throws -> Bool {
        try await mayServe(record, staff, now: req.jiujinban.clock.now(), on: req.db)
    }

    /// The same rule outside a request: whether a link to the person's page would open for `staff` now (a case page
    /// draws 返回群众页面 only then; a person served from elsewhere is out of reach once the lookup window closes).
    static func mayServe(_ record: CitizenRecord, _ staff: SignedInStaff, now: Date, on db: any Database) async throws -> Bool {
        let residence = try? DivisionCode(record.residenceDivisionCode), hukou = try? DivisionCode(record.hukouDivisionCode)
        if CitizenScope.admits(residence: residence, hukou: hukou, scope: staff.scopeRoot, lastLookup: nil, now: now) { return true }
        let lastLookup = try await lastLookup(of: try record.requireID(), by: staff.account.id, on: db)
        return CitizenScope.admits(residence: residence, hukou: hukou, scope: staff.scopeRoot, lastLookup: lastLookup, now: now)
    }

    /// Records, inside the transaction that audits the lookup, that this user found the person by the full ID
    /// number now; the user's lookups older than the window are cleared on the way.
    static func recordLookup(of citizen: UUID, by account: UUID, at now: Date, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let milliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let expired = milliseconds - Int64(CitizenScope.lookupWindow * 1000)
        try await sql.raw("""
            DELETE FROM citizen_lookups WHERE account_id = \(bind: account) AND looked_up_at_ms < \(bind: expired)
            """).run()
        try await sql.raw("""
            INSERT INTO citizen_lookups (account_id, citizen_id, looked_up_at_ms)
            VALUES (\(bind: account), \(bind: citizen), \(bind: milliseconds))
            ON CONFLICT (account_id, citizen_id) DO UPDATE SET looked_up_at_ms = excluded.looked_up_at_ms
            """).run()
    }

    static func lastLookup(of citizen: UUID, by account: UUID, on db: any Database) async throws -> Date? {
        let sql = db as! any SQLDatabase
        let row = try await sql.raw("""
            SELECT looked_up_at_ms FROM citizen_lookups WHERE account_id = \(bind: account) AND citizen_id = \(bind: citizen)
            """).first()
        return try row.map { Date(timeIntervalSince1970: Double(try $0.decode(column: "looked_up_at_ms", as: Int64.self)) / 1000) }
    }
}
