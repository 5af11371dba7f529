import Fluent
import Foundation

/// 显示完整信息 as post/redirect/get: the POST records the reveal in the audit trail and gives the session this grant;
/// the page it redirects to shows the full values while the grant holds, so a refresh neither resubmits a form nor
/// makes a second reveal. One subject per session: revealing a second person ends the grant on the first. The grant
/// lives in the session's row, so any instance serves the next page, and it ends with the session (sign-out, idle
/// timeout) or by the clerk's 恢复脱敏.
package struct RevealGrant: Sendable, Equatable {
    /// Long enough to check a name against an ID card and finish the person's business; short enough that a screen
    /// left open goes back to masked values.
    package static let lifetime: TimeInterval = 5 * 60

    package let subject: UUID
    package let until: Date

    init?(subject: UUID?, until: Date?) {
        guard let subject, let until else { return nil }
        self.subject = subject
        self.until = until
    }

    /// Whether this grant shows `subject`'s full values at `now`.
    package func reveals(_ subject: UUID, at now: Date) -> Bool { self.subject == subject && now < until }

    /// Gives the session the grant on `subject` until `now + lifetime`; in the caller's write, beside its audit row.
    static func grant(_ subject: UUID, session: String, at now: Date, on db: any Database) async throws {
        try await SessionRecord.query(on: db).filter(\.$id == session)
            .set(\.$revealSubject, to: subject).set(\.$revealUntil, to: now.addingTimeInterval(lifetime)).update()
    }

    /// Ends the session's grant (恢复脱敏).
    static func end(session: String, on db: any Database) async throws {
        try await SessionRecord.query(on: db).filter(\.$id == session)
            .set(\.$revealSubject, to: nil).set(\.$revealUntil, to: nil).update()
    }
}
