import JiujinbanRules
import Plot
import Vapor

/// `GET /services/:key`: the service items of one of the four groups (我要找工作 …), from attachment 1.
enum CatalogueController {
    static func register(_ app: Application) {
        app.get(.serviceCategory(key: ""), .signedIn) { req -> Response in
            let catalogue = req.jiujinban.catalogue
            guard let key = req.parameters.get("key"),
                  let category = catalogue.categories.first(where: { $0.key == key }) else {
                throw PublicError.notFound("业务类别")
            }
            // 受理 beside each item the post may accept at the counter, as on its 服务指南 (`CaseFile.mayAccept`).
            let staff = try req.requireStaff()
            let items = catalogue.items(in: key)
            let accepted = Set(items.filter {
                $0.channels.contains(.counter) && CaseFile.mayAccept(staff.account, item: $0.seq, grants: staff.grants).isAllowed
            }.map(\.seq))
            let page = CataloguePage.render(category: category, items: items, accepts: accepted, context: PageContext(req))
            return HTMLResponse.make(page)
        }
        app.get(.serviceGuide(seq: 0), .signedIn) { req in try ServiceGuidePage.respond(req) }
    }
}

enum CataloguePage {
    /// - Parameter accepts: the items the user may accept; each gets a 受理 that starts the person search for it.
    static func render(category: ServiceCatalogue.Category, items: [ServiceCatalogue.Item], accepts: Set<Int> = [],
                       context: PageContext) -> HTML {
        PageShell.render(
            title: "\(category.name)（\(category.count)项）",
            context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: category.name, url: nil)],
            content: [
                .p(.class("lead"), .text("以下为附件1《服务事项清单》中本类别的服务事项、服务渠道、服务对象、办理条件与办结时限。")),
                .table(
                    .class("data-table"),
                    .thead(.tr(.th("序号"), .th("服务事项名称"), .th("服务内容"), .th("服务渠道"),
                               .th("服务对象"), .th("办理条件"), .th("办结时限"), .if(!accepts.isEmpty, .th("")))),
                    .tbody(.forEach(items) { item in
                        .tr(
                            .td(.class("num"), .text(String(item.seq))),
                            .td(.strong(.a(.href(SiteURL.serviceGuide(seq: item.seq).path), .text(item.name)))),
                            .td(.text(item.content)),
                            .td(.text(item.channels.map(\.label).joined(separator: "、"))),
                            .td(.text(item.audience)),
                            .td(.text(item.requirement)),
                            .td(.text(item.timeLimitText)),
                            .if(!accepts.isEmpty, .td(.if(accepts.contains(item.seq) && context.mayOpen(.citizens(item: item.seq)),
                                                          .a(.class("button small primary"), .href(SiteURL.citizens(item: item.seq).path),
                                                             .attribute(named: "aria-label", value: "受理：\(item.name)"), .text("受理")))))
                        )
                    })
                ),
            ]
        )
    }
}
