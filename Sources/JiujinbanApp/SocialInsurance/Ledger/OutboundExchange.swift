import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// The outbound records' two writes, inside the caller's transaction: a ledger change (or a person change,
/// `PersonChanges`, whose payload is its changes and which has no images) is recorded as pending, and a record moves
/// on only as `OutboundExchangeState.moving` allows (an answer for a record in another state is refused, so a late
/// or repeated acknowledgement changes nothing).
enum OutboundExchange {
    static func enqueue(citizen: UUID, caseID: UUID?, scheme: InsuranceScheme, kind: ExchangeKind, payload: String, images: String? = nil,
                        at now: Date, on db: any Database) async throws -> UUID {
        let id = UUID()
        try await (db as! any SQLDatabase).insert(into: "insurance_outbound")
            .columns("id", "citizen_id", "case_id", "scheme", "kind", "payload", "ledger_images", "state", "created_at_ms")
            .values(SQLBind(id), SQLBind(citizen), SQLBind(caseID), SQLBind(scheme.rawValue), SQLBind(kind.rawValue), SQLBind(payload),
                    SQLBind(images), SQLBind(OutboundExchangeState.pending.rawValue), SQLBind(Self.milliseconds(now)))
            .run()
        return id
    }

    /// Moves record `id` to `next`; the row is changed only if it is still in the state it was read in.
    static func move(_ id: UUID, to next: OutboundExchangeState, reason: String? = nil, at now: Date, on db: any Database) async throws
        -> Result<OutboundExchangeState, OutboundExchangeState.Problem>
    {
        let sql = db as! any SQLDatabase
        guard let raw = try await sql.select().column("state").from("insurance_outbound").where("id", .equal, SQLBind(id)).first()?
            .decode(column: "state", as: String.self), let current = OutboundExchangeState(rawValue: raw) else {
            throw PublicError(.notFound, "没有这条交换记录")
        }
        let moved = current.moving(to: next, reason: reason)
        guard case .success = moved else { return moved }
        let update = sql.update("insurance_outbound").set("state", to: SQLBind(next.rawValue))
        switch next {
        case .sent: update.set("sent_at_ms", to: SQLBind(Self.milliseconds(now)))
        case .confirmed, .rejected:
            update.set("answered_at_ms", to: SQLBind(Self.milliseconds(now))).set("rejection_reason", to: SQLBind(next == .rejected ? reason : nil))
        case .pending: break
        }
        try await update.where("id", .equal, SQLBind(id)).where("state", .equal, SQLBind(current.rawValue)).run()
        return moved
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
