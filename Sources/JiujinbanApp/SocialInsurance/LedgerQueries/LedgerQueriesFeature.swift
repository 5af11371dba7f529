import Fluent
import Vapor

/// The ledger's query pages (items 33 and 36): their routes; the items' own modules are in `Items/`.
enum LedgerQueriesFeature: Feature {
    static func routes(_ app: Application) {
        LedgerQueriesController.register(app)
    }
}
