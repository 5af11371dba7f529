import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// How a text message leaves the platform. A province plugs in its SMS gateway's client; development and tests use
/// `DevelopmentSMSAdapter`, which sends nothing and leaves the message for the page that shows it.
protocol SMSAdapter: Sendable {
    /// Stored with each message it sent.
    var name: String { get }
    func send(to phone: MobilePhoneNumber, body: String) async throws
}

/// Sends nothing: the message stays in the outbox, marked sent by `development`, and `/dev/sms` shows it.
struct DevelopmentSMSAdapter: SMSAdapter {
    var name: String { "development" }
    func send(to phone: MobilePhoneNumber, body: String) async throws {}
}

/// 短信发件箱: a message to a citizen is written in the transaction of what it reports (so a rolled-back case sends
/// nothing), then delivered by `deliverPending`, which every instance runs; a row is claimed by one instance only.
enum SMSOutbox {
    /// The phone is the citizen's, sealed as the registry seals it, copied when the message is written.
    static let phoneContext = CitizenCrypto.phoneContext
    /// A message that fails this many times is left as failed for staff to see.
    static let maximumAttempts = 5

    static func enqueue(
        citizen: UUID, phoneSealed: String, body: String, purpose: String, caseID: UUID?, servicePoint: UUID, at now: Date,
        on db: any Database
    ) async throws {
        try await (db as! any SQLDatabase).raw("""
            INSERT INTO sms_outbox (id, citizen_id, phone_sealed, body, purpose, case_id, service_point_id, created_at, status, attempts)
            VALUES (\(bind: UUID()), \(bind: citizen), \(bind: phoneSealed), \(bind: body), \(bind: purpose), \(bind: caseID),
                    \(bind: servicePoint), \(bind: now), 'pending', 0)
            """).run()
    }

    /// Claims up to `limit` pending messages and sends them; returns how many were sent.
    @discardableResult
    static func deliverPending(_ app: Application, adapter: any SMSAdapter, limit: Int = 100) async throws -> Int {
        let services = app.jiujinban
        let now = services.clock.now()
        // The outer `status = 'pending'` is checked again after a row lock is waited for, so of two instances
        // claiming at once each row goes to one.
        let claimed = try await services.writer.write(on: app.db) { db in
            try await (db as! any SQLDatabase).raw("""
                UPDATE sms_outbox SET status = 'sending', attempts = attempts + 1
                WHERE status = 'pending' AND id IN (SELECT id FROM sms_outbox WHERE status = 'pending' ORDER BY created_at LIMIT \(literal: limit))
                RETURNING id, phone_sealed, body, attempts
                """).all().map { row in
                (try row.decode(column: "id", as: UUID.self), try row.decode(column: "phone_sealed", as: String.self),
                 try row.decode(column: "body", as: String.self), try row.decode(column: "attempts", as: Int.self))
            }
        }
        var sent = 0
        for (id, sealed, body, attempts) in claimed {
            var failure: String?
            do {
                guard case .success(let phone) = MobilePhoneNumber.parse(try services.cipher.open(sealed, context: phoneContext)) else {
                    throw PublicError(.unprocessableEntity, "手机号码无效")
                }
                try await adapter.send(to: phone, body: body)
            } catch {
                failure = String(describing: error).prefix(200).description
            }
            let status = failure == nil ? "sent" : (attempts >= maximumAttempts ? "failed" : "pending")
            let (error, adapterName) = (failure, adapter.name)
            try await services.writer.write(on: app.db) { db in
                try await (db as! any SQLDatabase).raw("""
                    UPDATE sms_outbox SET status = \(bind: status), adapter = \(bind: adapterName),
                        sent_at = \(bind: error == nil ? now : nil), last_error = \(bind: error)
                    WHERE id = \(bind: id)
                    """).run()
            }
            if failure == nil { sent += 1 }
        }
        return sent
    }

    /// Every few seconds in each instance of `serve`.
    static func schedule(on app: Application, adapter: any SMSAdapter) {
        let loop = app.eventLoopGroup.next()
        app.metrics.jobScheduled(.smsOutbox)
        loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: .seconds(5)) { _ in
            loop.makeFutureWithTask {
                do {
                    // A run that claimed and tried its messages succeeded, even if a gateway refused one of them
                    // (that message waits for its next attempt).
                    try await deliverPending(app, adapter: adapter)
                    app.metrics.jobSucceeded(.smsOutbox, at: app.jiujinban.clock.now())
                } catch is StorageFull {
                    // The writer has logged the full disk once; the messages wait for space, not an error every 5 s.
                } catch {
                    app.logger.error("sms outbox delivery failed: \(String(reflecting: error))")
                }
            }
        }
    }
}
