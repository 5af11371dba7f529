import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// The ledger writer of the items: an item's `takeEffect` calls `apply` inside the case's transaction. It writes the
/// change's rows by their natural keys (inserted, or updated in place), adds the status-history row of a status it
/// sets, gives an entitlement the payment account its claim names, keeps the before-image of every row it touches,
/// and enqueues one outbound exchange record for the change (payload: the rows as the exchange format names them,
/// the account still sealed; images: what `reverse` needs when the core system rejects it). A thrown error undoes
/// the case's whole step, as any effect's.
enum LedgerChanges {
    /// Applies `change` to the ledger of the case's person; the outbound record's id.
    @discardableResult
    static func apply(_ change: LedgerChange, for effect: CaseEffect, on db: any Database) async throws -> UUID {
        let sql = db as! any SQLDatabase
        let access = LedgerRowAccess(sql: sql)
        let now = OutboundExchange.milliseconds(effect.at)
        let citizen = effect.citizenID
        var images = LedgerImages()
        for write in try await writes(of: change, citizen: citizen, access: access) {
            let before = try await access.read(write.table, citizen: citizen, key: write.key)
            var after = before ?? [:]
            for (column, cell) in write.values { after[column] = cell }
            after["updated_at_ms"] = .number(now)
            if before == nil {
                try await access.insert(write.table, citizen: citizen, key: write.key, values: after)
            } else {
                try await access.update(write.table, citizen: citizen, key: write.key, values: after)
            }
            images.rows.append(.init(table: write.table, citizen: citizen, key: write.key, before: before, after: after))
            if let history = write.history, try await addHistory(history, citizen: citizen, at: now, on: sql) {
                images.history.append(history)
            }
        }
        if case .entitlement(let row, let account?) = change {
            let scheme = row.scheme.rawValue
            let after = EntitlementAccounts.Stored(bank: account.bank, accountSealed: account.accountSealed, caseID: effect.caseID, updatedAtMs: now)
            let before = try await EntitlementAccounts.stored(citizen: citizen, scheme: scheme, on: sql)
            try await EntitlementAccounts.put(after, citizen: citizen, scheme: scheme, on: sql)
            images.account = .init(citizen: citizen, scheme: scheme, kept: account.kept, before: before, after: after)
        }
        let payload = String(decoding: try JSONSerialization.data(withJSONObject: images.exchangeRows, options: [.sortedKeys]), as: UTF8.self)
        return try await OutboundExchange.enqueue(citizen: citizen, caseID: effect.caseID, scheme: change.scheme, kind: change.kind,
                                                  payload: payload, images: images.json, at: effect.at, on: db)
    }

    enum ReversalProblem: Error, Equatable {
        /// A row is no longer as the change left it, and the change that left it so is still unanswered (or cannot be
        /// told): undoing would lose that change; the core system answers it first.
        case changedSince(table: String)
        /// A row was changed since by what can never be undone first: a change the core system confirmed, or an
        /// import from the core system. Nothing is undone; the rejection is recorded for manual reconciliation.
        case settledSince(table: String, by: LaterChange)

        var message: String {
            switch self {
            case .changedSince: "台账记录在此后已被其他办件更改，不能自动撤销，请人工核对后处理"
            case .settledSince: Self.unreversedNote
            }
        }

        /// What a returned case's reason adds after the core system's when its change was left in place.
        static let unreversedNote = "台账记录已被其后已确认的办件（或核心系统导入）更改，未自动撤销，请县业务管理员与核心系统人工核对"
    }

    /// What left a row as it is now, when that was neither the change a rejection would undo nor anything unanswered.
    enum LaterChange: Equatable, Sendable {
        /// Another outbound record's change, which the core system confirmed.
        case confirmed(record: UUID, caseNumber: String?)
        /// No outbound record left the row so: an import from the core system (the ledger's only other writer) did.
        case imported
    }

    /// Whether a ledger row is still as a change left it, compared on the image's columns: an image taken before a
    /// column was added (M0063) has no cell for it, and any later change of the row shows in `updated_at_ms`, which
    /// every image has.
    static func row(_ current: [String: LedgerCell]?, isAsLeftBy image: [String: LedgerCell]) -> Bool {
        guard let current else { return false }
        return current.filter { image[$0.key] != nil } == image
    }

