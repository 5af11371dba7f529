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

    static let notices = [JobFairNotices.created, JobFairNotices.updated, JobFairNotices.cancelled]
}

/// What a job fair's page says after it was saved or cancelled (`PageNotice`).
enum JobFairNotices {
    static let created = PageNotice("job-fair-created", "已发布招聘会。")
    static let updated = PageNotice("job-fair-updated", "已保存招聘会信息。")
    static let cancelled = PageNotice("job-fair-cancelled", "已取消招聘会，取消原因已记录。")
}
