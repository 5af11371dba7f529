import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// An evidence file as pages list it, without its bytes: a plain value, so the pages that link it take no record.
struct ReportEvidenceListing: Sendable {
    let id: UUID
    let fileName: String
    let mediaType: String
}

/// 调度表凭证: the file a township attaches to a point's entered answer of a month (a PDF document or a photo). One
/// per point, month and task; a new upload replaces it. The point's division is kept for scope checks.
final class ReportEvidenceRecord: Model, @unchecked Sendable {
    static let schema = "report_evidence"

    @ID(key: .id) var id: UUID?
    @Field(key: "month") var month: String
    @Field(key: "scope_key") var scopeKey: String
    @Field(key: "task") var task: Int
    @Field(key: "division_code") var divisionCode: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "bytes") var bytes: Data
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}

    /// The month's evidence of `task` for the points under `scope`, by point key.
    static func listing(month: ReportMonth, task: ReportTask = .publicity, scope: DivisionCode,
                        on db: any Database) async throws -> [String: ReportEvidenceListing] {
        var listing: [String: ReportEvidenceListing] = [:]
        for row in try await (db as! any SQLDatabase).raw("""
            SELECT id, scope_key, file_name, media_type FROM report_evidence
            WHERE month = \(bind: month.description) AND task = \(bind: task.rawValue) AND division_code LIKE \(bind: scope.scopePrefix + "%")
            """).all() {
            listing[try row.decode(column: "scope_key", as: String.self)] = ReportEvidenceListing(
                id: try row.decode(column: "id", as: UUID.self), fileName: try row.decode(column: "file_name", as: String.self),
                mediaType: try row.decode(column: "media_type", as: String.self))
        }
        return listing
    }

    /// Replaces (or with nil removes) the evidence of one point's task in one month.
    static func replace(month: ReportMonth, task: ReportTask, point: ServicePointSummary, with file: (name: String, kind: ReportEvidence.Kind, bytes: [UInt8])?,
                        by account: UUID, at now: Date, on db: any Database) async throws {
        try await query(on: db).filter(\.$month == month.description).filter(\.$scopeKey == point.id.uuidString)
            .filter(\.$task == task.rawValue).delete()
        guard let file else { return }
        let record = ReportEvidenceRecord()
        record.id = UUID()
        record.month = month.description
        record.scopeKey = point.id.uuidString
        record.task = task.rawValue
        record.divisionCode = point.divisionCode
        record.fileName = file.name
        record.mediaType = file.kind.mediaType
        record.bytes = Data(file.bytes)
        record.uploadedBy = account
        record.uploadedAt = now
        try await record.create(on: db)
    }
}

struct M0017CreateReportEvidence: AsyncMigration {
    var name: String { "JiujinbanApp.M0017CreateReportEvidence" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("report_evidence")
            .id()
            .field("month", .string, .required)
            .field("scope_key", .string, .required)
            .field("task", .int, .required)
            .field("division_code", .string, .required)
            .field("file_name", .string, .required)
            .field("media_type", .string, .required)
            .field("bytes", .data, .required)
            .field("uploaded_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("uploaded_at", .datetime, .required)
            .unique(on: "month", "scope_key", "task")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("report_evidence").delete()
    }
}
