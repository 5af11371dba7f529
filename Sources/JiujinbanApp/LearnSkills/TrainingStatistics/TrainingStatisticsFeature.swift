import Fluent
import Vapor

/// 培训统计: its routes and navigation, registered once (`Feature`).
enum TrainingStatisticsFeature: Feature {
    static func routes(_ app: Application) {
        TrainingStatisticsController.register(app)
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 35, label: "培训统计", url: .trainingStatistics()),
    ]
}
