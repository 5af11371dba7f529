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
                .div(.class("report-scroll"), .table(
                    .class("data-table report-table"),
                    .thead(
                        .forEach(0..<MonthlyReportLayout.headerRowCount) { row in
                            .tr(.forEach(MonthlyReportLayout.header.filter { $0.row == row }) { cell in
                                .th(.attribute(named: "rowspan", value: cell.rowSpan > 1 ? String(cell.rowSpan) : nil),
                                    .attribute(named: "colspan", value: cell.columnSpan > 1 ? String(cell.columnSpan) : nil),
                                    .text(cell.text))
                            })
                        },
                        .tr(.class("column-numbers"), .forEach(1...MonthlyReportLayout.columnCount) { .th(.text(String($0))) })),
                    .tbody(.forEach(table.rows) { row in
                        .tr(.class(rowClass(row.kind)), .forEach(Array(row.cells.enumerated())) { column, cell in
                            let task = ReportTask(rawValue: column + 1)
                            let reason = row.key.flatMap { key in task.flatMap { result.reasons[key]?[$0] } }
                            return .td(.class(column >= 2 && column <= 5 || column >= 15 ? "num" : ""),
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

    static func rowClass(_ kind: MonthlyReportTable.RowKind) -> String {
        switch kind {
        case .provinceTotal, .cityTotal: "row-total"
        case .countySubtotal: "row-subtotal"
        case .township: "row-township"
        case .point: ""
        }
    }
}
