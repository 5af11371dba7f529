import Foundation
import JiujinbanRules
import Vapor

/// 问题台账 as a spreadsheet: the reports the user sees under the ledger's filters, as CSV or Excel (.xlsx) with
/// the same columns and values. The export is audited.
enum ProblemExport {
    static let header = ["问题编号", "反映时间", "反映单位", "反映人", "问题分类", "业务领域", "问题描述", "解决的意见或建议",
                         "当前承办", "反映路径", "状态", "答复期限", "承诺解决时限", "首次答复日期", "解决日期", "上报次数", "是否超期"]
    static let maximumRows = 20_000

    @Sendable static func export(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let filter = ProblemLedgerQuery.filter(from: req)
        let format = (try? req.query.get(String.self, at: "format")) == "xlsx" ? "xlsx" : "csv"
        let calendar = try await WorkCalendarStore.calendar(req: req)
        let limits = try await ProblemReplyLimits.schedule(req)
        let today = req.jiujinban.clock.today
        let records = try await ProblemReportStore.list(for: staff, filter: filter, limit: maximumRows, calendar: calendar,
                                                        limits: limits, today: today, on: req.db)
        let names = try await ProblemDesks.names(of: records.flatMap(\.chainValue), on: req.db)
        let rows = records.map { row($0, names: names, calendar: calendar, limits: limits, today: today) }
        try await req.write { db in
            try await req.audit(AuditEvent("problem.export", objectType: "problem_ledger", objectID: staff.account.unit.divisionCode.value,
                                           detail: "\(format.uppercased())，\(rows.count)条"), on: db)
        }
        let name = "problem-ledger-\(today)"
        if format == "xlsx" { return FileResponse.download(xlsx: workbook(rows).bytes, filename: name + ".xlsx") }
        var table = CSVTable(header: header)
        rows.forEach { table.append($0) }
        return FileResponse.download(csv: table.text, filename: name + ".csv")
    }

    static func row(_ record: ProblemReportRecord, names: [ProblemDesk: String], calendar: WorkCalendar, limits: DatedSchedule<Int>,
                    today: CalendarDate) -> [String] {
        let report = record.report
        let due = report?.replyDue(calendar: calendar, limits: limits)
        return [
            record.number, AuditLogPage.formatter.string(from: record.filedAt), record.reporterUnitName, record.reporterName,
            record.categoryValue?.label ?? record.category, record.areaValue?.label ?? record.area, record.problemDescription,
            record.suggestion ?? "", record.deskValue.flatMap { names[$0] } ?? record.desk,
            record.chainValue.map { names[$0] ?? $0.storageKey }.joined(separator: " → "), record.stateValue?.label ?? record.state,
            due.map { $0.date.description + ($0.isProvisional ? "（暂定）" : "") } ?? "", record.promisedBy ?? "",
            record.firstReplyOn ?? "", record.solvedOn ?? "", String(record.escalations),
            report?.isOverdue(today: today, calendar: calendar, limits: limits) == true ? "是" : "否",
        ]
    }

    /// The same rows as the CSV, in one sheet with a bold header and widths that fit the columns.
    static func workbook(_ rows: [[String]]) -> XLSXWorkbook {
        var book = XLSXWorkbook(sheetName: "问题台账")
        book.appendHeader(header)
        for row in rows {
            book.append(row.enumerated().map { index, value in
                index == 15 ? .number(Double(value) ?? 0) : (value.isEmpty ? .empty : .text(value))
            })
        }
        for (index, width) in [16, 17, 24, 8, 12, 8, 40, 30, 18, 30, 8, 12, 12, 12, 12, 8, 8].enumerated() {
            book.columnWidths[index] = Double(width)
        }
        return book
    }
}
