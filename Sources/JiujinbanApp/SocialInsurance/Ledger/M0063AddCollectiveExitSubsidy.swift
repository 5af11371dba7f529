import Fluent

/// 集体出口补 in a column of its own: M0040 kept it inside `exit_subsidy_fen`, so the monthly re-rating, which replaces
/// the 出口补 by the age band's figure at the 80th birthday, replaced a village collective's part with it. Existing
/// rows get 0: the one column cannot be split after the fact.
struct M0063AddCollectiveExitSubsidy: AsyncMigration {
    var name: String { "JiujinbanApp.M0063AddCollectiveExitSubsidy" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("insurance_entitlements").field("collective_exit_fen", .int64, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("insurance_entitlements").deleteField("collective_exit_fen").update()
    }
}
