import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// The home page's use case: reads what the signed-in post works on and returns `HomeView`.
enum HomeQueries {
    static func view(for staff: SignedInStaff, counts: WorkCounts, catalogue: ServiceCatalogue, calendar: WorkCalendar,
                     today: CalendarDate, on db: any Database) async throws -> HomeView {
        var view = HomeView()
        let names = Dictionary(uniqueKeysWithValues: catalogue.items.map { ($0.seq, $0.name) })
        switch staff.account.unit {
        case .servicePoint(let point, _, _) where staff.may(.serveCitizens):
            view.searchesPeople = true
            let lines = try await caseLines("c.service_point_id = \(bind: point)", names: names, calendar: calendar, today: today, on: db)
            let open = lines.filter { $0.state == .accepted }.map(\.line).sorted { $0.urgency < $1.urgency }
            let returned = lines.filter { $0.state == .returned }.map(\.line).sorted { $0.urgency < $1.urgency }
            (view.openTotal, view.openCases) = (open.count, Array(open.prefix(HomeView.listed)))
            (view.returnedTotal, view.returnedCases) = (returned.count, Array(returned.prefix(HomeView.listed)))
            // Past their deadline or without one (即时办结): the oldest acceptance waits longest.
            let coreReturned = lines.filter { $0.state == .coreReturned }.map(\.line).sorted { ($0.acceptedOn, $0.number) < ($1.acceptedOn, $1.number) }
            (view.coreReturnedTotal, view.coreReturnedCases) = (coreReturned.count, Array(coreReturned.prefix(HomeView.listed)))
        case .department(let county) where county.depth == 2 && staff.account.post == .reviewer:
            let lines = try await caseLines(WorkCounts.under("c.division_code", county), names: names, calendar: calendar,
                                            today: today, on: db)
            // The same rule as the count: the items it holds the review grant for, never a case it handled itself.
            let queue = lines.filter {
                $0.state == .accepted && staff.may(.review(item: $0.item)) && !ItemRegistry.finishedAtPoint.contains($0.item)
                    && $0.handler != staff.account.id
            }.map(\.line).sorted { $0.urgency < $1.urgency }
            (view.reviewTotal, view.reviewQueue) = (queue.count, Array(queue.prefix(HomeView.listed)))
        default:
            break
        }
        view.waiting = try await waiting(staff, counts: counts, today: today, on: db)
        if case .department(let root) = staff.account.unit {
            view.coverage = try await coverage(staff, root: root, on: db)
        }
        return view
    }

    struct Loaded {
        let line: HomeView.CaseLine
        let state: CaseFile.State?
        let item: Int
        let handler: UUID?
    }