    /// Undoes what `images` record, in the caller's transaction: each row back to its before-image (deleted when the
    /// change created it), the status-history rows it added removed, the payment account it gave an entitlement
    /// removed or the one it replaced put back. Writes nothing when a row (or that account) is no longer as the change
    /// left it: `changedSince` while what changed it is unanswered, `settledSince` when it was confirmed or imported
    /// since (told apart by the after-images the other outbound records keep).
    static func reverse(_ images: LedgerImages, on db: any Database) async throws -> ReversalProblem? {
        let sql = db as! any SQLDatabase
        let access = LedgerRowAccess(sql: sql)
        var settled: ReversalProblem?
        for row in images.rows {
            let now = try await access.read(row.table, citizen: row.citizen, key: row.key)
            guard !Self.row(now, isAsLeftBy: row.after) else { continue }
            guard now != nil else { return .changedSince(table: row.table) }
            let writer = try await lastWriter(citizen: row.citizen, on: sql) { later in
                later.rows.contains { $0.table == row.table && $0.key == row.key && Self.row(now, isAsLeftBy: $0.after) }
            }
            if case let (id, number, state)? = writer {
                guard state == .confirmed else { return .changedSince(table: row.table) }
                settled = settled ?? .settledSince(table: row.table, by: .confirmed(record: id, caseNumber: number))
            } else {
                settled = settled ?? .settledSince(table: row.table, by: .imported)
            }
        }
        if let account = images.account {
            let now = try await EntitlementAccounts.stored(citizen: account.citizen, scheme: account.scheme, on: sql)
            if now != account.after {
                // Only a claim's change writes an account: one no record left so cannot be told.
                let writer = try await lastWriter(citizen: account.citizen, on: sql) { later in
                    later.account.map { $0.scheme == account.scheme && $0.after == now } ?? false
                }
                guard case let (id, number, state)? = writer, state == .confirmed else { return .changedSince(table: "insurance_entitlement_accounts") }
                settled = settled ?? .settledSince(table: "insurance_entitlement_accounts", by: .confirmed(record: id, caseNumber: number))
            }
        }
        if let settled { return settled }
        if let account = images.account {
            try await EntitlementAccounts.put(account.before, citizen: account.citizen, scheme: account.scheme, on: sql)
        }
        for row in images.rows.reversed() {
            if let before = row.before {
                try await access.update(row.table, citizen: row.citizen, key: row.key, values: before)
            } else {
                try await access.delete(row.table, citizen: row.citizen, key: row.key)
            }
        }
        for history in images.history {
            try await sql.delete(from: history.table).where("citizen_id", .equal, SQLBind(history.citizen))
                .where("scheme", .equal, SQLBind(history.scheme)).where("effective_on", .equal, SQLBind(history.effectiveOn))
                .where("status", .equal, SQLBind(history.status)).run()
        }
        return nil
    }

    /// The newest of the person's outbound records whose images `match` (it left a row as it is now): its id, case
    /// number and state; nil when none did.
    private static func lastWriter(citizen: UUID, on sql: any SQLDatabase, match: (LedgerImages) -> Bool) async throws
        -> (UUID, String?, OutboundExchangeState)?
    {
        let rows = try await sql.raw("""
            SELECT o.id, o.state, o.ledger_images, c.number FROM insurance_outbound o LEFT JOIN cases c ON c.id = o.case_id
            WHERE o.citizen_id = \(bind: citizen) AND o.ledger_images IS NOT NULL ORDER BY o.created_at_ms DESC
            """).all()
        for row in rows {
            guard let images = try? LedgerImages.decode(try row.decode(column: "ledger_images", as: String.self)), match(images),
                  let state = OutboundExchangeState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            return (try row.decode(column: "id", as: UUID.self), try row.decode(column: "number", as: String?.self), state)
        }
        return nil
    }

    /// One row to write: its table, natural key (besides the person), the columns the change sets, and its history.
    private struct Write {
        let table: String
        let key: [String: LedgerCell]
        let values: [String: LedgerCell]
        let history: LedgerImages.HistoryRow?
    }

