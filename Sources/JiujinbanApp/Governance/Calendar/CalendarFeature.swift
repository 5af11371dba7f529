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
}
