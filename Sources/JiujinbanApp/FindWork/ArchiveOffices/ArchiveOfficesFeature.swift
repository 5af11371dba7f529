import Fluent
import Vapor

/// ArchiveOffices: its routes, migrations and navigation, registered once (`Feature`).
enum ArchiveOfficesFeature: Feature {
    static func routes(_ app: Application) {
        ArchiveOfficesController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0021CreateArchiveOffices(),
        ]
    }

    static let notices = [ArchiveOfficeNotices.created, ArchiveOfficeNotices.updated]
}

/// What an archive office's page says after it was saved (`PageNotice`).
enum ArchiveOfficeNotices {
    static let created = PageNotice("archive-office-created", "已新增档案管理机构。")
    static let updated = PageNotice("archive-office-updated", "已保存档案管理机构信息。")
}
