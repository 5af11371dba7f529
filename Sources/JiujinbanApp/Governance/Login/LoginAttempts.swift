import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 登录失败锁定 (S04) around the QR login. A login refused for a person the card platform vouched for (a valid
/// signature: stale or early assertion, replayed nonce, expired, used or foreign ticket, no usable account, an
/// account of someone else chosen) counts against that person; `maxFailures` within the window lock their sign-in
/// for the lock duration; while locked every attempt is refused without counting; a successful sign-in clears
/// the count. The subject is the keyed blind index of the ID number, so the table names nobody in clear.
enum LoginAttempts {
    /// Refuses at once while `subject`'s sign-in is locked: audited, not counted, the lock not extended.
    static func requireOpen(_ subject: String, on req: Request) async throws {
        let now = req.jiujinban.clock.now()
        guard case .locked(let until) = try await LoginThrottleStore.load(subject, on: req.db).gate(at: now) else { return }
        try await req.write { db in
            let (type, id) = try await object(of: subject, on: db)
            try await req.audit(AuditEvent("login.refused_locked", objectType: type, objectID: id, result: .denied,
                                           detail: "登录已锁定至\(AuditInstant(until).rendered(utcOffsetMinutes: 480))，本次不计入失败次数"),
                                on: db)
        }
        throw lockedError(until: until, now: now)
    }

    /// Counts a refused login of `subject` inside the caller's transaction, with one `login.failed` audit row and,
    /// when this failure locks sign-in, one `account_locked` row. Returns the refusal to show instead of the
    /// original one when sign-in is locked.
    static func recordFailure(_ subject: String, reason: String, on db: any Database, req: Request) async throws -> PublicError? {
        let now = req.jiujinban.clock.now()
        let policy = req.jiujinban.configuration.loginThrottle
        var throttle = try await LoginThrottleStore.load(subject, on: db)
        let outcome = throttle.recordFailure(at: now, policy: policy)
        try await LoginThrottleStore.save(throttle, subject: subject, on: db)
        let (type, id) = try await object(of: subject, on: db)
        switch outcome {
        case .counted(let remaining):
            try await req.audit(AuditEvent("login.failed", objectType: type, objectID: id, result: .denied,
                                           detail: "\(reason)；再失败\(remaining)次将锁定登录"), on: db)
            return nil
        case .lockedNow(let until):
            try await req.audit(AuditEvent("login.failed", objectType: type, objectID: id, result: .denied,
                                           detail: "\(reason)；已达\(policy.maxFailures)次"), on: db)
            try await req.audit(AuditEvent(
                "account_locked", objectType: type, objectID: id, result: .denied,
                detail: "\(Int(policy.window / 60))分钟内登录失败\(policy.maxFailures)次，锁定登录至"
                    + AuditInstant(until).rendered(utcOffsetMinutes: 480)), on: db)
            return lockedError(until: until, now: now)
        case .ignoredWhileLocked(let until):
            return lockedError(until: until, now: now)
        }
    }

    /// Clears the count of a successful sign-in inside the caller's transaction; returns the refusal to show when
    /// sign-in is locked (a lock that began after the page checked).
    static func recordSuccess(_ subject: String, on db: any Database, req: Request) async throws -> PublicError? {
        let now = req.jiujinban.clock.now()
        var throttle = try await LoginThrottleStore.load(subject, on: db)
        if case .locked(let until) = throttle.recordSuccess(at: now) { return lockedError(until: until, now: now) }
        try await LoginThrottleStore.save(throttle, subject: subject, on: db)
        return nil
    }

    static func lockedError(until: Date, now: Date) -> PublicError {
        PublicError(.tooManyRequests, LoginLockNotice.message(lockedUntil: until, now: now))
    }

    /// How the audit trail names the subject: the person when one is registered, else a prefix of the index.
    private static func object(of subject: String, on db: any Database) async throws -> (type: String, id: String) {
        if let person = try await StaffPerson.query(on: db).filter(\.$idNumberIndex == subject).first(), let id = person.id {
            return ("staff_person", id.uuidString)
        }
        return ("login_subject", String(subject.prefix(16)))
    }
}
