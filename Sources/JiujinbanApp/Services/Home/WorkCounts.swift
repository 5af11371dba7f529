import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// What waits for the signed-in user, counted in one SQL statement of scalar subqueries (one per kind of work the
/// post has), so the navigation can show it on every page: 办件 · 待审核 3 · 退回 1. Each subquery follows the rule its
/// own list applies; a count is nil when the post has no such work.
struct WorkCounts: Sendable, Equatable {
    /// Operator: the point's cases waiting for the county's review. Reviewer: the county's cases of the items it
    /// reviews, not handled by itself.
    var casesAwaitingReview: Int?
    /// Operator: the point's cases returned for missing documents (退回补正).
    var casesReturned: Int?
    /// Operator: the point's cases the core system returned (核心系统退回), to submit again or close.
    var casesCoreReturned: Int?
    /// Desk holders (county experts and business admins, city officers, the task force): reports waiting for a reply
    /// at their desk, assigned to them or to no one.
    var problemsToAnswer: Int?
    /// Everyone who reports: their reports answered and waiting for them to confirm.
    var problemsToConfirm: Int?
    /// The deciding department's reviewers of account applications (county: operator accounts; province: county
    /// administrators' after the city forwarded them), never their own filings.
    var applicationsToDecide: Int?
    /// City officers: county administrator applications to forward.
    var applicationsToForward: Int?
    /// The deciding department's system and business admins: approved applications whose part is not yet done.
    var applicationsToCarryOut: Int?
    /// The county's leading-group office: township submissions to accept or return, and exception requests.
    var reportsToReview: Int?

    /// The counts of `staff`, in one query; no query at all for a post with nothing to count (the auditor).
    static func read(for staff: SignedInStaff, on db: any Database) async throws -> WorkCounts {
        let parts = subqueries(for: staff)
        guard !parts.isEmpty else { return WorkCounts() }
        let sql = db as! any SQLDatabase
        var query: SQLQueryString = "SELECT "
        for (index, part) in parts.enumerated() {
            query = query + (index == 0 ? "" : ", ") + "(" + part.sql + ") AS \(unsafeRaw: part.name)"
        }
        guard let row = try await sql.raw(query).first() else { return WorkCounts() }
        var counts = WorkCounts()
        for part in parts {
            counts[keyPath: part.field] = try row.decode(column: part.name, as: Int.self)
        }
        return counts
    }

    struct Subquery {
        let name: String
        let field: WritableKeyPath<WorkCounts, Int?>
        let sql: SQLQueryString
    }

    /// A range on a division code column, so the indexes on it serve (as `CaseSummary.list`).
    static func under(_ column: String, _ root: DivisionCode) -> SQLQueryString {
        "\(unsafeRaw: column) >= \(bind: root.scopePrefix) AND \(unsafeRaw: column) < \(bind: root.scopePrefix + "a")"
    }

