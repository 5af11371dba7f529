import Foundation

/// 登录失败锁定 (S04): `maxFailures` failed logins within `window` lock sign-in for `lockDuration`; attempts while
/// locked do not count; a successful login clears the count.
///
/// A pure state machine: the web layer loads the value, calls it with the request's time and stores it back. This
/// short lock is separate from the account statuses: it lifts by itself and needs no admin.
public struct LoginThrottle: Hashable, Sendable, Codable {
    public struct Policy: Hashable, Sendable {
        public let maxFailures: Int
        public let window: TimeInterval
        public let lockDuration: TimeInterval

        public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60, lockDuration: TimeInterval = 30 * 60) {
            precondition(maxFailures > 0 && window > 0 && lockDuration > 0, "throttle numbers must be positive")
            self.maxFailures = maxFailures
            self.window = window
            self.lockDuration = lockDuration
        }
    }

    /// Failures still to be counted, oldest first; always fewer than the policy's `maxFailures`.
    public private(set) var recentFailures: [Date]
    /// The end of the current or last lock.
    public private(set) var lockedUntil: Date?

    public init(recentFailures: [Date] = [], lockedUntil: Date? = nil) {
        self.recentFailures = recentFailures
        self.lockedUntil = lockedUntil
    }

    /// Whether a sign-in may be tried at all.
    public enum Gate: Hashable, Sendable {
        case open
        case locked(until: Date)
    }

    /// What a failed attempt did.
    public enum FailureOutcome: Hashable, Sendable {
        /// Counted: `remaining` more failures within the window lock sign-in.
        case counted(remaining: Int)
        /// This failure locked sign-in (audit `account_locked`).
        case lockedNow(until: Date)
        /// Sign-in was already locked: not counted, the lock is not extended.
        case ignoredWhileLocked(until: Date)
    }

    /// The lock ends at `lockedUntil` exactly: at that instant sign-in is open again.
    public func gate(at now: Date) -> Gate {
        if let lockedUntil, now < lockedUntil { return .locked(until: lockedUntil) }
        return .open
    }

    /// Records a failed sign-in at `now`. A failure counts while it is less than `window` old.
    public mutating func recordFailure(at now: Date, policy: Policy = Policy()) -> FailureOutcome {
        if case .locked(let until) = gate(at: now) { return .ignoredWhileLocked(until: until) }
        recentFailures = recentFailures.filter { now.timeIntervalSince($0) < policy.window } + [now]
        guard recentFailures.count >= policy.maxFailures else {
            return .counted(remaining: policy.maxFailures - recentFailures.count)
        }
        let until = now.addingTimeInterval(policy.lockDuration)
        lockedUntil = until
        recentFailures = []
        return .lockedNow(until: until)
    }

    /// Records a successful sign-in at `now`: clears the count and returns `.open`. While locked a correct sign-in
    /// is refused like any other and changes nothing, so the caller must refuse it when this returns `.locked`.
    public mutating func recordSuccess(at now: Date) -> Gate {
        let gate = gate(at: now)
        if gate == .open {
            recentFailures = []
            lockedUntil = nil
        }
        return gate
    }
}
