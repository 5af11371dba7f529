import Fluent
import Vapor

/// Acceptance: its routes, migrations and navigation, registered once (`Feature`).
enum AcceptanceFeature: Feature {
    static func routes(_ app: Application) {
        AcceptanceController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0016CreateAcceptancePhotos(),
        ]
    }

    static let notices = [AcceptanceNotices.inspected, AcceptanceNotices.milestonesSaved]
}

/// What the acceptance page says after an inspection or the milestones were saved (`PageNotice`).
enum AcceptanceNotices {
    static let inspected = PageNotice("acceptance-inspected", "已保存验收记录。")
    static let milestonesSaved = PageNotice("acceptance-milestones-saved", "已保存建设进度。")
}
