import Fluent
import Foundation
import JiujinbanRules
import NIOCore
import SQLKit
import Vapor

/// Keeps this instance's signed checkpoint of the audit chain (`AuditCheckpoint`) moving with the chain: every
/// second while serving, after every purge, and when a command or the server ends. Before it moves the checkpoint
/// on, it checks that the table still holds the row of the last one; if not (rows cut from the end, the table
/// emptied, a row replaced), it keeps the old checkpoint, which `audit verify` then holds the table to, and logs
/// the alarm.
actor AuditAnchor {
    private let folder: AuditAnchorFolder
    private let instance: String
    private var last: AuditCheckpoint?
    private var loaded = false
    private var lastLogged: Date?
    /// When the checkpoint began to fail (a full disk, the database away), while it goes on failing.
    private var failingSince: Date?

    /// How often the checkpoint line also goes to the log (the file is written every time the chain moved).
    static let logInterval: TimeInterval = 60

    init(dataDirectory: String, instance: String) {
        folder = AuditAnchorFolder(dataDirectory: dataDirectory)
        self.instance = instance
    }

    /// Looks at the table once and moves the checkpoint on if the chain grew from it.
    @discardableResult
    func checkpoint(_ app: Application) async throws -> AuditCheckpointStep {
        let services = app.jiujinban
        if !loaded {
            // The furthest checkpoint any instance left in the folder, not only this one's: a new instance, or one
            // whose name changed, continues the chain's anchor instead of starting afresh at whatever the table holds.
            last = folder.all(key: services.keys.auditKey).checkpoints.max { $0.head.sequence < $1.head.sequence }
            loaded = true
        }
        let sql = app.db as! any SQLDatabase
        if last == nil, let first = try await AuditTrail.lastRow(on: sql),
           first.sequence > (try await AuditTrail.checkpoint(on: app.db)?.sequence ?? 0) {
            // No anchor anywhere, yet rows in the table: a first start, or an anchor folder lost. Anchoring silently
            // would bless a table cut meanwhile, so the start is itself audited: the trail says from which row on it
            // is anchored.
            try await services.writer.write(on: app.db) { db in
                try await AuditTrail.record(
                    AuditEvent("audit.anchor_started", objectType: "audit_log", objectID: String(first.sequence),
                               detail: "未找到审计锚点，自第\(first.sequence)行起锚定；此前的记录能否证明未被截断，以备份或日志中的锚点为准"),
                    by: .system, at: services.clock.now(), key: services.keys.auditKey, on: db)
            }
            app.logger.warning("未找到审计锚点：自审计日志第\(first.sequence)行起锚定")
        }
        let tableHead = try await AuditTrail.lastRow(on: sql)
        var rowAtLast: Data?
        if let last { rowAtLast = try await AuditPurge.head(at: last.head.sequence, on: app.db)?.hash }
        let archived = try await AuditTrail.checkpoint(on: app.db)?.sequence
        let step = AuditCheckpointStep.decide(last: last?.head, tableHead: tableHead, rowAtLast: rowAtLast, archivedThrough: archived)
        let now = services.clock.now()
        switch step {
        case .unchanged:
            break
        case .advance(let head):
            let checkpoint = AuditCheckpoint.sign(head: head, at: AuditInstant(now), writer: instance, key: services.keys.auditKey)
            try folder.store(checkpoint, instance: instance)
            last = checkpoint
            if lastLogged.map({ now.timeIntervalSince($0) >= Self.logInterval }) ?? true {
                app.logger.info("audit checkpoint \(checkpoint.line)")
                lastLogged = now
            }
        case .alarm(let message):
            if lastLogged.map({ now.timeIntervalSince($0) >= Self.logInterval }) ?? true {
                app.logger.critical("审计日志异常：\(message)；审计锚点保持在第\(last?.head.sequence ?? 0)行，请运行 jiujinban audit verify")
                lastLogged = now
            }
        }
        return step
    }

    /// One turn of the schedule; whether the checkpoint now stands where the chain is (no failure, no alarm). A
    /// failure is logged when it starts and when it ends, not every second: the checkpoint is simply tried again at
    /// the next turn (the old one stays in place meanwhile), so it resumes by itself once space returns.
    @discardableResult
    func tick(_ app: Application) async -> Bool {
        do {
            let step = try await checkpoint(app)
            if let since = failingSince {
                failingSince = nil
                app.logger.warning("审计锚点已恢复写入（自 \(since) 起曾无法写入）")
            }
            if case .alarm = step { return false }
            return true
        } catch {
            guard failingSince == nil else { return false }
            failingSince = app.jiujinban.clock.now()
            let full = StorageFull.describes(error)
            app.logger.log(level: full ? .critical : .error,
                           "无法更新审计锚点\(full ? "：存储空间已满" : "")（\(String(reflecting: error))）；旧锚点保留，每秒重试，恢复后另行记录")
            return false
        }
    }

    /// At start (a server that keeps crashing within its first second still anchors what it found), then every
    /// second while the server runs. (Returned so a test can stop it before its application shuts down.)
    @discardableResult
    static func schedule(on app: Application) -> RepeatedTask {
        let loop = app.eventLoopGroup.next()
        app.metrics.jobScheduled(.auditAnchor)
        return loop.scheduleRepeatedAsyncTask(initialDelay: .zero, delay: .seconds(1)) { _ in
            loop.makeFutureWithTask {
                // An alarm (the chain cut or replaced) or a failed write is not a success: the job's last-success
                // time stays where it was, for the alert to see it age.
                if await app.auditAnchor.tick(app) {
                    app.metrics.jobSucceeded(.auditAnchor, at: app.jiujinban.clock.now())
                }
            }
        }
    }
}

extension Application {
    private struct AuditAnchorKey: StorageKey {
        typealias Value = AuditAnchor
    }

    /// This instance's checkpoint writer, set once by `configure`.
    var auditAnchor: AuditAnchor {
        get {
            guard let anchor = storage[AuditAnchorKey.self] else { fatalError("configure(_:) sets the audit anchor") }
            return anchor
        }
        set { storage[AuditAnchorKey.self] = newValue }
    }
}
