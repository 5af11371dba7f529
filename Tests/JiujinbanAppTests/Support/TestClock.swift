import Foundation
@testable import JiujinbanApp

/// A clock a test moves by hand (session timeouts, ticket expiry, the idle lock) instead of sleeping.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = TestApp.fixedNow) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }

    var appClock: AppClock { AppClock { [self] in now } }
}