    static func subqueries(for staff: SignedInStaff) -> [Subquery] {
        let account = staff.account
        guard account.isEffective else { return [] }
        var parts: [Subquery] = []
        let accepted = CaseFile.State.accepted.rawValue, returned = CaseFile.State.returned.rawValue
        switch account.unit {
        case .servicePoint(let point, _, _) where staff.may(.serveCitizens):
            parts.append(Subquery(name: "cases_waiting", field: \.casesAwaitingReview, sql:
                "SELECT COUNT(*) FROM cases WHERE service_point_id = \(bind: point) AND state = \(bind: accepted)"))
            parts.append(Subquery(name: "cases_returned", field: \.casesReturned, sql:
                "SELECT COUNT(*) FROM cases WHERE service_point_id = \(bind: point) AND state = \(bind: returned)"))
            parts.append(Subquery(name: "cases_core_returned", field: \.casesCoreReturned, sql:
                "SELECT COUNT(*) FROM cases WHERE service_point_id = \(bind: point) AND state = \(bind: CaseFile.State.coreReturned.rawValue)"))
        case .department(let county) where county.depth == 2 && account.post == .reviewer:
            let items = staff.grants.filter { $0.action == .review && !ItemRegistry.finishedAtPoint.contains($0.item) }.map(\.item).sorted()
            parts.append(Subquery(name: "cases_waiting", field: \.casesAwaitingReview, sql: items.isEmpty
                ? "SELECT 0"
                : "SELECT COUNT(*) FROM cases WHERE " + under("division_code", county) + " AND state = \(bind: accepted)"
                    + " AND item_seq IN (\(binds: items)) AND (handler_account IS NULL OR handler_account <> \(bind: account.id))"))
        default:
            break
        }
        if let desk = ProblemDesks.desk(of: staff) {
            parts.append(Subquery(name: "problems_waiting", field: \.problemsToAnswer, sql: """
                SELECT COUNT(*) FROM problem_reports WHERE desk = \(bind: desk.storageKey) AND state = \(bind: ProblemReport.State.waiting.rawValue)
                AND (assignee_account IS NULL OR assignee_account = \(bind: account.id))
                """))
        }
        if staff.may(.reportProblem) {
            parts.append(Subquery(name: "problems_answered", field: \.problemsToConfirm, sql: """
                SELECT COUNT(*) FROM problem_reports WHERE reporter_account = \(bind: account.id) AND state = \(bind: ProblemReport.State.answered.rawValue)
                """))
        }
        if case .department(let code) = account.unit {
            parts += applicationParts(staff, department: code)
            if code.depth == 2, staff.may(.reviewMonthlyReport) {
                parts.append(Subquery(name: "reports_waiting", field: \.reportsToReview, sql: "SELECT (SELECT COUNT(*) FROM report_submissions WHERE "
                    + under("township_code", code) + " AND state = \(bind: ReportCycle.State.submitted.rawValue)) + (SELECT COUNT(*) FROM report_exceptions WHERE "
                    + under("township_code", code) + " AND state = \(bind: ReportExceptionRecord.State.requested.rawValue))"))
            }
        }
        return parts
    }

    /// The account applications waiting for a department's step (`AccountApplication.may`: the city forwards county
    /// administrator applications, the deciding department — county for operators, province for county
    /// administrators — decides, then its system admin and business admin each carry out their part).
    static func applicationParts(_ staff: SignedInStaff, department code: DivisionCode) -> [Subquery] {
        let account = staff.account
        let operators = AccountApplication.Flow.operatorAccounts.rawValue
        let administrators = AccountApplication.Flow.countyAdministratorAccounts.rawValue
        var parts: [Subquery] = []
        if code.depth == 1, staff.may(.forwardAccountApplications) {
            parts.append(Subquery(name: "applications_forward", field: \.applicationsToForward, sql:
                "SELECT COUNT(*) FROM account_applications WHERE " + under("applicant_division_code", code)
                    + " AND flow = \(bind: administrators) AND state = \(bind: AccountApplication.State.submitted.rawValue)"))
        }
        // The flow this department decides, and the state in which it waits for the decision.
        let decided: (flow: String, state: AccountApplication.State)? = switch code.depth {
        case 2: (operators, .submitted)
        case 0: (administrators, .forwardedByCity)
        default: nil
        }
        guard let decided else { return parts }
        if staff.may(.reviewAccountApplications) {
            parts.append(Subquery(name: "applications_decide", field: \.applicationsToDecide, sql:
                "SELECT COUNT(*) FROM account_applications WHERE " + under("applicant_division_code", code)
                    + " AND flow = \(bind: decided.flow) AND state = \(bind: decided.state.rawValue)"
                    + " AND filed_by_account <> \(bind: account.id) AND filed_by_person <> \(bind: account.personID)"))
        }
        let part: ExecutionPart? = switch account.post {
        case .systemAdmin: .accounts
        case .businessAdmin: .permissions
        default: nil
        }
        if let part {
            let states = [AccountApplication.State.approved.rawValue, AccountApplication.State.partlyCarriedOut.rawValue]
            parts.append(Subquery(name: "applications_carry_out", field: \.applicationsToCarryOut, sql:
                "SELECT COUNT(*) FROM account_applications WHERE " + under("applicant_division_code", code)
                    + " AND flow = \(bind: decided.flow) AND state IN (\(binds: states))"
                    + " AND carried_out NOT LIKE \(bind: "%" + part.rawValue + "%")"))
        }
        return parts
    }
}
