import JiujinbanRules
import Plot

/// 服务指南: one service item as staff (and later the kiosk) explain it to a citizen: what it is, for whom, where it
/// can be done, what to bring, how long it takes and what the system checks.
enum ServiceGuidePage {
    /// The guide of `item` in `category`; `links` are the buttons its module adds (`ItemModule.links`), `checks` what
    /// the platform checks before accepting it (`ServiceGuidePage.checks`).
    /// `accept` is where 受理 starts, for a user who may accept the item at the counter: the person search with the
    /// item chosen (`SiteURL.citizens(item:)`); nil shows no button.
    static func render(
        item: ServiceCatalogue.Item, category: ServiceCatalogue.Category, checks: [String], links: [ItemLink],
        accept: SiteURL? = nil, context: PageContext
    ) -> HTML {
        PageShell.render(
            title: "服务指南：\(item.name)", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: category.name, url: .serviceCategory(key: category.key)),
                     Crumb(label: item.name, url: nil)],
            content: [
                .div(.class("facts"), .dl(
                    .dt("事项序号"), .dd(.text("第\(item.seq)项（附件1《服务事项清单》）")),
                    .dt("所属类别"), .dd(.text(category.name)),
                    .dt("服务内容"), .dd(.text(item.content)),
                    .dt("服务对象"), .dd(.text(item.audience)),
                    .dt("服务渠道"), .dd(.text(item.channels.map(\.label).joined(separator: "、"))),
                    .dt("办理条件和材料"), .dd(.text(item.requirement)),
                    .dt("办结时限"), .dd(.text(item.workingDays == 0
                        ? "即时办结：受理后当场办结"
                        : "\(item.workingDays)个工作日：受理当日不计，自次个工作日起算，节假日顺延；经县级业务审核员审核后办结")),
                    .dt("系统核验"), .dd(.ul(.forEach(checks) { .li(.text($0)) }))
                )),
                .unwrap(accept) { url in
                    .p(.a(.class("button primary"), .href(url.path), .text("受理（先查询办事群众）")))
                },
                .forEach(links.filter { context.mayOpen($0.url) }) { link in
                    .p(.a(.class(link.primary ? "button primary" : "button"), .href(link.url.path), .text(link.label)))
                },
                // The clerk hands the citizen the guide on paper: what to bring, and how long it takes.
                PrintButton.node("打印服务指南"),
            ])
    }
}
