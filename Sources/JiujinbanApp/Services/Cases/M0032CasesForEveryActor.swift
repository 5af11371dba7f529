import Fluent
import SQLKit

/// Cases opened by a kiosk, an interface client or the platform itself (issue 21): such a case has no handling staff
/// account, so `handler_account` and `handler_person` (and a step's `actor_account`) become optional, and every case
/// records who acted (`actor_kind`, `actor_key`, `actor_label`). A repeated submission is now recognised per actor
/// (`actor_key`, `submission_key`) rather than per staff account. The cases already stored were all accepted at the
/// counter by staff: they get `staff` and `staff:<account>`.
///
/// PostgreSQL alters the columns in place. SQLite cannot drop NOT NULL: both tables are rebuilt in one transaction
/// (new table, rows copied, old table dropped, new one renamed, indexes made again), the steps first pointing at the
/// new cases table, which SQLite's rename then points at `cases`.
struct M0032CasesForEveryActor: AsyncMigration {
    var name: String { "JiujinbanApp.M0032CasesForEveryActor" } // pinned: see `Migrations`
    func prepare(on database: any Database) async throws {
        if (database as! any SQLDatabase).dialect.name == "postgresql" {
            try await database.transaction { try await Self.alterPostgres($0 as! any SQLDatabase) }
        } else {
            try await database.transaction { try await Self.rebuildSQLite($0 as! any SQLDatabase) }
        }
    }

    func revert(on database: any Database) async throws {
        // Cases by kiosks, interface clients and the platform cannot be put back into a table that requires a staff
        // account: restore a backup taken before the upgrade instead.
        throw PublicError(.conflict, "M0032 不可回退：请用升级前的备份恢复")
    }

    private static func alterPostgres(_ sql: any SQLDatabase) async throws {
        for statement in [
            #"ALTER TABLE cases ALTER COLUMN handler_account DROP NOT NULL"#,
            #"ALTER TABLE cases ALTER COLUMN handler_person DROP NOT NULL"#,
            #"ALTER TABLE cases ADD COLUMN actor_kind TEXT NOT NULL DEFAULT 'staff'"#,
            #"ALTER TABLE cases ADD COLUMN actor_key TEXT"#,
            #"ALTER TABLE cases ADD COLUMN actor_label TEXT NOT NULL DEFAULT ''"#,
            #"UPDATE cases SET actor_key = 'staff:' || lower(handler_account::text)"#,
            #"ALTER TABLE cases ALTER COLUMN actor_key SET NOT NULL"#,
            #"ALTER TABLE cases ADD CONSTRAINT "uq:cases.actor_key+cases.submission_key" UNIQUE (actor_key, submission_key)"#,
            #"ALTER TABLE cases DROP CONSTRAINT "uq:cases.handler_account+cases.submission_key""#,
            #"ALTER TABLE case_steps ALTER COLUMN actor_account DROP NOT NULL"#,
            #"ALTER TABLE case_steps ADD COLUMN actor_kind TEXT NOT NULL DEFAULT 'staff'"#,
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    private static func rebuildSQLite(_ sql: any SQLDatabase) async throws {
        for statement in [
            #"""
            CREATE TABLE "cases_new" ("id" UUID PRIMARY KEY, "number" TEXT NOT NULL, "county_code" TEXT NOT NULL,
                "accepted_on" TEXT NOT NULL, "item_seq" INTEGER NOT NULL,
                "citizen_id" UUID NOT NULL REFERENCES "citizens" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
                "service_point_id" UUID NOT NULL REFERENCES "service_points" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
                "division_code" TEXT NOT NULL, "channel" TEXT NOT NULL,
                "handler_account" UUID REFERENCES "staff_accounts" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
                "handler_person" UUID, "actor_kind" TEXT NOT NULL, "actor_key" TEXT NOT NULL, "actor_label" TEXT NOT NULL,
                "accepted_at" REAL NOT NULL, "deadline" TEXT, "deadline_provisional" INTEGER NOT NULL, "state" TEXT NOT NULL,
                "form_sealed" TEXT NOT NULL, "missing_documents" TEXT, "decision_reason" TEXT, "reviewer_account" UUID,
                "finished_at" REAL, "submission_key" TEXT NOT NULL, "updated_at" REAL NOT NULL,
                CONSTRAINT "uq:cases.number" UNIQUE ("number"),
                CONSTRAINT "uq:cases.actor_key+cases.submission_key" UNIQUE ("actor_key", "submission_key"))
            """#,
            #"""
            INSERT INTO cases_new (id, number, county_code, accepted_on, item_seq, citizen_id, service_point_id, division_code,
                channel, handler_account, handler_person, actor_kind, actor_key, actor_label, accepted_at, deadline,
                deadline_provisional, state, form_sealed, missing_documents, decision_reason, reviewer_account, finished_at,
                submission_key, updated_at)
            SELECT id, number, county_code, accepted_on, item_seq, citizen_id, service_point_id, division_code,
                channel, handler_account, handler_person, 'staff', 'staff:' || lower(handler_account), '', accepted_at, deadline,
                deadline_provisional, state, form_sealed, missing_documents, decision_reason, reviewer_account, finished_at,
                submission_key, updated_at
            FROM cases
            """#,
            #"""
            CREATE TABLE "case_steps_new" ("id" UUID PRIMARY KEY,
                "case_id" UUID NOT NULL REFERENCES "cases_new" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
                "at" REAL NOT NULL,
                "actor_account" UUID REFERENCES "staff_accounts" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
                "actor_kind" TEXT NOT NULL, "actor_name" TEXT NOT NULL, "actor_post" TEXT NOT NULL,
                "actor_unit_name" TEXT NOT NULL, "action" TEXT NOT NULL, "detail" TEXT)
            """#,
            #"""
            INSERT INTO case_steps_new (id, case_id, at, actor_account, actor_kind, actor_name, actor_post, actor_unit_name, action, detail)
            SELECT id, case_id, at, actor_account, 'staff', actor_name, actor_post, actor_unit_name, action, detail FROM case_steps
            """#,
            #"DROP TABLE case_steps"#,
            #"DROP TABLE cases"#,
            #"ALTER TABLE cases_new RENAME TO cases"#,
            #"ALTER TABLE case_steps_new RENAME TO case_steps"#,
            #"CREATE INDEX "cases_citizen" ON "cases" ("citizen_id")"#,
            #"CREATE INDEX "cases_division_state" ON "cases" ("division_code", "state")"#,
            #"CREATE INDEX "cases_point_state" ON "cases" ("service_point_id", "state")"#,
            #"CREATE INDEX "case_steps_case" ON "case_steps" ("case_id")"#,
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
