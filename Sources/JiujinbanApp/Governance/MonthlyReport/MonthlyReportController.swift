import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 服务点情况及工作任务调度表: a department's monthly report on screen (with why each automatic answer reads as it
/// does), printable on A4 landscape, and as CSV or Excel with the same rows.
enum MonthlyReportController {
    static func register(_ app: Application) {
        app.get(.monthlyReport(), .capability(.viewMonthlyReport), use: show)
        app.get(.monthlyReportExport(), .capability(.viewMonthlyReport), use: export)
    }

    /// The division and month asked for, checked against the user's scope and today.
    static func target(_ req: Request) async throws -> (DivisionCode, ReportMonth) {
        let staff = try req.requireStaff()
        guard case .subtree(let own) = staff.scope else { throw PublicError(.forbidden, "月度调度表仅供人社部门查看") }
        var root = own
        if let raw = (try? req.query.get(String.self, at: "division")).map({ TextField.clean($0) }), !raw.isEmpty {
            guard let code = try? DivisionCode(raw), code.depth <= 2 else { throw PublicError.notFound("该区划的调度表") }
            guard own.contains(code) else { throw OutOfScope("该区划的调度表", objectType: "division", objectID: code.value) }
            root = code
        }
        guard root.depth <= 2 else { throw PublicError(.forbidden, "月度调度表按县、市、省汇总") }
        let today = req.jiujinban.clock.today
        let raw = (try? req.query.get(String.self, at: "month")) ?? ReportMonth(containing: today).description
        switch ReportMonth.parse(raw, today: today) {
        case .success(let month): return (root, month)
        case .failure(let errors): throw PublicError(.unprocessableEntity, errors.problems.first?.message ?? "报送月份有误")
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let (root, month) = try await target(req)
        return try await respond(req, root: root, month: month)
    }

    /// The table of `root` for `month`; with `refused`, a county decision drawn again at its township.
    static func respond(_ req: Request, root: DivisionCode, month: ReportMonth, refused: ReportProgress.Refused? = nil,
                        status: HTTPStatus = .ok) async throws -> Response {
        let result = try await MonthlyReportBuilder.build(scope: root, month: month, on: req.db as! any SQLDatabase)
        let children = root.depth < 2 ? try await DivisionQueries.descendants(of: root, level: root.depth == 0 ? .city : .county, on: req.db) : []
        var progress = try await ReportProgress.load(scope: root, month: month, on: req.db)
        progress.refused = refused
        let evidence = try await ReportEvidenceRecord.listing(month: month, scope: root, on: req.db)
        let staff = try req.requireStaff()
        let reviews = staff.may(.reviewMonthlyReport) && staff.account.unit.isCountyDepartment && root == staff.account.unit.divisionCode
        return HTMLResponse.make(MonthlyReportPage.render(result, root: root, month: month, children: children, progress: progress,
                                                          evidence: evidence, reviews: reviews, context: PageContext(req)),
                                 status: status)
    }

    @Sendable static func export(_ req: Request) async throws -> Response {
        let (root, month) = try await target(req)
        let result = try await MonthlyReportBuilder.build(scope: root, month: month, withReasons: false, on: req.db as! any SQLDatabase)
        let format = (try? req.query.get(String.self, at: "format")) == "xlsx" ? "xlsx" : "csv"
        try await req.write { db in
            try await req.audit(AuditEvent("monthly_report.export", objectType: "division", objectID: root.value,
                                           detail: "\(month) \(format.uppercased())"), on: db)
        }
        let name = "monthly-report-\(root.scopePrefix)-\(month).\(format)"
        return format == "xlsx"
            ? FileResponse.download(xlsx: result.table.workbook(unit: result.scopeName, month: month.description).bytes, filename: name)
            : FileResponse.download(csv: result.table.csv.text, filename: name)
    }
}
