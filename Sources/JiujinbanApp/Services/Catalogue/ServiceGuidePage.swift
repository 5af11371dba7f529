import JiujinbanRules
import Plot
import Vapor

/// 服务指南: one service item as staff (and later the kiosk) explain it to a citizen: what it is, for whom, where it
/// can be done, what to bring, how long it takes and what the system checks.
enum ServiceGuidePage {
    static func respond(_ req: Request) throws -> Response {
        let catalogue = req.jiujinban.catalogue
        guard let seq = req.parameters.get("seq").flatMap({ Int($0) }),
              let item = catalogue.items.first(where: { $0.seq == seq }),
              let category = catalogue.categories.first(where: { $0.key == item.category }) else {
            throw PublicError.notFound("服务事项")
        }
        let context = PageContext(req)
        let html = PageShell.render(
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
                    .dt("系统核验"), .dd(.ul(.forEach(checks(item)) { .li(.text($0)) }))
                )),
                .forEach(ItemRegistry.module(of: item).links) { link in
                    .p(.a(.class(link.primary ? "button primary" : "button"), .href(link.url.path), .text(link.label)))
                },
            ])
        return HTMLResponse.make(html)
    }

    /// What the platform checks before a case of the item can be accepted: the shared checks, then the item's own.
    static func checks(_ item: ServiceCatalogue.Item) -> [String] {
        var checks = [
            "身份证号码按国家标准（GB 11643）校验位和出生日期核验；15位旧号码自动升为18位",
            "同一群众全省只有一条办事群众记录，可查看其全部办件",
            "受理人须持有本事项经办权限" + (item.workingDays > 0 ? "；审核人须为本县业务审核员且不得为受理人" : ""),
        ]
        if item.channels.contains(.kiosk) { checks.append("自助机办理时以电子社保卡或身份证核验本人身份") }
        return checks + ItemRegistry.module(of: item).conditions
    }
}
