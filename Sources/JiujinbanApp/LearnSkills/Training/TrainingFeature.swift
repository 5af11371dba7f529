import Fluent
import Vapor

/// 我要学技能's records (M0067): the county's training institutions and class plans, the intentions registered at
/// the points with what was done for them, the monitoring list and the 就业困难人员 recognitions. Its routes, pages and
/// notices come with the features of the group.
enum TrainingFeature: Feature {
    static func routes(_ app: Application) {}

    static var migrations: [any Migration] {
        [
            M0067CreateTraining(),
        ]
    }
}
