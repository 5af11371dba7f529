import Foundation
import JiujinbanRules
import Plot

/// 培训统计's page: the period's figures by key group, occupation and township, with the exports.
enum TrainingStatisticsPage {
    static func render(_ result: TrainingStatisticsQuery.Result, scope: String, context: PageContext) -> HTML {
        let statistics = result.statistics
        let period = [("from", statistics.from.iso), ("to", statistics.to.iso)]
        func counts(_ row: TrainingStatistics.Row) -> [Node<HTML.TableRowContext>] {
            TrainingStatistics.Measure.allCases.map { .td(.class("num"), .text(String(row.count($0)))) }
        }
        func table(_ dimension: TrainingStatistics.Dimension) -> Node<HTML.BodyContext> {
            let rows = statistics.rows(dimension)
            return .section(
                .h2(.text("按\(dimension.label)")),
                rows.isEmpty ? .p(.class("hint"), .text("本期没有记录。")) : .table(
                    .class("data-table"),
                    .thead(.tr(.th(.text(dimension.label)), .forEach(TrainingStatistics.Measure.allCases) { .th(.text($0.label)) })),
                    .tbody(.forEach(rows) { row in .tr(.td(.text(result.label(dimension, row.key))), .group(counts(row))) },
                           dimension == .group ? .empty : .tr(.class("total"), .td("合计"), .group(counts(statistics.total))))))
        }
        return PageShell.render(
            title: "培训统计", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "培训统计", url: nil)],
            content: [
                .p(.text("统计范围：\(scope)。按登记意向的服务点所在乡镇归属。")),
                .form(.method(.get), .action(SiteURL.trainingStatistics().path), .class("filters"),
                      .label(.for("from"), .text("日期 自 ")), .input(.type(.date), .name("from"), .id("from"), .value(statistics.from.iso)),
                      .label(.for("to"), .text(" 至 ")), .input(.type(.date), .name("to"), .id("to"), .value(statistics.to.iso)),
                      .button(.type(.submit), .class("button small"), .text("统计"))),
                .p(.class("actions"),
                   .a(.class("button secondary small"), .href(SiteURL.trainingStatisticsExport(query: period + [("format", "csv")]).path), .text("导出 CSV")),
                   .text(" "),
                   .a(.class("button secondary small"), .href(SiteURL.trainingStatisticsExport(query: period + [("format", "xlsx")]).path), .text("导出 Excel"))),
                table(.group), table(.occupation), table(.township),
                .p(.class("hint"), .text("同一人属于多个重点群体的，在每个所属群体中各计一次，故按群体各行之和可能大于合计。"
                                         + "意向登记按登记日期、机构推荐按推荐日期、报名参训按报名日期、培训结业按结业日期计入所选期间。")),
            ])
    }
}
