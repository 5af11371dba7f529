import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 培训统计: the intentions, recommendations, enrolments and completions of a period within the user's division
/// (a county business admin's county; a township point's operator's township), on a page and as CSV or .xlsx.
/// Figures only; the export is audited.
enum TrainingStatisticsController {
    static func register(_ app: Application) {
        app.get(.trainingStatistics(), .capability(.viewTrainingStatistics), use: show)
        app.get(.trainingStatisticsExport(), .capability(.viewTrainingStatistics), use: export)
    }

    /// The period asked for: from the first of this month to today unless the query names valid dates.
    static func period(_ req: Request) -> (from: CalendarDate, to: CalendarDate) {
        let today = req.jiujinban.clock.today
        let from = (try? req.query.get(String.self, at: "from")).flatMap(CalendarDate.init(iso:))
            ?? CalendarDate(year: today.year, month: today.month, day: 1)!
        let to = (try? req.query.get(String.self, at: "to")).flatMap(CalendarDate.init(iso:)) ?? today
        return (from, max(from, to))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (from, to) = period(req)
        let result = try await TrainingStatisticsQuery.run(in: staff.scopeRoot, from: from, to: to, on: req.db)
        return HTMLResponse.make(TrainingStatisticsPage.render(result, scope: staff.unitName, context: PageContext(req)))
    }

    @Sendable static func export(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (from, to) = period(req)
        let format = (try? req.query.get(String.self, at: "format")) == "xlsx" ? "xlsx" : "csv"
        let result = try await TrainingStatisticsQuery.run(in: staff.scopeRoot, from: from, to: to, on: req.db)
        let lines = result.statistics.table(label: result.label)
        try await req.write { db in
            try await req.audit(AuditEvent("training.statistics.export", objectType: "training_statistics", objectID: staff.scopeRoot.value,
                                           detail: "\(format.uppercased())，\(from.iso)至\(to.iso)"), on: db)
        }
        let name = "training-statistics-\(staff.scopeRoot.value)-\(from.iso)-\(to.iso)"
        if format == "xlsx" {
            var book = XLSXWorkbook(sheetName: "培训统计")
            book.appendHeader(TrainingStatistics.header)
            for line in lines {
                book.append(line.enumerated().map { index, value in index < 2 ? .text(value) : .number(Double(value) ?? 0) })
            }
            for (index, width) in [12, 30, 10, 10, 10, 10].enumerated() { book.columnWidths[index] = Double(width) }
            return FileResponse.download(xlsx: book.bytes, filename: name + ".xlsx")
        }
        var table = CSVTable(header: TrainingStatistics.header)
        lines.forEach { table.append($0) }
        return FileResponse.download(csv: table.text, filename: name + ".csv")
    }
}
