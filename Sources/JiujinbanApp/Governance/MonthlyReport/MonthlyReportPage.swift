import Foundation
import JiujinbanRules
import Plot

/// The table as attachment 2 draws it: the three header rows with their spans, the row of column numbers, the rows,
/// the notes; automatic answers say why on hover. Printed on A4 landscape with the form's header lines.
enum MonthlyReportPage {
    static func render(_ result: MonthlyReportBuilder.Result, root: DivisionCode, month: ReportMonth, children: [DivisionSummary],
                       progress: ReportProgress, evidence: [String: ReportEvidenceListing] = [:], reviews: Bool, context: PageContext) -> HTML {
        let table = result.table
        let query: [(String, String)] = [("division", root.value), ("month", month.description)]
        return PageShell.render(
            title: MonthlyReportLayout.title, context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "月度调度表", url: nil)],
            content: [
                .form(.class("filters"), .method(.get), .action(SiteURL.monthlyReport().path),
                      .input(.type(.hidden), .name("division"), .value(root.value)),
                      .label(.text("报送月份 "), .input(.type(.month), .name("month"), .value(month.description))),
                      .button(.type(.submit), .class("button small"), .text("查看")),
                      .a(.class("button small"), .href(SiteURL.monthlyReportExport(query: query + [("format", "xlsx")]).path), .text("导出Excel")),
                      .a(.class("button small"), .href(SiteURL.monthlyReportExport(query: query + [("format", "csv")]).path), .text("导出CSV")),
                      // The table prints on A4 landscape with every column (app.css @media print).
                      .button(.type(.button), .class("button small no-print"), .data(named: "print", value: "page"), .text("打印")),
                      .a(.class("button small"), .href(SiteURL.pointMap(query: root.depth == 2 ? [("county", root.value)] : []).path),
                         .text("服务点分布图"))),
                .if(!children.isEmpty, .p(.class("drill"), .text("下级："),
                                          .forEach(children) { child in
                                              .a(.href(SiteURL.monthlyReport(query: [("division", child.code), ("month", month.description)]).path),
                                                 .text(child.name + " "))
                                          })),
                progress.panel(month: month, reviews: reviews, context: context),
                .div(.class("report-lines"),
                     .span(.text("报送单位(公章)：\(result.scopeName)")), .span(.text("报送月份：\(month)")),
                     .span(.text("县、乡（镇）专项行动负责人(签名)："))),
                columnToggles,
                .div(.class("report-scroll"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
                     .attribute(named: "aria-label", value: "调度表（可在框内上下、左右滚动，表头和名称列保持可见）"), .table(
                    .id(tableID), .class("data-table report-table"),
                    .thead(
                        .forEach(0..<MonthlyReportLayout.headerRowCount) { row in
                            .tr(.forEach(MonthlyReportLayout.header.filter { $0.row == row }) { cell in
                                .th(.attribute(named: "rowspan", value: cell.rowSpan > 1 ? String(cell.rowSpan) : nil),
                                    .attribute(named: "colspan", value: cell.columnSpan > 1 ? String(cell.columnSpan) : nil),
                                    .class(headerClass(cell)), .attribute(named: "data-group-spans", value: groupSpans(cell)),
                                    .text(cell.text))
                            })
                        },
                        .tr(.class("column-numbers"), .forEach(1...MonthlyReportLayout.columnCount) { .th(.class(columnClass($0)), .text(String($0))) })),
                    .tbody(.forEach(table.rows) { row in
                        .tr(.class(rowClass(row.kind)), .forEach(Array(row.cells.enumerated())) { column, cell in
                            let task = ReportTask(rawValue: column + 1)
                            let reason = row.key.flatMap { key in task.flatMap { result.reasons[key]?[$0] } }
                            let numeric = column >= 2 && column <= 5 || column >= 15
                            return .td(.class(columnClass(column + 1) + (numeric ? " num" : "")),
                                       .attribute(named: "title", value: reason),
                                       .text(cell.text),
                                       .if(task == .publicity, .unwrap(row.key.flatMap { evidence[$0] }) { file in
                                           .a(.class("evidence-link"), .href(SiteURL.monthlyReportEvidence(id: file.id).path),
                                              .attribute(named: "title", value: "宣传凭证：" + file.fileName), .text(" 凭证"))
                                       }))
                        })
                    }))),
                .div(.class("form-notes"), .p(.strong("备注：")), .forEach(MonthlyReportLayout.notes) { .p(.text($0)) },
                     .p(.text("18–22列由系统根据合作协议和培训登记、账号授权、自助设备登记、验收结果自动填写，鼠标停留可查看依据；16、17、23、24列由乡镇填报、县级审核。"))),
            ])
    }

    static let tableID = "report-table"

    /// One toggle per column group, sent hidden: site.js shows the bar and folds a group by a class on the table
    /// (app.css), so without script no button offers what nothing would do, and every column shows.
    static var columnToggles: Node<HTML.BodyContext> {
        .div(.class("column-toggles"), .attribute(named: "data-column-toggles", value: tableID), .attribute(named: "hidden", value: "hidden"),
             .span(.class("muted"), .text("列组（点击隐藏或显示，名称列始终显示；打印和导出总是包含全部列）：")),
             .forEach(MonthlyReportLayout.columnGroups) { group in
                 .button(.type(.button), .class("button small"), .attribute(named: "data-column-group", value: group.id),
                         .attribute(named: "aria-expanded", value: "true"), .text(group.label))
             })
    }

    /// A column's classes (1-based): a name column stays at the left (`col-name-N` gives its offset), any other
    /// column folds with its group.
    static func columnClass(_ column: Int) -> String {
        if MonthlyReportLayout.nameColumns.contains(column) { return "col-name col-name-\(column)" }
        return MonthlyReportLayout.group(ofColumn: column).map { "col-g-\($0.id)" } ?? ""
    }

    /// A header cell within one column (or one group) takes that column's classes; 服务点情况, across its name
    /// columns and its folding ones, takes none and says its spans instead (`groupSpans`).
    static func headerClass(_ cell: MonthlyReportLayout.HeaderCell) -> String {
        let spans = MonthlyReportLayout.spans(of: cell)
        guard spans.count == 1 else { return "" }
        return spans[0].group.map { "col-g-\($0.id)" } ?? columnClass(cell.column + 1)
    }

    /// "-:2 facts:7": how many of the cell's columns each group holds ("-" never folds), for site.js to narrow
    /// the span when a group is folded; nil for a cell within one group.
    static func groupSpans(_ cell: MonthlyReportLayout.HeaderCell) -> String? {
        let spans = MonthlyReportLayout.spans(of: cell)
        guard spans.count > 1 else { return nil }
        return spans.map { "\($0.group?.id ?? "-"):\($0.count)" }.joined(separator: " ")
    }

    static func rowClass(_ kind: MonthlyReportTable.RowKind) -> String {
        switch kind {
        case .provinceTotal, .cityTotal: "row-total"
        case .countySubtotal: "row-subtotal"
        case .township: "row-township"
        case .point: ""
        }
    }
}
