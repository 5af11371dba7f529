import Fluent
import Foundation
import JiujinbanRules

/// One township's submission of one month.
final class ReportSubmissionRecord: Model, @unchecked Sendable {
    static let schema = "report_submissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "month") var month: String
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "state") var state: String
    @OptionalField(key: "submitted_on") var submittedOn: String?
    @OptionalField(key: "submitted_by") var submittedBy: UUID?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "comment") var comment: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateValue: ReportCycle.State { ReportCycle.State(rawValue: state) ?? .draft }
}

/// 延期填报申请: a township asks to enter after the 20th; the county grants it until a date, or refuses.
final class ReportExceptionRecord: Model, @unchecked Sendable {
    static let schema = "report_exceptions"

    enum State: String {
        case requested, granted, refused

        var label: String {
            switch self {
            case .requested: "待批准"
            case .granted: "已批准"
            case .refused: "未批准"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "month") var month: String
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "reason") var reason: String
    @Field(key: "requested_by") var requestedBy: UUID
    @Field(key: "requested_at") var requestedAt: Date
    @Field(key: "state") var state: String
    @OptionalField(key: "until") var until: String?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    var stateValue: State? { State(rawValue: state) }
}

/// One entered answer of the table (columns 16, 17, 23, 24): per month, per county (16, 17, 24) or point (23).
final class ReportEntryRecord: Model, @unchecked Sendable {
    static let schema = "report_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "month") var month: String
    @Field(key: "scope_key") var scopeKey: String
    @Field(key: "task") var task: Int
    @Field(key: "done") var done: Bool
    @OptionalField(key: "evidence_note") var evidenceNote: String?
    @Field(key: "entered_by") var enteredBy: UUID
    @Field(key: "entered_at") var enteredAt: Date

    init() {}

    /// Replaces the answers of `scopeKey` for `tasks` in one month.
    static func set(_ answers: [ReportTask: Bool], notes: [ReportTask: String] = [:], month: ReportMonth, scopeKey: String,
                    by account: UUID, at now: Date, on db: any Database) async throws {
        try await query(on: db).filter(\.$month == month.description).filter(\.$scopeKey == scopeKey)
            .filter(\.$task ~~ answers.keys.map(\.rawValue)).delete()
        for (task, done) in answers {
            let entry = ReportEntryRecord()
            entry.id = UUID()
            entry.month = month.description
            entry.scopeKey = scopeKey
            entry.task = task.rawValue
            entry.done = done
            entry.evidenceNote = notes[task]
            entry.enteredBy = account
            entry.enteredAt = now
            try await entry.create(on: db)
        }
    }
}
