import Fluent
import SQLKit

/// The navigation's counts run on every page (`WorkCounts`), so each of their statements reads an index, not the
/// table: the desk's waiting problem reports, a reporter's answered ones, a department's account applications by
/// its division range, and a county's township submissions and exception requests by state. `cases` already has
/// its two (M0032).
struct M0051IndexWorkCounts: AsyncMigration {
    var name: String { "JiujinbanApp.M0051IndexWorkCounts" } // pinned: see `MigrationNameTests`

    static let indexes = [
        ("problem_reports_desk_state", "problem_reports (desk, state)"),
        ("problem_reports_reporter_state", "problem_reports (reporter_account, state)"),
        ("account_applications_division_state", "account_applications (applicant_division_code, flow, state)"),
        ("report_submissions_township_state", "report_submissions (township_code, state)"),
        ("report_exceptions_township_state", "report_exceptions (township_code, state)"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (name, columns) in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: columns)").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (name, _) in Self.indexes { try await sql.raw("DROP INDEX \(unsafeRaw: name)").run() }
    }
}
