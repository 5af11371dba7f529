import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// What the case engine works with, whoever calls it: a request's handler, a kiosk's, the interface's, or a job.
struct CaseContext: Sendable {
    let services: PlatformServices
    let db: any Database
    /// Counts accepted cases; nil where no metrics are kept (a command).
    let metrics: AppMetrics?
    /// The client address of the request, for the audit trail.
    let ip: String?

    var writer: DatabaseWriter { services.writer }

    init(services: PlatformServices, db: any Database, metrics: AppMetrics?, ip: String?) {
        (self.services, self.db, self.metrics, self.ip) = (services, db, metrics, ip)
    }

    init(_ req: Request) {
        self.init(services: req.jiujinban, db: req.db, metrics: req.application.metrics, ip: req.clientIP)
    }

    init(_ app: Application) {
        self.init(services: app.jiujinban, db: app.db, metrics: app.metrics, ip: nil)
    }

    /// Appends one audit row for `actor` in the caller's transaction.
    func audit(_ event: AuditEvent, by actor: CaseActor, on db: any Database) async throws {
        var who = actor.auditActor
        who.ip = ip
        try await AuditTrail.record(event, by: who, at: services.clock.now(), key: services.keys.auditKey, on: db)
    }
}
