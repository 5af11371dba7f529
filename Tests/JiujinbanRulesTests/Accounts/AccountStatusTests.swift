import Foundation
import JiujinbanRules
import Testing

@Suite("账号状态 account statuses")
struct AccountStatusTests {
    @Test("statuses", arguments: [
        (AccountStatus.active, "active", "正常", true),
        (.frozen, "frozen", "冻结", false),
        (.locked, "locked", "锁定", false),
        (.deactivated, "deactivated", "注销", false),
    ] as [(AccountStatus, String, String, Bool)])
    func statuses(status: AccountStatus, raw: String, label: String, signsIn: Bool) {
        #expect(status.rawValue == raw)
        #expect(status.label == label)
        #expect(status.allowsSignIn == signsIn)
        #expect(status.isLive == (status != .deactivated))
    }

    /// Every status × change, by hand; `nil` where the change does not apply.
    @Test("transitions", arguments: [
        (AccountStatus.active, AccountStatus.Change.freeze, AccountStatus?.some(.frozen)),
        (.active, .unlock, nil),
        (.active, .deactivate, .deactivated),
        (.active, .idleLock, .locked),
        (.frozen, .freeze, nil),
        (.frozen, .unlock, .active),
        (.frozen, .deactivate, .deactivated),
        (.frozen, .idleLock, nil),
        (.locked, .freeze, .frozen),
        (.locked, .unlock, .active),
        (.locked, .deactivate, .deactivated),
        (.locked, .idleLock, nil),
        (.deactivated, .freeze, nil),
        (.deactivated, .unlock, nil),
        (.deactivated, .deactivate, nil),
        (.deactivated, .idleLock, nil),
    ] as [(AccountStatus, AccountStatus.Change, AccountStatus?)])
    func transitions(from: AccountStatus, change: AccountStatus.Change, to: AccountStatus?) {
        #expect(from.applying(change) == to)
    }

    @Test func changeLabels() {
        #expect(AccountStatus.Change.allCases.map(\.label) == ["冻结", "解锁", "注销", "闲置锁定"])
        #expect(AccountStatus.Change.idleLock.rawValue == "idle_lock")
    }
}

private let lastLogin = Date(timeIntervalSince1970: 1_780_000_000)
private let minute: TimeInterval = 60
private let day: TimeInterval = 24 * 60 * 60

@Suite("闲置锁定 idle lock")
struct IdleLockRuleTests {
    @Test("90 days × 24 h after the last login, to the minute", arguments: [
        (0, false),
        (89 * day, false),
        (90 * day - minute, false),
        (90 * day - 0.001, false),
        (90 * day, true),
        (90 * day + minute, true),
        (400 * day, true),
    ] as [(TimeInterval, Bool)])
    func boundary(elapsed: TimeInterval, idle: Bool) {
        let rule = IdleLockRule()
        #expect(rule.isIdle(lastSignOfLife: lastLogin, now: lastLogin.addingTimeInterval(elapsed)) == idle)
        let now = lastLogin.addingTimeInterval(elapsed)
        #expect(rule.mustLock(status: .active, lastSignOfLife: lastLogin, now: now) == idle)
    }

    @Test func lockDue() {
        #expect(IdleLockRule().lockDue(after: lastLogin) == lastLogin.addingTimeInterval(7_776_000))
        #expect(IdleLockRule().idleDays == 90)
    }

    @Test("the number of days is configurable")
    func configurable() {
        let rule = IdleLockRule(idleDays: 30)
        #expect(!rule.isIdle(lastSignOfLife: lastLogin, now: lastLogin.addingTimeInterval(30 * day - minute)))
        #expect(rule.isIdle(lastSignOfLife: lastLogin, now: lastLogin.addingTimeInterval(30 * day + minute)))
    }

    @Test("only active accounts are locked", arguments: [AccountStatus.frozen, .locked, .deactivated])
    func onlyActive(status: AccountStatus) {
        let now = lastLogin.addingTimeInterval(200 * day)
        #expect(!IdleLockRule().mustLock(status: status, lastSignOfLife: lastLogin, now: now))
    }

    @Test("the clock runs from the latest of creation, last login and last unlock")
    func lastSignOfLife() {
        let created = lastLogin.addingTimeInterval(-10 * day)
        let unlocked = lastLogin.addingTimeInterval(100 * day)
        #expect(IdleLockRule.lastSignOfLife(createdAt: created, lastLoginAt: nil, lastUnlockedAt: nil) == created)
        #expect(IdleLockRule.lastSignOfLife(createdAt: created, lastLoginAt: lastLogin, lastUnlockedAt: nil) == lastLogin)
        #expect(IdleLockRule.lastSignOfLife(createdAt: created, lastLoginAt: lastLogin, lastUnlockedAt: unlocked)
                == unlocked)
        let unlockedThenIdle = IdleLockRule().mustLock(
            status: .active, lastSignOfLife: unlocked, now: unlocked.addingTimeInterval(minute))
        #expect(!unlockedThenIdle)
    }
}
