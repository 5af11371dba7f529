import Foundation

/// The nonces of card login assertions seen recently, kept in memory by one app instance (checklist S03).
///
/// A nonce is remembered until its expiry, which the verifier sets to the instant its assertion goes stale, so
/// forgetting it afterwards is safe. The set is bounded: when it is full of unexpired nonces a new one is refused
/// rather than evicting one that could then be replayed. Several app instances must also record nonces in the
/// database under a unique constraint; this set spares the database the obvious replays.
public struct RecentNonces: Sendable {
    public static let defaultCapacity = 10_000

    public let capacity: Int
    private var expiries: [String: Date] = [:]

    public init(capacity: Int = defaultCapacity) {
        precondition(capacity > 0, "capacity must be positive")
        self.capacity = capacity
    }

    /// Nonces held, including expired ones not yet pruned.
    public var count: Int { expiries.count }

    /// Whether `nonce` is remembered at `now`; a nonce is remembered up to and including its expiry.
    public func contains(_ nonce: String, now: Date) -> Bool {
        expiries[nonce].map { now <= $0 } ?? false
    }

    /// Records the login's nonce, or throws `.replayed` when it was seen before.
    public mutating func record(_ login: VerifiedCardLogin, now: Date) throws(CardAssertionError) {
        try record(login.nonce, expiresAt: login.nonceExpiresAt, now: now)
    }

    /// Records `nonce` until `expiresAt`; throws `.replayed` when it is already remembered, and
    /// `.tooManyRecentLogins` when `capacity` unexpired nonces are held.
    public mutating func record(_ nonce: String, expiresAt: Date, now: Date) throws(CardAssertionError) {
        guard !contains(nonce, now: now) else { throw .replayed }
        if expiries[nonce] == nil, expiries.count >= capacity {
            expiries = expiries.filter { now <= $0.value }
            guard expiries.count < capacity else { throw .tooManyRecentLogins }
        }
        expiries[nonce] = expiresAt
    }
}
