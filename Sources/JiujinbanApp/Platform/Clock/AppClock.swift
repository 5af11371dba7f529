import Foundation
import JiujinbanRules
import Vapor

/// The platform's only source of "now", so that tests fix time instead of sleeping.
public struct AppClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = AppClock { Date() }

    public static func fixed(_ instant: Date) -> AppClock { AppClock { instant } }

    /// Today's calendar date in Asia/Shanghai.
    public var today: CalendarDate { CalendarDate(now()) }
}
