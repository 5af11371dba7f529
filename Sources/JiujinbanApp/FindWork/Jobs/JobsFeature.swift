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

    /// Where the operators and the county business admin find the employers and postings they keep or search; the
    /// navigation draws an entry only for a user whose route guard admits it, and the postings search, open to every
    /// post that serves or supervises, is listed only for the two posts that work on it.
    static let navigation = [
        NavigationEntry(line: .governance, order: 24, label: "用人单位", url: .employers()),
        NavigationEntry(line: .governance, order: 26, label: "招聘岗位", url: .jobPostings(),
                        requires: [.registerEmployers, .manageEmploymentDirectories]),
    ]

    static let notices = [RecommendationNotices.employed, EmployerNotices.registered, EmployerNotices.postingPublished,
                          EmployerNotices.postingClosed]

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "occupations", OccupationsCommand())]
    }
}

/// What item 2's page says after the clerk recorded that the person found work.
enum RecommendationNotices {
    static let employed = PageNotice("job-employed", "已登记就业：求职登记已结束，有效的零工求职登记和失业登记一并结束。")
}