    private static func writes(of change: LedgerChange, citizen: UUID, access: LedgerRowAccess) async throws -> [Write] {
        func history(_ table: String, _ scheme: InsuranceScheme, _ on: CalendarDate, _ status: String, _ reason: String?)
            -> LedgerImages.HistoryRow
        {
            LedgerImages.HistoryRow(table: table, citizen: citizen, scheme: scheme.rawValue, effectiveOn: on.iso, status: status, reason: reason)
        }
        func statusValues(_ status: String, _ on: CalendarDate, _ reason: String?) -> [String: LedgerCell] {
            ["status": .text(status), "status_date": .text(on.iso), "status_reason": LedgerCell(reason)]
        }
        switch change {
        case .enrolment(let row):
            return [Write(table: "insurance_enrolments", key: ["scheme": .text(row.scheme.rawValue)],
                          values: ["county_code": .text(row.county.value), "start_kind": LedgerCell(row.startKind?.rawValue),
                                   "grade_yuan": LedgerCell(row.grade), "enrolled_on": .text(row.enrolledOn.iso)]
                              .merging(statusValues(row.status.rawValue, row.statusDate, row.statusReason)) { $1 },
                          history: history("insurance_enrolment_statuses", row.scheme, row.statusDate, row.status.rawValue, row.statusReason))]
        case .enrolmentStatus(let scheme, let status):
            let key: [String: LedgerCell] = ["scheme": .text(scheme.rawValue)]
            guard try await access.read("insurance_enrolments", citizen: citizen, key: key) != nil else {
                throw PublicError(.conflict, "该群众没有\(scheme.chinese)参保登记，不能变更参保状态")
            }
            return [Write(table: "insurance_enrolments", key: key, values: statusValues(status.status.rawValue, status.on, status.reason),
                          history: history("insurance_enrolment_statuses", scheme, status.on, status.status.rawValue, status.reason))]
        case .contributions(let scheme, let years):
            return years.map { year in
                Write(table: "insurance_contributions",
                      key: ["scheme": .text(scheme.rawValue), "year": .number(Int64(year.year)), "kind": .text(year.kind.rawValue)],
                      values: ["grade_yuan": LedgerCell(year.grade), "personal_fen": .number(year.personalFen),
                               "subsidy_fen": .number(year.subsidyFen), "collective_fen": .number(year.collectiveFen),
                               "arrived": .number(year.arrived ? 1 : 0), "arrived_on": LedgerCell(year.arrivedOn?.iso)],
                      history: nil)
            }
        case .entitlement(let row, _):
            return [Write(table: "insurance_entitlements", key: ["scheme": .text(row.scheme.rawValue)],
                          values: ["county_code": .text(row.county.value), "start_month": .text(row.startMonth), "monthly_fen": .number(row.monthlyFen),
                                   "basic_central_fen": .number(row.basicCentralFen), "basic_provincial_fen": .number(row.basicProvincialFen),
                                   "basic_county_fen": .number(row.basicCountyFen), "basic_extra_fen": .number(row.basicExtraFen),
                                   "account_fen": .number(row.accountFen), "exit_subsidy_fen": .number(row.exitSubsidyFen),
                                   "collective_exit_fen": .number(row.collectiveExitFen),
                                   "figure_ids": LedgerCell(row.figureIDsText)]
                              .merging(statusValues(row.status.rawValue, row.statusDate, row.statusReason)) { $1 },
                          history: history("insurance_entitlement_statuses", row.scheme, row.statusDate, row.status.rawValue, row.statusReason))]
        case .entitlementStatus(let scheme, let status):
            let key: [String: LedgerCell] = ["scheme": .text(scheme.rawValue)]
            guard try await access.read("insurance_entitlements", citizen: citizen, key: key) != nil else {
                throw PublicError(.conflict, "该群众没有\(scheme.chinese)待遇核定记录，不能变更待遇状态")
            }
            return [Write(table: "insurance_entitlements", key: key, values: statusValues(status.status.rawValue, status.on, status.reason),
                          history: history("insurance_entitlement_statuses", scheme, status.on, status.status.rawValue, status.reason))]
        }
    }

    /// Adds a status-history row unless the same one is there; whether it was added (only then may a reversal remove it).
    private static func addHistory(_ row: LedgerImages.HistoryRow, citizen: UUID, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        let existing = try await sql.select().column("status").from(row.table).where("citizen_id", .equal, SQLBind(citizen))
            .where("scheme", .equal, SQLBind(row.scheme)).where("effective_on", .equal, SQLBind(row.effectiveOn))
            .where("status", .equal, SQLBind(row.status)).first()
        guard existing == nil else { return false }
        try await sql.insert(into: row.table).columns("citizen_id", "scheme", "effective_on", "status", "reason", "recorded_at_ms")
            .values(SQLBind(citizen), SQLBind(row.scheme), SQLBind(row.effectiveOn), SQLBind(row.status), SQLBind(row.reason),
                    SQLBind(now)).run()
        return true
    }
}
