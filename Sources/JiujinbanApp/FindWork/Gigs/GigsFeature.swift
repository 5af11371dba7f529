import Fluent
import Vapor

/// Gigs: its routes, migrations and navigation, registered once (`Feature`).
enum GigsFeature: Feature {
    static func routes(_ app: Application) {
        GigsController.register(app)
        GigMatchingController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0022CreateGigWork(),
            M0025AddGigSkillRetirement(),
            M0030AddGigSeekerSkillsCounty(),
        ]
    }
}
