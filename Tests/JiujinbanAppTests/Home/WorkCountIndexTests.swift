import Fluent
import Foundation
@testable import JiujinbanApp
import SQLKit
import Testing
import Vapor

/// The navigation's counts run on every page: each count statement's shape is answered from an index (M0051), not by
/// reading the table. Checked with SQLite's query plan (PostgreSQL chooses by its statistics, so its plan on a
/// near-empty test table says nothing).
@Suite("Navigation counts read indexes")
struct WorkCountIndexTests {
    static let statements: [String] = [
        "SELECT COUNT(*) FROM problem_reports WHERE desk = 'x' AND state = 'waiting' AND (assignee_account IS NULL OR assignee_account = 'a')",
        "SELECT COUNT(*) FROM problem_reports WHERE reporter_account = 'a' AND state = 'answered'",
        "SELECT COUNT(*) FROM account_applications WHERE applicant_division_code >= '140830' AND applicant_division_code < '140830a' AND flow = 'f' AND state = 's'",
        "SELECT COUNT(*) FROM report_submissions WHERE township_code >= '140830' AND township_code < '140830a' AND state = 'submitted'",
        "SELECT COUNT(*) FROM report_exceptions WHERE township_code >= '140830' AND township_code < '140830a' AND state = 'requested'",
        // The point's cases by state (M0032's cases_point_state): waiting, returned, returned by the core system.
        "SELECT COUNT(*) FROM cases WHERE service_point_id = 'p' AND state = 'core_returned'",
    ]

    @Test("every count statement's plan names an index")
    func plansUseIndexes() async throws {
        try await TestApp.run { app in
            let sql = app.db as! any SQLDatabase
            guard sql.dialect.name == "sqlite" else { return }
            for statement in Self.statements {
                let plan = try await sql.raw(SQLQueryString("EXPLAIN QUERY PLAN " + statement)).all()
                    .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "; ")
                #expect(plan.contains("USING INDEX") || plan.contains("USING COVERING INDEX"), "\(statement): \(plan)")
            }
        }
    }
}
