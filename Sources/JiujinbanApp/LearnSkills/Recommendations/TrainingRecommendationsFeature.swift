import Fluent
import Vapor

/// 培训机构推荐's pages (the item itself is `InstitutionRecommendationItem`) and the withdrawal of an intention listed
/// there: registered once (`Feature`).
enum TrainingRecommendationsFeature: Feature {
    static func routes(_ app: Application) {
        TrainingRecommendationsController.register(app)
        TrainingIntentionWithdrawal.register(app)
    }

    static let notices = [TrainingIntentionNotices.withdrawn]
}
