import Fluent
import Vapor

/// Calendar: its routes, migrations and navigation, registered once (`Feature`).
enum CalendarFeature: Feature {
    static func routes(_ app: Application) {
        WorkCalendarController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0011CreateWorkCalendarYears(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 80, label: "工作日历", url: .workCalendar(), requires: [.manageWorkCalendar, .serveCitizens]),
    ]

    static let notices = [CalendarNotices.loaded]
}

/// What the work calendar says after a year was loaded (`PageNotice`).
enum CalendarNotices {
    static let loaded = PageNotice("calendar-loaded", "已载入该年度的节假日安排，办结时限按新日历计算。")
}
