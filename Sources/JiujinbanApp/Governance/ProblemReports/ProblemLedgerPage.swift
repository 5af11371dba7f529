import Foundation
import JiujinbanRules
import Plot

/// 问题台账: every report the user sees, with filters, the upcoming training sessions for the user's county, and
/// the exports.
enum ProblemLedgerPage {
    static func render(
        _ rows: [ProblemLedgerRow], filter: ProblemReportStore.Filter, groups: [DivisionSummary],
        trainings: [TrainingSessionLine], limit: Int, context: PageContext
    ) -> HTML {
        let query = ProblemLedgerQuery.query(of: filter)
        return PageShell.render(
            title: "问题反映", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "问题台账", url: nil)],
            content: [
                .div(.class("toolbar"),
                     .if(context.may(.reportProblem), .a(.class("button primary"), .href(SiteURL.newProblem.path), .text("反映问题"))),
                     .if(context.may(.manageResponsibilityList),
                         .a(.class("button"), .href(SiteURL.responsibilityList.path), .text("责任清单"))),
                     .if(context.may(.problemOversight),
                         .a(.class("button"), .href(SiteURL.problemOversight().path), .text("问题处理情况与视频培训")))),
                TrainingSessions.list(trainings, title: "近期业务指导视频培训"),
                .form(.class("filters"), .method(.get), .action(SiteURL.problems().path),
                      filterSelect("state", "状态", ProblemReport.State.allCases.map { ($0.rawValue, $0.label) }, filter.state?.rawValue),
                      filterSelect("category", "分类", ProblemCategory.allCases.map { ($0.rawValue, $0.label) }, filter.category?.rawValue),
                      filterSelect("area", "业务领域", BusinessArea.allCases.map { ($0.rawValue, $0.label) }, filter.area?.rawValue),
                      .if(!groups.isEmpty, filterSelect("county", "县（市、区）", groups.map { ($0.code, $0.name) }, filter.group)),
                      .label(.input(.type(.checkbox), .name("overdue"), .value("1"),
                                    .attribute(named: "checked", value: filter.overdueOnly ? "checked" : nil)), .text(" 仅看超期")),
                      .button(.type(.submit), .class("button small"), .text("筛选"))),
                .div(.class("result-count"),
                     .p(.text(rows.count >= limit ? "显示最新 \(limit) 条，请用筛选条件缩小范围，或导出全部" : "共 \(rows.count) 条")),
                     .p(.a(.class("button small"), .href(SiteURL.problemsExport(query: query + [("format", "csv")]).path), .text("导出CSV")),
                        .text(" "),
                        .a(.class("button small"), .href(SiteURL.problemsExport(query: query + [("format", "xlsx")]).path), .text("导出Excel")))),
                .if(rows.isEmpty, .p(.class("empty"), .text("没有符合条件的问题"))),
                .if(!rows.isEmpty, .table(
                    .class("data-table compact"),
                    .thead(.tr(.th("问题编号"), .th("反映时间"), .th("反映单位"), .th("分类"), .th("业务领域"), .th("问题描述"),
                               .th("当前承办"), .th("状态"), .th("时限"))),
                    .tbody(.forEach(rows) { row($0) }))),
            ])
    }

    static func row(_ line: ProblemLedgerRow) -> Node<HTML.TableContext> {
        .tr(
            .class(line.isOverdue ? "row-overdue" : ""),
            .td(.class("code"), .a(.href(SiteURL.problem(id: line.id).path), .text(line.number))),
            .td(.class("nowrap"), .text(AuditLogPage.formatter.string(from: line.filedAt))),
            .td(.text(line.reporter)),
            .td(.class("nowrap"), .text(line.categoryLabel)),
            .td(.class("nowrap"), .text(line.areaLabel)),
            .td(.text(line.summary)),
            .td(.text(line.deskName),
                .if(line.escalations > 0, .span(.class("tag"), .text("上报\(line.escalations)次"))),
                .if(line.assignmentGap, .span(.class("tag tag-warn"), .text("责任清单缺项")))),
            .td(.class("nowrap"), .text(line.stateLabel)),
            .td(.class("nowrap"), .text(line.limitText), .if(line.isOverdue, .span(.class("tag tag-late"), .text("超期"))))
        )
    }

    static func filterSelect(_ name: String, _ label: String, _ options: [(String, String)], _ selected: String?) -> Node<HTML.FormContext> {
        .label(.text(label + " "),
               .select(.attribute(named: "name", value: name),
                       .choice("", "全部"),
                       .forEach(options) { .choice($0.0, $0.1, selected: $0.0 == selected) }))
    }
}
