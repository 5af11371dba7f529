import Foundation
import JiujinbanRules
import SQLKit

/// What one ledger change did, kept with its outbound record so a rejection can undo exactly that: every row it
/// touched as it was before (nil: the change created it) and after, the status-history rows it added, and the
/// payment account it gave an entitlement (sealed, as stored).
struct LedgerImages: Codable, Sendable, Equatable {
    struct Row: Codable, Sendable, Equatable {
        let table: String
        let citizen: UUID
        /// The rest of the natural key (`scheme`, a contribution's `year` and `kind`).
        let key: [String: LedgerCell]
        let before: [String: LedgerCell]?
        let after: [String: LedgerCell]
    }

    struct HistoryRow: Codable, Sendable, Equatable {
        let table: String
        let citizen: UUID
        let scheme: String
        let effectiveOn: String
        let status: String
        let reason: String?
    }

    /// 待遇发放账户 (`insurance_entitlement_accounts`) of a claim's entitlement: the scheme's row before (nil: it had
    /// none) and after, with whether the claim kept the ledger's account. Records written before there was one have
    /// no `account` key and decode as nil.
    struct AccountRow: Codable, Sendable, Equatable {
        let citizen: UUID
        let scheme: String
        let kept: Bool
        let before: EntitlementAccounts.Stored?
        let after: EntitlementAccounts.Stored
    }

    var rows: [Row] = []
    var history: [HistoryRow] = []
    var account: AccountRow?

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode(_ json: String) throws -> LedgerImages {
        try JSONDecoder().decode(LedgerImages.self, from: Data(json.utf8))
    }

    /// The rows as the exchange format names their columns (docs/insurance-exchange.md), in the order touched; the
    /// entitlement's line with its payment account, the number still sealed (`account_sealed`: the export opens it).
    var exchangeRows: [[String: String]] {
        rows.map { row in
            var cells = ["scheme": row.key["scheme"]?.text ?? ""]
            if row.table == "insurance_entitlements", let account, account.scheme == cells["scheme"] {
                cells["bank"] = account.after.bank
                cells["account_sealed"] = account.after.accountSealed
                cells["account_kept"] = account.kept ? "是" : "否"
            }
            for (column, name) in Self.exchangeNames[row.table] ?? [] {
                let cell = row.after[column] ?? row.key[column] ?? .null
                cells[name] = switch (column, cell) {
                case (_, .null): ""
                case ("arrived", .number(let flag)): flag == 1 ? "是" : "否"
                case (let column, .number(let fen)) where column.hasSuffix("_fen"): Money.yuanText(fen)
                default: cell.text
                }
            }
            return cells
        }
    }

    /// Each ledger column and the exchange format's name for it.
    static let exchangeNames: [String: [(String, String)]] = [
        "insurance_enrolments": [("county_code", "county"), ("start_kind", "start_kind"), ("grade_yuan", "grade"), ("enrolled_on", "enrolled_on"),
                                 ("status", "status"), ("status_date", "status_date"), ("status_reason", "status_reason")],
        "insurance_contributions": [("year", "year"), ("kind", "type"), ("grade_yuan", "grade"), ("personal_fen", "personal"),
                                    ("subsidy_fen", "subsidy"), ("collective_fen", "collective"), ("arrived", "arrived"),
                                    ("arrived_on", "arrived_on")],
        "insurance_entitlements": [("county_code", "county"), ("start_month", "start_month"), ("monthly_fen", "monthly"),
                                   ("basic_central_fen", "basic_central"), ("basic_provincial_fen", "basic_provincial"),
                                   ("basic_county_fen", "basic_county"), ("basic_extra_fen", "basic_extra_years"),
                                   ("account_fen", "account_part"), ("exit_subsidy_fen", "exit_subsidy"),
                                   ("collective_exit_fen", "collective_exit"), ("figure_ids", "figure_ids"),
                                   ("status", "status"), ("status_date", "status_date"), ("status_reason", "status_reason")],
    ]
}

/// Reading and writing one ledger row by its natural key, column by column, for the writer and its reversal.
struct LedgerRowAccess {
    let sql: any SQLDatabase

    /// The table's columns besides its key, with whether each is a number (`updated_at_ms` included, so a reversal
    /// restores the row exactly).
    static func valueColumns(of table: String) -> [(String, Bool)] {
        let kind: ExchangeKind? = switch table {
        case "insurance_enrolments": .enrolments
        case "insurance_contributions": .contributions
        case "insurance_entitlements": .entitlements
        default: nil
        }
        guard let kind else { return [] }
        return LedgerTable.of(kind).values.map { ($0.0, $0.1 == .number) } + [("updated_at_ms", true)]
    }

    func read(_ table: String, citizen: UUID, key: [String: LedgerCell]) async throws -> [String: LedgerCell]? {
        let columns = Self.valueColumns(of: table)
        var select = sql.select().columns(columns.map { SQLIdentifier($0.0) }).from(table).where("citizen_id", .equal, SQLBind(citizen))
        for (column, cell) in key.sorted(by: { $0.key < $1.key }) { select = select.where(SQLIdentifier(column), .equal, Self.bind(cell)) }
        guard let row = try await select.first() else { return nil }
        var values: [String: LedgerCell] = [:]
        for (column, isNumber) in columns {
            values[column] = isNumber ? LedgerCell(try row.decode(column: column, as: Int64?.self))
                : LedgerCell(try row.decode(column: column, as: String?.self))
        }
        return values
    }

    func insert(_ table: String, citizen: UUID, key: [String: LedgerCell], values: [String: LedgerCell]) async throws {
        let cells = (key.merging(values) { first, _ in first }).sorted { $0.key < $1.key }
        try await sql.insert(into: table).columns(["citizen_id"] + cells.map(\.key))
            .values([SQLBind(citizen)] + cells.map { Self.bind($0.value) }).run()
    }

    func update(_ table: String, citizen: UUID, key: [String: LedgerCell], values: [String: LedgerCell]) async throws {
        var update = sql.update(table).where("citizen_id", .equal, SQLBind(citizen))
        for (column, cell) in values.sorted(by: { $0.key < $1.key }) { update = update.set(SQLIdentifier(column), to: Self.bind(cell)) }
        for (column, cell) in key.sorted(by: { $0.key < $1.key }) { update = update.where(SQLIdentifier(column), .equal, Self.bind(cell)) }
        try await update.run()
    }

    func delete(_ table: String, citizen: UUID, key: [String: LedgerCell]) async throws {
        var delete = sql.delete(from: table).where("citizen_id", .equal, SQLBind(citizen))
        for (column, cell) in key.sorted(by: { $0.key < $1.key }) { delete = delete.where(SQLIdentifier(column), .equal, Self.bind(cell)) }
        try await delete.run()
    }

    static func bind(_ cell: LedgerCell) -> any SQLExpression {
        switch cell {
        case .text(let text): SQLBind(text)
        case .number(let number): SQLBind(number)
        case .null: SQLLiteral.null
        }
    }
}
