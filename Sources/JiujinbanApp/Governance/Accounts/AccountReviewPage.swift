import Foundation
import JiujinbanRules
import Plot

enum AccountReviewPage {
    static func render(
        _ sections: [AccountReviewController.Section], conflicts: [PersonAccounts.ConflictRow], scope: DivisionCode,
        context: PageContext
    ) -> HTML {
        PageShell.render(
            title: "账号状态核查", context: context,
            crumbs: [Crumb(label: "账号管理", url: .accounts), Crumb(label: "账号状态核查", url: nil)],
            content: [
                .p(.class("lead"), .text("县级人社部门每月至少核查一次账号状态，及时处理多余、闲置和非法账号（《信息系统用户账号管理办法》第十一条）。")),
                conflictSection(conflicts, scope: scope),
                .forEach(sections) { section in
                    .section(
                        .h2(.text("\(section.title)（\(section.accounts.count)）")),
                        .p(.class("muted"), .text(section.advice)),
                        .if(!section.accounts.isEmpty, .ul(.forEach(section.accounts) { summary in
                            .li(.a(.href(SiteURL.account(id: summary.account.id).path), .text(summary.name)),
                                .text(" · \(summary.account.post.label) · \(summary.unitName) · \(summary.account.status.label)"))
                        }))
                    )
                },
            ])
    }

    /// 一人多岗冲突: pairs of one person's accounts that break `PersonPosts`, each with the rule it breaks. The
    /// county resolves them (deactivating or changing one account, by application); nothing is deleted for it.
    static func conflictSection(_ rows: [PersonAccounts.ConflictRow], scope: DivisionCode) -> Node<HTML.BodyContext> {
        .section(
            .h2(.text("一人多岗冲突（\(rows.count)）")),
            .p(.class("muted"), .text("同一人持有不能兼任的账号：请核实后按规定注销或变更其中一个账号（附件3第三条至第五条），系统不会自动删除")),
            .if(!rows.isEmpty, .ul(.forEach(rows) { row in
                .li(.text("\(row.name)（\(row.maskedIDNumber)）："), .text(row.pair.message),
                    .forEach([row.pair.first, row.pair.second].filter { scope.contains($0.account.unit.divisionCode) }) { held in
                        .group(.text(" "), .a(.href(SiteURL.account(id: held.account.id).path), .text("查看\(held.account.post.label)账号")))
                    })
            }))
        )
    }

    static func mine(_ summary: AccountSummary, context: PageContext) -> HTML {
        PageShell.render(
            title: "我的账号", context: context,
            content: [
                .div(.class("facts"), .dl(
                    .dt("姓名"), .dd(.text(summary.name)),
                    .dt("身份证号码"), .dd(.class("code"), .text(summary.maskedIDNumber)),
                    .dt("岗位"), .dd(.text(summary.account.post.label)),
                    .dt("单位"), .dd(.text(summary.unitName)),
                    .dt("状态"), .dd(.text(summary.account.status.label))
                )),
                .section(
                    .class("panel"), .h2("报告账号泄露"),
                    .unwrap(summary.leakReportedAt, { at in
                        .p(.class("notice notice-error"), .text("已于 \(AuditLogPage.formatter.string(from: at)) 报告泄露，等待系统管理员冻结处理。"))
                    }, else: .form(
                        .method(.post), .action(SiteURL.reportLeak.path), .csrf(context),
                        .p(.text("如账号信息泄露，请立即报告；县级系统管理员将冻结该账号（第六条）。")),
                        .button(.type(.submit), .class("button danger"), .text("报告账号泄露"))
                    ))
                ),
            ])
    }
}
