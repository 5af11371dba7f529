import Foundation

/// 闲置锁定 (article 11, S05): an account with no login for 3 months is locked.
///
/// "3 months" is fixed here as `idleDays` × 24 hours (default 90) from the last sign of life, compared as instants:
/// calendar months would make the limit 89 to 92 days depending on the month and the time zone. The account is
/// idle from the instant the limit is reached: 90 days minus a minute after the last login it stays active,
/// at 90 days it is locked.
///
/// The last sign of life is the latest of the last login, the account's creation (an account never used is
/// idle from the day it was made) and the last unlock (without it the daily job would lock an unlocked account
/// again at once).
public struct IdleLockRule: Hashable, Sendable {
    public let idleDays: Int

    public init(idleDays: Int = 90) {
        precondition(idleDays > 0, "idleDays must be positive")
        self.idleDays = idleDays
    }

    public var idleInterval: TimeInterval { TimeInterval(idleDays) * 24 * 60 * 60 }

    /// The latest of the instants that restart the idle clock.
    public static func lastSignOfLife(createdAt: Date, lastLoginAt: Date?, lastUnlockedAt: Date?) -> Date {
        [createdAt, lastLoginAt, lastUnlockedAt].compactMap { $0 }.max()!
    }

    /// The instant from which an account last alive at `lastSignOfLife` is idle.
    public func lockDue(after lastSignOfLife: Date) -> Date {
        lastSignOfLife.addingTimeInterval(idleInterval)
    }

    /// Whether an account last alive at `lastSignOfLife` is idle at `now`.
    public func isIdle(lastSignOfLife: Date, now: Date) -> Bool {
        now >= lockDue(after: lastSignOfLife)
    }

    /// Whether the daily job (or a login attempt) must lock the account now: it is active and idle. Frozen,
    /// locked and deactivated accounts are left as they are.
    public func mustLock(status: AccountStatus, lastSignOfLife: Date, now: Date) -> Bool {
        status.applying(.idleLock) != nil && isIdle(lastSignOfLife: lastSignOfLife, now: now)
    }
}
