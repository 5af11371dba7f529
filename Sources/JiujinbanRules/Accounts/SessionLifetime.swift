import Foundation

/// 会话有效期 (S08): a session ends after `idleTimeout` without a request (article 6: staff log out when they leave
/// the computer) and in any case `absoluteLifetime` after it began.
public struct SessionLifetime: Hashable, Sendable {
    public let idleTimeout: TimeInterval
    public let absoluteLifetime: TimeInterval

    public init(idleTimeout: TimeInterval = 30 * 60, absoluteLifetime: TimeInterval = 12 * 60 * 60) {
        precondition(idleTimeout > 0 && absoluteLifetime > 0, "session lifetimes must be positive")
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
    }

    /// 会话状态
    public enum State: String, Hashable, Sendable {
        case valid
        /// 闲置超时: no request for `idleTimeout`.
        case idleExpired = "idle_expired"
        /// 超过最长有效期: `absoluteLifetime` since sign-in.
        case absoluteExpired = "absolute_expired"
    }

    /// The session's state at `now`. Each limit is reached at its exact instant: a request 30 minutes after the
    /// last one finds the session expired, one a second earlier does not. When both limits are passed the
    /// absolute one is reported, since no activity could have saved the session.
    public func state(createdAt: Date, lastSeenAt: Date, now: Date) -> State {
        if now.timeIntervalSince(createdAt) >= absoluteLifetime { return .absoluteExpired }
        if now.timeIntervalSince(lastSeenAt) >= idleTimeout { return .idleExpired }
        return .valid
    }
}
