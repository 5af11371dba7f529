import Fluent
import Vapor

/// JobFairs: its routes, migrations and navigation, registered once (`Feature`).
enum JobFairsFeature: Feature {
    static func routes(_ app: Application) {
        JobFairsController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0020CreateJobFairs(),
        ]
    }
}
