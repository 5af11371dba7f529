import Foundation
import JiujinbanRules
import Testing

private let start = Date(timeIntervalSince1970: 1_780_000_000)
private func at(minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

@Suite("登录失败锁定 login throttle")
struct LoginThrottleTests {
    @Test("the fifth failure within 15 minutes locks sign-in for 30 minutes")
    func fiveFailures() {
        var throttle = LoginThrottle()
        #expect(throttle.recordFailure(at: at(minutes: 0)) == .counted(remaining: 4))
        #expect(throttle.recordFailure(at: at(minutes: 1)) == .counted(remaining: 3))
        #expect(throttle.recordFailure(at: at(minutes: 2)) == .counted(remaining: 2))
        #expect(throttle.recordFailure(at: at(minutes: 3)) == .counted(remaining: 1))
        #expect(throttle.gate(at: at(minutes: 3)) == .open)
        #expect(throttle.recordFailure(at: at(minutes: 14)) == .lockedNow(until: at(minutes: 44)))
        #expect(throttle.gate(at: at(minutes: 14)) == .locked(until: at(minutes: 44)))
        #expect(throttle.gate(at: at(minutes: 43.99)) == .locked(until: at(minutes: 44)))
        #expect(throttle.gate(at: at(minutes: 44)) == .open)
    }

    @Test("a failure exactly 15 minutes old has left the window")
    func windowEdge() {
        var throttle = LoginThrottle()
        for minute in [0.0, 1, 2, 3] { _ = throttle.recordFailure(at: at(minutes: minute)) }
        #expect(throttle.recordFailure(at: at(minutes: 15)) == .counted(remaining: 1))
        #expect(throttle.recentFailures == [at(minutes: 1), at(minutes: 2), at(minutes: 3), at(minutes: 15)])

        var justInside = LoginThrottle()
        for minute in [0.0, 1, 2, 3] { _ = justInside.recordFailure(at: at(minutes: minute)) }
        #expect(justInside.recordFailure(at: at(minutes: 14.99)) == .lockedNow(until: at(minutes: 44.99)))
    }

    @Test("failures spread over more than 15 minutes never lock")
    func spreadOut() {
        var throttle = LoginThrottle()
        for step in 0..<20 {
            let outcome = throttle.recordFailure(at: at(minutes: Double(step) * 4))
            #expect(outcome == .counted(remaining: step < 3 ? 4 - step : 1))
        }
        #expect(throttle.gate(at: at(minutes: 80)) == .open)
    }

    @Test("attempts while locked do not count and do not extend the lock")
    func whileLocked() {
        var throttle = LoginThrottle()
        for minute in [0.0, 1, 2, 3, 4] { _ = throttle.recordFailure(at: at(minutes: minute)) }
        #expect(throttle.recordFailure(at: at(minutes: 10)) == .ignoredWhileLocked(until: at(minutes: 34)))
        #expect(throttle.recordFailure(at: at(minutes: 33)) == .ignoredWhileLocked(until: at(minutes: 34)))
        #expect(throttle.recentFailures.isEmpty)
        #expect(throttle.recordFailure(at: at(minutes: 34)) == .counted(remaining: 4))
    }

    @Test("a success clears the count")
    func successResets() {
        var throttle = LoginThrottle()
        for minute in [0.0, 1, 2, 3] { _ = throttle.recordFailure(at: at(minutes: minute)) }
        #expect(throttle.recordSuccess(at: at(minutes: 4)) == .open)
        #expect(throttle.recentFailures.isEmpty)
        #expect(throttle.recordFailure(at: at(minutes: 5)) == .counted(remaining: 4))
    }

    @Test("a correct sign-in while locked is refused and changes nothing")
    func successWhileLocked() {
        var throttle = LoginThrottle()
        for minute in [0.0, 1, 2, 3, 4] { _ = throttle.recordFailure(at: at(minutes: minute)) }
        let before = throttle
        #expect(throttle.recordSuccess(at: at(minutes: 20)) == .locked(until: at(minutes: 34)))
        #expect(throttle == before)
        #expect(throttle.recordSuccess(at: at(minutes: 34)) == .open)
        #expect(throttle == LoginThrottle())
    }

    @Test("the numbers are configurable")
    func configurable() {
        let policy = LoginThrottle.Policy(maxFailures: 3, window: 60, lockDuration: 120)
        var throttle = LoginThrottle()
        #expect(throttle.recordFailure(at: start, policy: policy) == .counted(remaining: 2))
        #expect(throttle.recordFailure(at: start.addingTimeInterval(30), policy: policy) == .counted(remaining: 1))
        #expect(throttle.recordFailure(at: start.addingTimeInterval(59), policy: policy)
                == .lockedNow(until: start.addingTimeInterval(179)))
    }

    @Test("the state survives storage")
    func codable() throws {
        var throttle = LoginThrottle()
        _ = throttle.recordFailure(at: start)
        let restored = try JSONDecoder().decode(LoginThrottle.self, from: JSONEncoder().encode(throttle))
        #expect(restored == throttle)
        #expect(LoginThrottle(recentFailures: [start], lockedUntil: nil) == throttle)
    }
}

@Suite("会话有效期 session lifetime")
struct SessionLifetimeTests {
    @Test("idle timeout 30 minutes, absolute 12 hours", arguments: [
        // (minutes since sign-in of the last request, minutes since sign-in now, expected)
        (0.0, 29.99, SessionLifetime.State.valid),
        (0, 30, .idleExpired),
        (10, 39.99, .valid),
        (10, 40, .idleExpired),
        (700, 719.99, .valid),
        (719, 720, .absoluteExpired),
        (100, 720, .absoluteExpired),
        (0, 0, .valid),
    ] as [(Double, Double, SessionLifetime.State)])
    func edges(lastSeen: Double, now: Double, expected: SessionLifetime.State) {
        let state = SessionLifetime().state(createdAt: start, lastSeenAt: at(minutes: lastSeen), now: at(minutes: now))
        #expect(state == expected)
    }

    @Test("the limits are configurable")
    func configurable() {
        let lifetime = SessionLifetime(idleTimeout: 60, absoluteLifetime: 600)
        #expect(lifetime.state(createdAt: start, lastSeenAt: start, now: start.addingTimeInterval(59)) == .valid)
        #expect(lifetime.state(createdAt: start, lastSeenAt: start, now: start.addingTimeInterval(60)) == .idleExpired)
        let lastSeen = start.addingTimeInterval(590)
        #expect(lifetime.state(createdAt: start, lastSeenAt: lastSeen, now: start.addingTimeInterval(600)) == .absoluteExpired)
        #expect(SessionLifetime().idleTimeout == 1800)
        #expect(SessionLifetime().absoluteLifetime == 43_200)
    }
}
