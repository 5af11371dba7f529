import Fluent
import Foundation
import JiujinbanRules

/// The platform's own limits become dated figures (`PolicyFigureSeed.platform`): the reply limit of problem
/// reports, the monthly report's deadline day and the acceptance pass mark, until now compiled in. Loaded with the
/// values the code held, so nothing changes on the day of the upgrade; from then on a business admin ends and
/// succeeds them like any figure, and the two the documents do not give are marked 待核实.
struct M0061SeedPlatformFigures: AsyncMigration {
    var name: String { "JiujinbanApp.M0061SeedPlatformFigures" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await M0036CreatePolicyFigures.seed(PolicyFigureSeed.platform, on: database, at: Date())
    }

    func revert(on database: any Database) async throws {
        let keys = PolicyFigureSeed.platform.map(\.key.rawValue)
        try await PolicyFigureRecord.query(on: database).filter(\.$key ~~ keys).delete()
    }
}
