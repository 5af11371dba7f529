import Fluent
import JiujinbanRules
import SQLKit

/// The 79 medium groups (中类) of the 2022 classification join the eight major groups, so postings and job seekers
/// name occupations at the level the issue asks for without a province first loading a file. A group a province
/// already loaded keeps its row (its name may be a later edition's).
struct M0027SeedOccupationMediumGroups: AsyncMigration {
    var name: String { "JiujinbanApp.M0027SeedOccupationMediumGroups" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        // One statement: every test database runs this migration.
        let rows = Occupation.mediumGroups.map { SQLGroupExpression([SQLBind($0.code), SQLBind($0.name)]) as any SQLExpression }
        try await (database as! any SQLDatabase).raw(
            "INSERT INTO occupations (code, name) VALUES \(SQLList(rows)) ON CONFLICT (code) DO NOTHING").run()
    }

    /// Takes back the groups no posting or job seeker names; a group in use stays, so every record stays readable.
    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for occupation in Occupation.mediumGroups {
            try await sql.raw("""
                DELETE FROM occupations WHERE code = \(bind: occupation.code)
                    AND NOT EXISTS (SELECT 1 FROM job_postings WHERE job_postings.occupation = occupations.code)
                    AND NOT EXISTS (SELECT 1 FROM job_seekers WHERE ',' || job_seekers.occupations || ',' LIKE '%,' || occupations.code || ',%')
                """).run()
        }
    }
}