    /// The open cases matching `condition`, with the person's masked name and the point's name.
    static func caseLines(_ condition: SQLQueryString, names: [Int: String], calendar: WorkCalendar, today: CalendarDate,
                          on db: any Database) async throws -> [Loaded] {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT c.id, c.number, c.item_seq, c.accepted_on, c.deadline, c.state, c.handler_account, c.decision_reason,
                p.name AS citizen_name, sp.institution AS point_name
            FROM cases c LEFT JOIN citizens p ON p.id = c.citizen_id LEFT JOIN service_points sp ON sp.id = c.service_point_id
            WHERE \(condition) AND c.state IN (\(binds: CaseSummary.openStates))
            """).all()
        return try rows.map { row in
            let item = try row.decode(column: "item_seq", as: Int.self)
            let state = CaseFile.State(rawValue: try row.decode(column: "state", as: String.self))
            let deadline = try row.decode(column: "deadline", as: String?.self)
            return Loaded(
                line: HomeView.CaseLine(
                    id: try row.decode(column: "id", as: UUID.self), number: try row.decode(column: "number", as: String.self),
                    itemName: names[item] ?? "", maskedCitizenName: Masking.maskedName(try row.decode(column: "citizen_name", as: String?.self) ?? ""),
                    pointName: try row.decode(column: "point_name", as: String?.self) ?? "",
                    acceptedOn: try row.decode(column: "accepted_on", as: String.self), deadline: deadline,
                    urgency: CaseUrgency.of(deadline: deadline.flatMap(CalendarDate.init(iso:)), today: today, calendar: calendar),
                    stateLabel: state?.label ?? "",
                    reason: state == .coreReturned ? try row.decode(column: "decision_reason", as: String?.self) : nil),
                state: state, item: item, handler: try row.decode(column: "handler_account", as: UUID?.self))
        }
    }

    /// What waits for the user, each with the list it is on; only lists the user may open.
    static func waiting(_ staff: SignedInStaff, counts: WorkCounts, today: CalendarDate, on db: any Database) async throws
        -> [HomeView.Waiting] {
        var waiting: [HomeView.Waiting] = []
        func add(_ label: String, _ count: Int?, _ url: SiteURL, note: String? = nil) {
            if let count { waiting.append(HomeView.Waiting(label: label, count: count, url: url, note: note)) }
        }
        add("问题反映待答复", counts.problemsToAnswer, .problems(query: [("state", ProblemReport.State.waiting.rawValue)]),
            note: "本单位受理、交给您或未指定承办人的问题")
        add("账号申请待汇总报送", counts.applicationsToForward, .accountApplications(query: [("state", AccountApplication.State.submitted.rawValue)]))
        add("账号申请待审批", counts.applicationsToDecide, .accountApplications(query: [("state",
            staff.account.unit.divisionCode.depth == 0 ? AccountApplication.State.forwardedByCity.rawValue : AccountApplication.State.submitted.rawValue)]))
        add("账号申请待办理", counts.applicationsToCarryOut, .accountApplications(), note: "已同意、本岗位尚未办理的部分")
        add("调度表待审核", counts.reportsToReview, .monthlyReport(), note: "乡镇报送及延期填报申请")
        if case .department(let code) = staff.account.unit {
            if code.depth == 2, staff.may(.inspectServicePoints) {
                add("未通过验收的服务点", try await pointsNotAccepted(in: code, on: db), .servicePoints(), note: "在服务点页面逐项验收")
            }
            if staff.may(.viewMonthlyReport) {
                let month = ReportMonth(containing: today)
                let (accepted, townships) = try await submissions(under: code, month: month, on: db)
                add("本月调度表已采用的乡镇", accepted, .monthlyReport(), note: "共\(townships)个乡镇（\(month.description)）")
            }
        }
        add("问题反映待确认", counts.problemsToConfirm, .problems(query: [("state", ProblemReport.State.answered.rawValue)]),
            note: "您反映的问题已答复，请确认是否解决")
        return waiting
    }

    /// Active points of a county without a passed acceptance.
    static func pointsNotAccepted(in county: DivisionCode, on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("""
            SELECT COUNT(*) AS n FROM service_points sp WHERE \(WorkCounts.under("sp.division_code", county))
            AND sp.status = \(bind: ServicePointStatus.active.rawValue)
            AND NOT EXISTS (SELECT 1 FROM acceptances a WHERE a.service_point_id = sp.id AND a.passed = \(bind: true))
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The month's accepted township submissions under `root`, and its townships.
    static func submissions(under root: DivisionCode, month: ReportMonth, on db: any Database) async throws -> (Int, Int) {
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT (SELECT COUNT(*) FROM report_submissions WHERE \(WorkCounts.under("township_code", root))
                    AND month = \(bind: month.description) AND state = \(bind: ReportCycle.State.accepted.rawValue)) AS accepted,
                (SELECT COUNT(*) FROM divisions WHERE \(WorkCounts.under("code", root)) AND level = \(bind: DivisionLevel.township.rawValue)) AS townships
            """).first()
        return (try row?.decode(column: "accepted", as: Int.self) ?? 0, try row?.decode(column: "townships", as: Int.self) ?? 0)
    }

    /// Per county of a department user's division (or its own county), its points; linked when the user may open it.
    static func coverage(_ staff: SignedInStaff, root: DivisionCode, on db: any Database) async throws -> [HomeView.Coverage] {
        guard staff.may(.viewServicePoints) else { return [] }
        let counties = root.depth >= 2
            ? try await DivisionQueries.descendants(of: nil, level: .county, on: db).filter { $0.code == root.ancestor(atDepth: 2)?.value }
            : try await DivisionQueries.descendants(of: root, level: .county, on: db)
        // One grouped count for all of them (a province has about 117 counties), not one statement per county.
        let countyDigits = 6
        let parent = root.depth >= 2 ? root.ancestor(atDepth: 2) ?? root : root
        let counts = try await ServicePointQueries.countsByChild(under: parent, childPrefixLength: countyDigits, on: db)
        return counties.compactMap { county in
            guard let code = county.divisionCode else { return nil }
            return HomeView.Coverage(county: county, counts: counts[code.countyCode] ?? ServicePointCounts())
        }
    }
}
