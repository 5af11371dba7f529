import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 培训意向跟踪反馈 (item 18): the wait before a follow-up becomes the dated figure `training.follow-up-wait`
/// (`PolicyFigureSeed.training`, 10 working days, 待核实), and an intention holds at most one open follow-up, so two
/// instances sweeping at once open one.
struct M0068TrainingFollowUpWait: AsyncMigration {
    var name: String { "JiujinbanApp.M0068TrainingFollowUpWait" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await M0036CreatePolicyFigures.seed(PolicyFigureSeed.training, on: database, at: Date())
        try await (database as! any SQLDatabase).raw("""
            CREATE UNIQUE INDEX training_follow_ups_open ON training_follow_ups (intention_id) WHERE recorded_at IS NULL
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX training_follow_ups_open").run()
        let keys = PolicyFigureSeed.training.map(\.key.rawValue)
        try await PolicyFigureRecord.query(on: database).filter(\.$key ~~ keys).delete()
    }
}
