import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// Article 11: accounts with no login for 3 months are locked. Runs daily in every instance (idempotent), and as
/// `jiujinban accounts lock-idle` for a scheduler outside the server.
enum IdleLockJob {
    /// Locks every idle active account; returns how many were locked.
    @discardableResult
    static func run(_ app: Application) async throws -> Int {
        let services = app.jiujinban
        let now = services.clock.now()
        let rule = IdleLockRule()
        let candidates = try await AccountRecord.query(on: app.db).filter(\.$status == AccountStatus.active.rawValue).all()
        var locked = 0
        for record in candidates {
            let lastSign = IdleLockRule.lastSignOfLife(createdAt: record.createdAt ?? now, lastLoginAt: record.lastLoginAt,
                                                      lastUnlockedAt: record.lastUnlockedAt)
            guard rule.mustLock(status: .active, lastSignOfLife: lastSign, now: now), let id = record.id else { continue }
            try await services.writer.write(on: app.db) { db in
                guard let fresh = try await AccountRecord.find(id, on: db), fresh.status == AccountStatus.active.rawValue else { return }
                fresh.status = AccountStatus.locked.rawValue
                fresh.statusReason = "超过3个月未登录，系统自动锁定"
                try await fresh.update(on: db)
                try await StaffDirectory.endSessions(of: id, on: db)
                try await AuditTrail.record(AuditEvent("account.idle_locked", objectType: "account", objectID: id.uuidString,
                                                       detail: "超过3个月未登录"),
                                            by: .system, at: now, key: services.keys.auditKey, on: db)
            }
            locked += 1
        }
        return locked
    }

    /// Schedules the daily run on the application's event loop.
    static func schedule(on app: Application) {
        let loop = app.eventLoopGroup.next()
        app.metrics.jobScheduled(.idleLock)
        loop.scheduleRepeatedAsyncTask(initialDelay: .minutes(1), delay: .hours(24)) { _ in
            loop.makeFutureWithTask {
                do {
                    try await run(app)
                    app.metrics.jobSucceeded(.idleLock, at: app.jiujinban.clock.now())
                } catch { app.logger.error("idle lock job failed: \(String(reflecting: error))") }
            }
        }
    }
}

/// `jiujinban accounts lock-idle`
struct AccountsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "lock-idle") var action: String
    }

    var help: String { "账号：lock-idle 锁定超过3个月未登录的账号" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "lock-idle" else { throw PublicError(.badRequest, "未知操作“\(signature.action)”，可用操作：lock-idle") }
        let count = try await IdleLockJob.run(context.application)
        context.console.print("已锁定 \(count) 个超过3个月未登录的账号。")
    }
}
