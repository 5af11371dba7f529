import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 审计日志清理 (S19): archives the audit rows older than a cut, then deletes them.
///
/// 1. The cut comes from `AuditRetention`: never a row younger than 184 days by the platform clock.
/// 2. The rows purged are a prefix of the chain: from the last checkpoint up to the row before the first one at
///    or after the cut, so what stays still chains.
/// 3. They go to a new archive file under the data directory (a name the server makes), with the checkpoint they
///    continue from and the one they end at; the file is flushed to disk, read back and verified with the key.
/// 4. Only then, in one transaction, the rows are deleted, the new checkpoint is recorded and the purge is
///    audited; that audit row attests the checkpoint, which `audit verify` starts from.
enum AuditPurge {
    struct Report: Sendable {
        let rowCount: Int
        let first: Int64
        let through: Int64
        let file: URL
    }

    /// Nil when no row is old enough.
    static func run(_ request: AuditRetention.Request, app: Application) async throws -> Report? {
        let services = app.jiujinban
        let cut: AuditInstant
        switch AuditRetention.cut(request, now: services.clock.now()) {
        case .success(let instant): cut = instant
        case .failure(let refusal): throw PublicError(.badRequest, refusal.message)
        }
        let checkpoint = try await AuditTrail.checkpoint(on: app.db)
        guard let through = try await lastPurgeable(before: cut, after: checkpoint, on: app.db) else { return nil }
        let first = (checkpoint?.sequence ?? 0) + 1
        let rowCount = try await count(after: checkpoint, through: through, on: app.db)
        let header = AuditArchive.Header(after: checkpoint, through: through, rowCount: rowCount, cut: cut,
                                         archivedAt: AuditInstant(services.clock.now()))
        let file = try AuditArchiveFile(name: fileName(first: first, through: through.sequence, at: services.clock.now()),
                                        dataDirectory: services.configuration.dataDirectory)
        do {
            try await write(header, rowsAfter: checkpoint, through: through, to: file, on: app.db)
            try check(file.url, against: header, key: services.keys.auditKey)
        } catch {
            try? FileManager.default.removeItem(at: file.url)
            throw error
        }
        try await services.writer.write(on: app.db) { db in
            // Nothing changed since the rows were archived (another purge, a damaged table).
            guard try await AuditTrail.checkpoint(on: db) == checkpoint,
                  try await head(at: through.sequence, on: db) == through,
                  try await count(after: checkpoint, through: through, on: db) == rowCount else {
                throw PublicError(.conflict, "审计日志在归档期间发生了变化，未删除任何记录；请重新运行")
            }
            let sql = db as! any SQLDatabase
            try await sql.delete(from: "audit_log").where("seq", .lessThanOrEqual, SQLBind(through.sequence)).run()
            try await sql.insert(into: "audit_archives")
                .columns("through_seq", "through_hash", "row_count", "file_name", "archived_at_ms")
                .values(SQLBind(through.sequence), SQLBind(through.hash.hexEncoded), SQLBind(Int64(rowCount)),
                        SQLBind(file.url.lastPathComponent), SQLBind(header.archivedAtMilliseconds))
                .run()
            try await AuditTrail.record(
                AuditEvent(AuditArchive.purgeAction, objectType: "audit_archive", objectID: AuditArchive.attestation(of: through),
                           detail: "已归档并删除第\(first)至\(through.sequence)行（\(cut.rendered(utcOffsetMinutes: 480))之前），"
                               + "归档文件 \(file.url.lastPathComponent)"),
                by: .system, at: services.clock.now(), key: services.keys.auditKey, on: db)
        }
        // The purge row is the new head: anchor it at once, so the archived prefix and the row attesting it are covered.
        try await app.auditAnchor.checkpoint(app)
        return Report(rowCount: rowCount, first: first, through: through.sequence, file: file.url)
    }

    /// The last row of the purgeable prefix: every row up to it is older than `cut`.
    static func lastPurgeable(before cut: AuditInstant, after checkpoint: AuditChainHead?, on db: any Database) async throws -> AuditChainHead? {
        let sql = db as! any SQLDatabase
        let start = checkpoint?.sequence ?? 0
        let firstKept = try await sql.raw("""
            SELECT MIN(seq) AS seq FROM audit_log WHERE seq > \(bind: start) AND occurred_at_ms >= \(bind: cut.millisecondsSince1970)
            """).first()?.decode(column: "seq", as: Int64?.self)
        let bound: Int64?
        if let firstKept {
            bound = firstKept - 1
        } else {
            bound = try await sql.raw("SELECT MAX(seq) AS seq FROM audit_log").first()?.decode(column: "seq", as: Int64?.self)
        }
        guard let bound, bound > start else { return nil }
        guard let last = try await head(at: bound, on: db) else {
            throw PublicError(.conflict, "审计日志第\(bound)行缺失，未清理任何记录；请先运行 jiujinban audit verify")
        }
        return last
    }

    static func head(at sequence: Int64, on db: any Database) async throws -> AuditChainHead? {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("SELECT hash FROM audit_log WHERE seq = \(bind: sequence)").first(),
              let hash = Data(hexEncoded: try row.decode(column: "hash", as: String.self)) else { return nil }
        return AuditChainHead(sequence: sequence, hash: hash)
    }

    static func count(after checkpoint: AuditChainHead?, through: AuditChainHead, on db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        return try await sql.raw("""
            SELECT COUNT(*) AS n FROM audit_log WHERE seq > \(bind: checkpoint?.sequence ?? 0) AND seq <= \(bind: through.sequence)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private static func write(
        _ header: AuditArchive.Header, rowsAfter checkpoint: AuditChainHead?, through: AuditChainHead,
        to file: AuditArchiveFile, on db: any Database
    ) async throws {
        try file.write(AuditArchive.line(header))
        var after = checkpoint?.sequence ?? 0
        while after < through.sequence {
            let page = try await AuditTrail.rows(after: after, limit: 1_000, on: db).filter { $0.sequence <= through.sequence }
            guard let last = page.last else { break }
            var lines = Data()
            for row in page { lines.append(AuditArchive.line(row)) }
            try file.write(lines)
            after = last.sequence
        }
        try file.finish()
    }

    /// Reads the file back from disk and verifies it stands in for exactly the rows to be deleted.
    private static func check(_ url: URL, against header: AuditArchive.Header, key: SymmetricKey) throws {
        var checker = AuditArchive.Checker(key: key)
        try DurableFiles.read(url) { checker.feed($0) }
        switch checker.finish() {
        case .success(let written) where written == header:
            return
        case .success:
            throw PublicError(.internalServerError, "归档文件读回后与写入的内容不符，未删除任何记录")
        case .failure(let problem):
            throw PublicError(.conflict, "归档文件校验失败，未删除任何记录：\(problem.description)")
        }
    }

    /// `audit-archive-1-5230-20261125T020000Z.jsonl`: first and last row, and when (UTC).
    static func fileName(first: Int64, through: Int64, at instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "audit-archive-\(first)-\(through)-\(formatter.string(from: instant)).jsonl"
    }
}
