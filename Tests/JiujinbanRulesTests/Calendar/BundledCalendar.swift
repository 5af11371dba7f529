import Foundation
import JiujinbanRules

/// The built-in calendar file the application embeds, read from the source tree.
enum BundledCalendar {
    /// `<package>/Sources/JiujinbanApp/Assets/calendar/cn-workday-calendar.json`, from this file's
    /// `<package>/Tests/JiujinbanRulesTests/Calendar/` folder.
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Sources/JiujinbanApp/Assets/calendar/cn-workday-calendar.json")

    static func data() throws -> Data { try Data(contentsOf: url) }

    static func calendar() throws -> WorkCalendar { try WorkCalendar.decode(bundledJSON: data()).get() }
}
