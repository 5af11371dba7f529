import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 调度表填报's value: the township's month as the entry page shows it and the handlers check it. Read by
/// `ReportEntryQuery.load`, rendered by `ReportEntryPage.render`.
struct ReportEntryView: Sendable {
    /// The township's submission for the month; `.draft` with nothing else before the first save.
    struct Submission: Sendable {
        var state: ReportCycle.State = .draft
        var submittedOn: String?
        var comment: String?
    }

    /// The township's latest exception request for the month.
    struct Exception: Sendable {
        let reason: String
        let stateLabel: String
        /// Still waiting for the county's decision: no second request meanwhile.
        let isRequested: Bool
        let until: String?
    }

    /// What the township entered for a point in column 23.
    struct Entry: Sendable {
        let done: Bool
        let evidenceNote: String?
    }

    let township: DivisionCode
    let month: ReportMonth
    let submission: Submission
    let exception: Exception?
    let points: [ServicePointSummary]
    /// By point key (the point's id); a refused form's own entries when it is drawn again.
    var entries: [String: Entry]
    /// The problems of a refused form, by field (`note_<key>`, `evidence_<key>`).
    var errors = FieldErrors()
    /// The evidence a refused form had chosen, held for the retry (`HeldUploads`): file name by point key.
    var held: [String: String] = [:]
    /// This drawing of the form (`HeldUploads.formKey`): a fresh page draws a new one, a refused form keeps its own.
    var formSubmission = UUID()
    /// A refused 延期申请: its typed reason and the problem, drawn at the field.
    var exceptionReason: String?
    var exceptionErrors = FieldErrors()
    let evidence: [String: ReportEvidenceListing]
    let reasons: [String: [ReportTask: String]]
    let automatic: [String: [ReportTask: Bool]]
    let refusal: ReportCycle.Refusal?
    /// The month's last day for submission (the deadline day, a dated policy figure).
    let deadline: CalendarDate
}

enum ReportEntryQuery {
    static func load(_ req: Request, month: ReportMonth) async throws -> ReportEntryView {
        let staff = try req.requireStaff()
        let township = try ReportEntryController.township(of: staff)
        let submission = try await ReportSubmissionRecord.query(on: req.db).filter(\.$month == month.description)
            .filter(\.$townshipCode == township.value).first()
        let exception = try await ReportExceptionRecord.query(on: req.db).filter(\.$month == month.description)
            .filter(\.$townshipCode == township.value).sort(\.$requestedAt, .descending).first()
        let points = try await ServicePointQueries.all(in: township, on: req.db).filter { $0.kind != .bankBranch && $0.status == .active }
        let ids = points.map(\.id.uuidString)
        let entries = try await ReportEntryRecord.query(on: req.db).filter(\.$month == month.description).filter(\.$scopeKey ~~ ids)
            .filter(\.$task == ReportTask.publicity.rawValue).all()
        guard let county = township.ancestor(atDepth: 2) else { throw PublicError.notFound("该乡镇") }
        let built = try await MonthlyReportBuilder.build(scope: county, month: month, on: req.db as! any SQLDatabase)
        let evidence = try await ReportEvidenceRecord.listing(month: month, scope: township, on: req.db)
        var automatic: [String: [ReportTask: Bool]] = [:]
        for row in built.table.rows where row.kind == .point {
            guard let key = row.key, ids.contains(key) else { continue }
            automatic[key] = Dictionary(uniqueKeysWithValues: ReportTask.allCases.filter(\.isAutomatic).map { ($0, row.cells[$0.rawValue - 1] == .flag(true)) })
        }
        let until = exception?.stateValue == .granted ? exception?.until.flatMap(CalendarDate.init(iso:)) : nil
        let deadlineDays = try await ReportDeadlines.schedule(req)
        let refusal = ReportCycle.mayEdit(month: month, state: submission?.stateValue ?? .draft, today: req.jiujinban.clock.today,
                                          exceptionUntil: until, deadlineDays: deadlineDays)
        return ReportEntryView(
            township: township, month: month,
            submission: submission.map { .init(state: $0.stateValue, submittedOn: $0.submittedOn, comment: $0.comment) } ?? .init(),
            exception: exception.map {
                .init(reason: $0.reason, stateLabel: $0.stateValue?.label ?? $0.state, isRequested: $0.stateValue == .requested, until: $0.until)
            },
            points: points,
            entries: Dictionary(entries.map { ($0.scopeKey, ReportEntryView.Entry(done: $0.done, evidenceNote: $0.evidenceNote)) },
                                uniquingKeysWith: { a, _ in a }),
            evidence: evidence, reasons: built.reasons, automatic: automatic, refusal: refusal,
            deadline: ReportCycle.deadline(for: month, deadlineDays: deadlineDays))
    }
}
