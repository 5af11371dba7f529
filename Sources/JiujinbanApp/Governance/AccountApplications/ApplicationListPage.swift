import Foundation
import JiujinbanRules
import Plot

/// 申请单台账: the applications the user sees, filterable by state, with the archive's exports.
enum ApplicationListPage {
    static func render(_ lines: [ApplicationListLine], state: AccountApplication.State?, context: PageContext) -> HTML {
        let states = AccountApplication.State.allCases
        return PageShell.render(
            title: "用户申请（变更）单", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "用户申请（变更）单", url: nil)],
            content: [
                .div(.class("toolbar"),
                     .form(.method(.get), .action(SiteURL.accountApplications().path), .class("inline"),
                           .label(.for("state"), .text("状态 ")),
                           .select(.attribute(named: "name", value: "state"), .id("state"),
                                   .choice("", "全部"),
                                   .forEach(states) { .choice($0.rawValue, $0.label, selected: $0 == state) }),
                           .button(.type(.submit), .class("button small"), .text("筛选"))),
                     .if(context.may(.fileAccountApplication),
                         .a(.class("button primary"), .href(SiteURL.newAccountApplication().path), .text("填写申请单"))),
                     .if(context.may(.reviewAccountApplications) || context.may(.receiveApplicationFilings),
                         .a(.class("button"), .href(SiteURL.accountApplicationsExport(query: [("state", state?.rawValue ?? "")]).path),
                            .text("导出备案表（CSV）")))),
                .p(.class("result-count"), .text("共 \(lines.count) 张申请单")),
                .table(
                    .class("data-table compact"),
                    .thead(.tr(.th("申请单编号"), .th("申请单位"), .th("类别"), .th("申请事项"), .th("状态"), .th("提交时间"))),
                    .tbody(.forEach(lines) { line in
                        .tr(
                            .td(.class("code"), .a(.href(SiteURL.accountApplication(id: line.id).path), .text(line.number))),
                            .td(.text(line.applicantUnitName)),
                            .td(.text(line.flowLabel)),
                            .td(.text(line.itemSummary)),
                            .td(.text(line.stateLabel)),
                            .td(.class("nowrap"), .text(AuditLogPage.formatter.string(from: line.filedAt)))
                        )
                    })
                ),
            ])
    }
}
