import Foundation
import JiujinbanRules
import Plot

/// 首页: a work page per post (`HomeView`). An operator finds the person first, then sees the point's open cases by
/// urgency and the returned ones to correct; a reviewer sees the county's review queue; administrators, experts, the
/// city and the province see what waits for them, each count linked to its list. The coverage table of the
/// counties of a department's division comes last. Pure: renders the value.
enum HomePage {
    static func render(_ view: HomeView, catalogue: ServiceCatalogue, context: PageContext) -> HTML {
        PageShell.render(
            title: "首页", context: context,
            content: [
                .if(view.searchesPeople, personSearch(context)),
                // Rare (the core system rejected what a case did): shown only when there is one, before the other lists.
                .if(!view.coreReturnedCases.isEmpty, coreReturnSection(total: view.coreReturnedTotal, lines: view.coreReturnedCases)),
                .if(view.searchesPeople, caseSection(
                    "在办的办件", total: view.openTotal, lines: view.openCases, showsPoint: false,
                    empty: "本服务点没有在办的办件。",
                    hint: "已受理、等待县级审核的办件，以及须由本服务点在期限内办结的跟踪反馈（状态“待服务点办结”）。")),
                .if(view.searchesPeople, caseSection(
                    "退回补正的办件", total: view.returnedTotal, lines: view.returnedCases, showsPoint: false,
                    empty: "没有退回补正的办件。", hint: "县级审核员退回、需向群众一次性告知并补齐材料后重新提交的办件。")),
                .unwrap(view.reviewQueue) { queue in
                    caseSection("待审核", total: view.reviewTotal, lines: queue, showsPoint: true,
                                empty: "没有等待您审核的办件。", hint: "本县各服务点受理、您持有审核权限的办件，按剩余工作日排列，已超期的在前。")
                },
                .if(!view.waiting.isEmpty, waitingSection(view.waiting)),
                .h2("服务事项"),
                .section(
                    .class("groups"),
                    .forEach(catalogue.categories) { category in
                        .a(.class("group-card"), .href(SiteURL.serviceCategory(key: category.key).path),
                           .strong(.text(category.name)), .span(.text("\(category.count)项服务事项")))
                    }
                ),
                .if(!view.coverage.isEmpty, coverageSection(view.coverage, context: context)),
            ])
    }

    /// The counter's first step: the person, by ID number (a card reader types it).
    static func personSearch(_ context: PageContext) -> Node<HTML.BodyContext> {
        .section(
            .class("panel home-search"), .attribute(named: "aria-labelledby", value: "home-search-title"),
            .h2(.id("home-search-title"), "办事群众"),
            .form(.class("form inline-search"), .method(.post), .action(SiteURL.citizenLookup.path), .csrf(context),
                  FormFields.text("id_number", label: "身份证号码", value: nil, errors: FieldErrors(),
                                  hint: "输入或刷身份证读取；未登记的群众随后登记", maxLength: 40),
                  .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("查询"))))
        )
    }

    static func caseSection(
        _ title: String, total: Int, lines: [HomeView.CaseLine], showsPoint: Bool, empty: String, hint: String? = nil
    ) -> Node<HTML.BodyContext> {
        .section(
            .class("home-cases"),
            .h2(.text("\(title)（\(total)）")),
            .unwrap(hint) { .p(.class("hint"), .text($0)) },
            .if(lines.isEmpty, .p(.class("empty"), .text(empty))),
            .if(!lines.isEmpty, .table(
                .class("data-table compact"),
                .thead(.tr(.th("办件编号"), .th("办事群众"), .if(showsPoint, .th("服务点")), .th("服务事项"), .th("受理日期"),
                           .th("办结期限"), .th("剩余时间"))),
                .tbody(.forEach(lines) { line in
                    .tr(.if(line.urgency.isOverdue, .class("row-overdue")),
                        .td(.class("code"), .a(.href(SiteURL.caseFile(id: line.id).path), .text(line.number))),
                        .td(.text(line.maskedCitizenName)),
                        .if(showsPoint, .td(.text(line.pointName))),
                        .td(.text(line.itemName)), .td(.text(line.acceptedOn)), .td(.text(line.deadline ?? "即时办结")),
                        .td(line.urgency.isOverdue ? .strong(.class("late"), .text(line.urgency.label)) : .text(line.urgency.label)))
                }))),
            .if(total > lines.count, .p(.a(.href(SiteURL.cases().path), .text("全部\(total)件，在办件工作台查看"))))
        )
    }

    /// 核心系统退回的办件: each with the core system's reason and a link to the case, where the point submits it again
    /// or closes it.
    static func coreReturnSection(total: Int, lines: [HomeView.CaseLine]) -> Node<HTML.BodyContext> {
        .section(
            .class("home-cases home-core-returned"),
            .h2(.text("核心系统退回的办件（\(total)）")),
            .p(.class("hint"), .text("省级社保核心系统未通过、台账变更已撤销的办件：请打开办件，按退回原因核对后重新提交，或终止办理后重新受理。")),
            .table(
                .class("data-table compact"),
                .thead(.tr(.th("办件编号"), .th("办事群众"), .th("服务事项"), .th("受理日期"), .th("退回原因"))),
                .tbody(.forEach(lines) { line in
                    .tr(.td(.class("code"), .a(.href(SiteURL.caseFile(id: line.id).path), .text(line.number))),
                        .td(.text(line.maskedCitizenName)), .td(.text(line.itemName)), .td(.text(line.acceptedOn)),
                        .td(.text(line.reason ?? "")))
                })),
            .if(total > lines.count, .p(.a(.href(SiteURL.cases().path), .text("全部\(total)件，在办件工作台查看"))))
        )
    }

    static func waitingSection(_ waiting: [HomeView.Waiting]) -> Node<HTML.BodyContext> {
        .section(
            .class("home-waiting"),
            .h2("待办事项"),
            .table(
                .class("data-table compact"),
                .thead(.tr(.th("事项"), .th(.class("num"), "数量"), .th("说明"))),
                .tbody(.forEach(waiting) { item in
                    .tr(.td(.a(.href(item.url.path), .text(item.label))),
                        .td(.class("num"), item.count > 0 ? .strong(.text(String(item.count))) : .text("0")),
                        .td(.text(item.note ?? "")))
                }))
        )
    }

    static func coverageSection(_ rows: [HomeView.Coverage], context: PageContext) -> Node<HTML.BodyContext> {
        .section(
            .h2("服务点覆盖情况"),
            .table(
                .class("data-table"),
                .thead(.tr(.th("县（市、区）"), .th(.class("num"), "合计"), .th(.class("num"), "乡镇"),
                           .th(.class("num"), "行政村"), .th(.class("num"), "社区"), .th(.class("num"), "银行网点"),
                           .th(.class("num"), "已停用"))),
                .tbody(.forEach(rows) { row in
                    .tr(
                        // Linked only for a user who may open the county's page (an operator's scope is its point).
                        .td(.link(to: .division(code: row.county.code), row.county.name, context: context)),
                        .td(.class("num"), .strong(.text(String(row.counts.total)))),
                        .td(.class("num"), .text(String(row.counts.township))),
                        .td(.class("num"), .text(String(row.counts.village))),
                        .td(.class("num"), .text(String(row.counts.community))),
                        .td(.class("num"), .text(String(row.counts.bankBranch))),
                        .td(.class("num"), .text(String(row.counts.disabled)))
                    )
                })
            )
        )
    }
}
