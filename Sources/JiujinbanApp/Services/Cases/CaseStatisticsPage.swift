import Foundation
import JiujinbanRules
import Plot

/// 办件统计's table: figures only, computed by `CaseStatistics` from the rows `CaseStatisticsController` reads.
enum CaseStatisticsPage {
    static func render(
        _ statistics: CaseStatistics, from: CalendarDate, to: CalendarDate, grouping: CaseStatistics.Grouping,
        label: (String) -> String, context: PageContext
    ) -> HTML {
        func row(_ group: CaseStatistics.Group, name: String) -> Node<HTML.TableContext> {
            let rate = group.overdueRate.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
            let average = group.averageHandlingDays.map { String(format: "%.1f", $0) + (group.averageIsProvisional ? "（暂定）" : "") } ?? "—"
            return .tr(.td(.text(name)), .td(.class("num"), .text(String(group.cases))), .td(.class("num"), .text(String(group.finished))),
                       .td(.class("num"), .text(String(group.timed))), .td(.class("num"), .text(String(group.overdue))),
                       .td(.class("num"), .text(rate)), .td(.class("num"), .text(average)))
        }
        return PageShell.render(
            title: "办件统计", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "办件统计", url: nil)],
            content: [
                .form(.method(.get), .action(SiteURL.caseStatistics().path), .class("filters"),
                      .label(.for("from"), .text("受理日期 自 ")), .input(.type(.date), .name("from"), .id("from"), .value(from.iso)),
                      .label(.for("to"), .text(" 至 ")), .input(.type(.date), .name("to"), .id("to"), .value(to.iso)),
                      .label(.for("by"), .text(" ")),
                      .select(.attribute(named: "name", value: "by"), .id("by"),
                              .forEach(CaseStatistics.Grouping.allCases) { .choice($0.rawValue, $0.label, selected: $0 == grouping) }),
                      .button(.type(.submit), .class("button small"), .text("统计"))),
                .table(
                    .class("data-table"),
                    .thead(.tr(.th(.text(grouping.label.replacingOccurrences(of: "按", with: ""))), .th("办件数"), .th("已办结"),
                               .th("有时限"), .th("超期"), .th("超期率"), .th("平均办理工作日"))),
                    .tbody(.forEach(statistics.groups) { row($0, name: label($0.key)) }, row(statistics.total, name: "合计"))),
                .p(.class("hint"), .text("超期：办结晚于期限，或至今未办结且已过期限；超期率按有时限的办件计算。办理时间按工作日计，受理当日不计。")),
            ])
    }
}
