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
        /// A row is no longer as the change left it (a later case changed it): undoing would lose that change.
        case changedSince(table: String)

        var message: String {
            switch self {
            case .changedSince: "台账记录在此后已被其他办件更改，不能自动撤销，请人工核对后处理"
            }
        }
    }

    /// Undoes what `images` record, in the caller's transaction: each row back to its before-image (deleted when the
    /// change created it), the status-history rows it added removed, the payment account it gave an entitlement
    /// removed or the one it replaced put back. Refused, writing nothing, when a row (or that account) is no longer
    /// as the change left it.
    static func reverse(_ images: LedgerImages, on db: any Database) async throws -> ReversalProblem? {
        let sql = db as! any SQLDatabase
        let access = LedgerRowAccess(sql: sql)
        for row in images.rows {
            // Compared on the image's columns: an image taken before a column was added (M0063) has no cell for it,
            // and any later change of the row shows in `updated_at_ms`, which every image has.
            let current = try await access.read(row.table, citizen: row.citizen, key: row.key)
            guard let current, current.filter({ row.after[$0.key] != nil }) == row.after else { return .changedSince(table: row.table) }
        }
        if let account = images.account {
            guard try await EntitlementAccounts.stored(citizen: account.citizen, scheme: account.scheme, on: sql) == account.after else {
                return .changedSince(table: "insurance_entitlement_accounts")
            }
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
