import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `POST /login/card/callback`: the electronic social-security card platform confirms that a person scanned a
/// ticket. The assertion is signature-checked, must be recent, its nonce is recorded (a replay is refused across
/// app instances by the primary key), and the ticket must be fresh and unconfirmed.
enum CardCallback {
    struct Accepted: Content {
        let ok: Bool
    }

    @Sendable static func receive(_ req: Request) async throws -> Accepted {
        guard let body = req.body.data else { throw PublicError(.badRequest, "缺少扫码确认数据") }
        try await accept(Data(buffer: body), on: req)
        return Accepted(ok: true)
    }

    /// Also used by the development simulator, so both take the one verified path.
    static func accept(_ body: Data, on req: Request) async throws {
        let services = req.jiujinban
        let now = services.clock.now()
        let verifier = CardAssertionVerifier(publicKey: services.keys.cardPlatformKey)
        let verification = verifier.verify(body, now: now, expectedTicket: nil)
        // A signed assertion names its person even when it is refused (too old, issued early): the refusal counts
        // for that person (S04). An unsigned body names nobody and counts for no one.
        let signedID = (try? verification.get())?.idNumber ?? verifier.signedIDNumber(body, now: now)
        let subject = signedID.map { services.cipher.blindIndex($0.value, context: StaffCrypto.idNumberContext) }
        if let subject { try await LoginAttempts.requireOpen(subject, on: req) }
        let login: VerifiedCardLogin
        switch verification {
        case .success(let verified):
            login = verified
        case .failure(let error):
            try await refuse(req, reason: error.description, subject: subject)
            throw PublicError(.unauthorized, error.message)
        }
        let personIndex = services.cipher.blindIndex(login.idNumber.value, context: StaffCrypto.idNumberContext)
        let ticketHash = SessionToken.digest(login.ticket)
        do {
            try await req.write { db in
                try await (db as! any SQLDatabase).insert(into: "card_nonces").columns("nonce", "expires_at")
                    .values(SQLBind(login.nonce), SQLBind(login.nonceExpiresAt)).run()
                guard let ticket = try await LoginTicketRecord.find(ticketHash, on: db),
                      LoginTicket.state(createdAt: ticket.createdAt, consumedAt: ticket.consumedAt, now: now) == .fresh,
                      ticket.confirmedAt == nil else {
                    throw PublicError(.gone, "二维码已失效或已被使用，请刷新登录页后重新扫码")
                }
                ticket.confirmedAt = now
                ticket.confirmedPersonIndex = personIndex
                try await ticket.update(on: db)
                try await req.audit(AuditEvent("login.card_confirmed", objectType: "login_ticket",
                                               objectID: String(ticketHash.prefix(12)), detail: "电子社保卡扫码确认"), on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            try await refuse(req, reason: "nonce replayed", subject: personIndex)
            throw PublicError(.unauthorized, "扫码确认已被使用过（重放），已拒绝")
        } catch let error as PublicError {
            try await refuse(req, reason: error.reason, subject: personIndex)
            throw error
        }
    }

    /// Audits the refusal and counts it against the person the assertion names, if any; throws the lock notice
    /// instead when this refusal locks their sign-in.
    private static func refuse(_ req: Request, reason: String, subject: String?) async throws {
        let locked: PublicError? = try await req.write { db in
            try await req.audit(AuditEvent("login.card_refused", result: .denied, detail: reason), on: db)
            guard let subject else { return nil }
            return try await LoginAttempts.recordFailure(subject, reason: reason, on: db, req: req)
        }
        if let locked { throw locked }
    }
}

/// The contexts under which staff personal data is sealed and indexed (kept apart from citizens' data).
enum StaffCrypto {
    static let idNumberContext = "staff_persons.id_number"
    static let phoneContext = "staff_persons.phone"
}
