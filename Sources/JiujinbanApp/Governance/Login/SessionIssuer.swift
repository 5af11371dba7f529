import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// Turns a confirmed login ticket into a session: the ticket must belong to this browser, be fresh, confirmed and
/// unused; the account must be the person's, active, and not idle for 3 months (locked on the spot if it is).
enum SessionIssuer {
    static let browserCookie = "jjb_login"

    /// The confirmed ticket of this browser, or a refusal the login page can show. A ticket the card platform
    /// confirmed names its person: refusing it counts against that person's login throttle (S04).
    static func confirmedTicket(_ ticket: String, on req: Request) async throws -> LoginTicketRecord {
        guard let record = try await LoginTicketRecord.find(SessionToken.digest(ticket), on: req.db) else {
            throw PublicError(.forbidden, "二维码不属于本浏览器，请刷新登录页后重新扫码")
        }
        let subject = record.confirmedPersonIndex
        if let subject { try await LoginAttempts.requireOpen(subject, on: req) }
        guard let browser = req.cookies[browserCookie]?.string,
              SessionToken.matches(record.browserHash, SessionToken.digest(browser)) else {
            try await refuse(req, "login.foreign_ticket", detail: "票据不属于本浏览器", subject: subject)
            throw PublicError(.forbidden, "二维码不属于本浏览器，请刷新登录页后重新扫码")
        }
        let now = req.jiujinban.clock.now()
        switch LoginTicket.state(createdAt: record.createdAt, consumedAt: record.consumedAt, now: now) {
        case .consumed:
            try await refuse(req, "login.ticket_reused", detail: "票据已使用", subject: subject)
            throw PublicError(.forbidden, "该二维码已使用过，请刷新登录页后重新扫码")
        case .expired:
            try await refuse(req, "login.ticket_expired", detail: "票据已过期", subject: subject)
            throw PublicError(.forbidden, "二维码已过期（有效期120秒），请刷新登录页后重新扫码")
        case .fresh:
            guard record.confirmedAt != nil, record.confirmedPersonIndex != nil else {
                throw PublicError(.conflict, "尚未收到电子社保卡扫码确认，请先用手机扫码")
            }
            return record
        }
    }

    /// Logs the browser in to `accountID` and consumes the ticket, in one transaction with its audit row.
    static func signIn(ticket: LoginTicketRecord, accountID: UUID, on req: Request) async throws -> Response {
        let now = req.jiujinban.clock.now()
        let token = SessionToken.generate()
        let ticketHash = try ticket.requireID()
        let subject = ticket.confirmedPersonIndex
        let outcome: Result<Void, PublicError> = try await req.write { db in
            // A refusal counts against the person who scanned; the lock notice replaces it once sign-in locks.
            func refused(_ error: PublicError, reason: String) async throws -> Result<Void, PublicError> {
                guard let subject, let locked = try await LoginAttempts.recordFailure(subject, reason: reason, on: db, req: req) else {
                    return .failure(error)
                }
                return .failure(locked)
            }
            guard let fresh = try await LoginTicketRecord.find(ticketHash, on: db), fresh.consumedAt == nil else {
                return try await refused(PublicError(.forbidden, "该二维码已使用过，请刷新登录页后重新扫码"), reason: "票据已使用")
            }
            fresh.consumedAt = now
            try await fresh.update(on: db)
            guard let record = try await AccountRecord.find(accountID, on: db),
                  let person = try await StaffPerson.find(record.personID, on: db),
                  person.idNumberIndex == fresh.confirmedPersonIndex else {
                return try await refused(PublicError(.forbidden, "所选账号不属于扫码人"), reason: "所选账号不属于扫码人")
            }
            let idle = IdleLockRule()
            let lastSign = IdleLockRule.lastSignOfLife(createdAt: record.createdAt ?? now, lastLoginAt: record.lastLoginAt,
                                                      lastUnlockedAt: record.lastUnlockedAt)
            if let status = AccountStatus(rawValue: record.status), idle.mustLock(status: status, lastSignOfLife: lastSign, now: now) {
                record.status = AccountStatus.locked.rawValue
                record.statusReason = "超过3个月未登录，系统自动锁定"
                try await record.update(on: db)
                try await StaffDirectory.endSessions(of: accountID, on: db)
                try await req.audit(AuditEvent("account.idle_locked", objectType: "account", objectID: accountID.uuidString,
                                               detail: "登录时发现超过3个月未登录"), on: db)
                return try await refused(PublicError(.forbidden, "账号超过3个月未登录，已被锁定；请联系县级系统管理员解锁"),
                                         reason: "账号超过3个月未登录")
            }
            guard record.status == AccountStatus.active.rawValue else {
                let label = AccountStatus(rawValue: record.status)?.label ?? record.status
                try await req.audit(AuditEvent("login.refused", objectType: "account", objectID: accountID.uuidString,
                                               result: .denied, detail: "账号状态：\(label)"), on: db)
                return try await refused(PublicError(.forbidden, "账号当前状态为“\(label)”，不能登录；请联系县级系统管理员"),
                                         reason: "账号状态：\(label)")
            }
            if let subject, let locked = try await LoginAttempts.recordSuccess(subject, on: db, req: req) {
                return .failure(locked)
            }
            record.lastLoginAt = now
            try await record.update(on: db)
            try await SessionRecord(tokenHash: SessionToken.digest(token), accountID: accountID,
                                    csrfToken: SessionToken.generate(), now: now, ip: req.clientIP).create(on: db)
            var actor = req.auditActor
            actor.userID = accountID
            actor.role = record.post
            actor.orgUnit = record.unitKey
            try await AuditTrail.record(AuditEvent("login.succeeded", objectType: "account", objectID: accountID.uuidString),
                                        by: actor, at: now, key: req.jiujinban.keys.auditKey, on: db)
            return .success(())
        }
        if case .failure(let error) = outcome { throw error }
        // A new session id at every login; the old session (if any) is gone with its cookie.
        if let old = req.cookies[SessionMiddleware.cookieName]?.string {
            try await req.write { db in try await SessionRecord.query(on: db).filter(\.$id == SessionToken.digest(old)).delete() }
        }
        let response = HTMLResponse.seeOther(.home)
        response.cookies[SessionMiddleware.cookieName] = sessionCookie(token, secure: req.jiujinban.configuration.secureCookies)
        return response
    }

    static func sessionCookie(_ token: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, expires: nil, maxAge: nil, domain: nil, path: "/",
                          isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    /// Audits a refused login and counts it against `subject` (the person who scanned, when known); throws the
    /// lock notice instead when this refusal locks their sign-in.
    static func refuse(_ req: Request, _ action: String, detail: String, subject: String?) async throws {
        let locked: PublicError? = try await req.write { db in
            try await req.audit(AuditEvent(action, result: .denied, detail: detail), on: db)
            guard let subject else { return nil }
            return try await LoginAttempts.recordFailure(subject, reason: detail, on: db, req: req)
        }
        if let locked { throw locked }
    }
}
