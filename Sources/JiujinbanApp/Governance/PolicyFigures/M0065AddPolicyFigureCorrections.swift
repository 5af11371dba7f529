import Fluent
import SQLKit

/// 已更正: a 待核实 row whose value was wrong is kept and marked with the row that replaced it (`superseded_by`), when
/// (`superseded_at`) and by whom (`superseded_by_account`); the replacement has the same key, county and period. The
/// two unique indexes that keep one row per start day and one open row per figure (M0036) now count only the rows
/// not 已更正, so the replaced row and its replacement stand side by side.
///
/// PostgreSQL adds the columns and swaps the constraints for partial unique indexes. SQLite cannot drop a table's
/// constraint: the table is rebuilt in one transaction (new table, rows copied, old one dropped, new one renamed),
/// then the partial indexes are made. No table references `policy_figures` (a computation keeps the row id as a
/// plain value), so nothing else changes.
struct M0065AddPolicyFigureCorrections: AsyncMigration {
    var name: String { "JiujinbanApp.M0065AddPolicyFigureCorrections" } // pinned: see `Migrations`

    static let indexes = [
        "CREATE UNIQUE INDEX uq_policy_figures_start ON policy_figures (key, scope_code, valid_from) WHERE superseded_by IS NULL",
        "CREATE UNIQUE INDEX uq_policy_figures_end ON policy_figures (key, scope_code, valid_to) WHERE superseded_by IS NULL",
    ]

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            let sql = db as! any SQLDatabase
            let statements = sql.dialect.name == "postgresql" ? [
                "ALTER TABLE policy_figures ADD COLUMN superseded_by UUID",
                "ALTER TABLE policy_figures ADD COLUMN superseded_at TIMESTAMPTZ",
                "ALTER TABLE policy_figures ADD COLUMN superseded_by_account UUID REFERENCES staff_accounts (id)",
                "ALTER TABLE policy_figures DROP CONSTRAINT uq_policy_figures_start",
                "ALTER TABLE policy_figures DROP CONSTRAINT uq_policy_figures_end",
            ] : Self.rebuildSQLite(withCorrections: true)
            for statement in statements + Self.indexes { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    /// Refused while a row is 已更正: the old constraints cannot hold a row and its replacement. Restore a backup
    /// taken before the upgrade instead.
    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            let sql = db as! any SQLDatabase
            if try await sql.raw("SELECT COUNT(*) AS n FROM policy_figures WHERE superseded_by IS NOT NULL").first()?
                .decode(column: "n", as: Int.self) ?? 0 > 0 {
                throw PublicError(.conflict, "M0065 不可回退：已有更正过的政策参数，请用升级前的备份恢复")
            }
            let statements = sql.dialect.name == "postgresql" ? [
                "DROP INDEX uq_policy_figures_start",
                "DROP INDEX uq_policy_figures_end",
                "ALTER TABLE policy_figures DROP COLUMN superseded_by",
                "ALTER TABLE policy_figures DROP COLUMN superseded_at",
                "ALTER TABLE policy_figures DROP COLUMN superseded_by_account",
                #"ALTER TABLE policy_figures ADD CONSTRAINT uq_policy_figures_start UNIQUE (key, scope_code, valid_from)"#,
                #"ALTER TABLE policy_figures ADD CONSTRAINT uq_policy_figures_end UNIQUE (key, scope_code, valid_to)"#,
            ] : Self.rebuildSQLite(withCorrections: false)
            for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    /// The table as M0036 made it, with the three columns (and without its two constraints) or back without them.
    static func rebuildSQLite(withCorrections: Bool) -> [String] {
        let base = "id, key, scope_code, valid_from, valid_to, value, source, confidence, status, set_by, set_at"
        let columns = withCorrections
            ? #", "superseded_by" UUID, "superseded_at" REAL, "superseded_by_account" UUID REFERENCES "staff_accounts" ("id")"#
            : #", CONSTRAINT "uq_policy_figures_start" UNIQUE ("key", "scope_code", "valid_from"), "#
                + #"CONSTRAINT "uq_policy_figures_end" UNIQUE ("key", "scope_code", "valid_to")"#
        return [
            #"""
            CREATE TABLE "policy_figures_new" ("id" UUID PRIMARY KEY, "key" TEXT NOT NULL, "scope_code" TEXT NOT NULL,
                "valid_from" TEXT NOT NULL, "valid_to" TEXT NOT NULL, "value" TEXT, "source" TEXT NOT NULL,
                "confidence" TEXT NOT NULL, "status" TEXT NOT NULL, "set_by" UUID REFERENCES "staff_accounts" ("id"),
                "set_at" REAL NOT NULL
            """# + columns + ")",
            "INSERT INTO policy_figures_new (\(base)) SELECT \(base) FROM policy_figures",
            "DROP TABLE policy_figures",
            "ALTER TABLE policy_figures_new RENAME TO policy_figures",
        ]
    }
}
