import Fluent
import Vapor

/// The service items as a feature: the migrations of the records items keep in their own folders. (Their pages are
/// the case pages and the search pages of the features they work on; their routes come with those.)
enum ServiceItemsFeature: Feature {
    static func routes(_ app: Application) {}

    static var migrations: [any Migration] {
        ItemRegistry.modules.flatMap { $0.migrations() }
    }
}
