import Fluent
import Vapor

/// Jobs: its routes, migrations and navigation, registered once (`Feature`).
enum JobsFeature: Feature {
    static func routes(_ app: Application) {
        EmployersController.register(app)
        JobPostingsController.register(app)
        RecommendationsController.register(app)
        PostingSeekersController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0019CreateJobMarket(),
            M0027SeedOccupationMediumGroups(),
            M0028AddJobSeekerPlaces(),
            M0029CreateEmploymentFound(),
        ]
    }

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "occupations", OccupationsCommand())]
    }
}
