import Fluent
import Foundation
import SQLKit
import Vapor

/// A file a form had chosen.
struct HeldUpload: Sendable, Equatable {
    /// The form's file input (`screenshot2`).
    let field: String
    let filename: String
    let bytes: [UInt8]
}

/// Nothing typed is lost (issue 22): a browser cannot put a chosen file back into a re-drawn form, so the files of a
/// refused form are held in the database — any instance can take the retry — under the form's submission key and
/// the user's session. The retry uses a held file for every input left empty; success releases them, and none is
/// kept beyond `lifetime`.
enum HeldUploads {
    static let lifetime: TimeInterval = 24 * 60 * 60
    /// The hidden input that names one drawing of a form: a fresh page draws a new one, a refused form's retry keeps it.
    static let submissionField = "submission"

    /// The key of one drawing of a form: its `scope` (the record the form is about) and the form's `submission`, so
    /// files held from a refused attempt return only to that form's retry, never to a later fresh form of the same
    /// record.
    static func formKey(_ scope: String, submission: UUID) -> String {
        scope + ":" + submission.uuidString.lowercased()
    }

    /// The drawing a posted form names; a new one when it names none (a form drawn before this rule): nothing held
    /// is then read.
    static func submission(_ posted: String?) -> UUID {
        posted.flatMap(UUID.init(uuidString:)) ?? UUID()
    }

    /// Holds `uploads` for the form `key` of `session`, replacing what was held for the same inputs.
    static func hold(_ uploads: [HeldUpload], key: String, session: String, at now: Date, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await purge(before: now.addingTimeInterval(-lifetime), on: db)
        for upload in uploads {
            try await sql.raw("""
                DELETE FROM held_uploads WHERE form_key = \(bind: key) AND session_hash = \(bind: session) AND field = \(bind: upload.field)
                """).run()
            try await sql.raw("""
                INSERT INTO held_uploads (id, form_key, session_hash, field, filename, bytes, created_at)
                VALUES (\(bind: UUID()), \(bind: key), \(bind: session), \(bind: upload.field), \(bind: upload.filename),
                        \(bind: Data(upload.bytes)), \(bind: now))
                """).run()
        }
    }

    /// The files held for the form `key` of `session`, not older than `lifetime`.
    static func held(key: String, session: String, now: Date, on db: any Database) async throws -> [HeldUpload] {
        try await (db as! any SQLDatabase).raw("""
            SELECT field, filename, bytes FROM held_uploads
            WHERE form_key = \(bind: key) AND session_hash = \(bind: session) AND created_at >= \(bind: now.addingTimeInterval(-lifetime))
            ORDER BY field
            """).all().map { row in
            HeldUpload(field: try row.decode(column: "field", as: String.self), filename: try row.decode(column: "filename", as: String.self),
                       bytes: Array(try row.decode(column: "bytes", as: Data.self)))
        }
    }

    /// Forgets the files of a form that succeeded (or whose inputs were given new files).
    static func release(key: String, session: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            DELETE FROM held_uploads WHERE form_key = \(bind: key) AND session_hash = \(bind: session)
            """).run()
    }

    /// Deletes every file held since before `cutoff`; how many.
    @discardableResult
    static func purge(before cutoff: Date, on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("DELETE FROM held_uploads WHERE created_at < \(bind: cutoff) RETURNING id").all().count
    }

    /// What a retry sends: each input's new file, or the one held for it.
    static func merge(sent: [HeldUpload], held: [HeldUpload]) -> [HeldUpload] {
        let chosen = Set(sent.map(\.field))
        return (sent + held.filter { !chosen.contains($0.field) }).sorted { $0.field < $1.field }
    }
}

/// Deletes held files past their lifetime, hourly in every instance (idempotent); `hold` also purges as it writes.
enum HeldUploadsJob {
    static func schedule(on app: Application) {
        let loop = app.eventLoopGroup.next()
        app.metrics.jobScheduled(.heldUploads)
        loop.scheduleRepeatedAsyncTask(initialDelay: .minutes(2), delay: .hours(1)) { _ in
            loop.makeFutureWithTask {
                do {
                    let now = app.jiujinban.clock.now()
                    try await app.jiujinban.writer.write(on: app.db) { db in
                        try await HeldUploads.purge(before: now.addingTimeInterval(-HeldUploads.lifetime), on: db)
                    }
                    app.metrics.jobSucceeded(.heldUploads, at: now)
                } catch { app.logger.error("held uploads job failed: \(String(reflecting: error))") }
            }
        }
    }
}
