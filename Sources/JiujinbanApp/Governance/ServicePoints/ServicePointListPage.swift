import JiujinbanRules
import Plot

/// The service-point list with its filters (township, kind, status) and paging.
enum ServicePointListPage {
    struct Model: Sendable {
        let filter: ServicePointFilter
        let points: [ServicePointSummary]
        let total: Int
        let townships: [DivisionSummary]
    }


    static func query(_ filter: ServicePointFilter, page: Int) -> [(String, String)] {
        [("scope", filter.scope?.value ?? ""), ("township", filter.township?.value ?? ""),
         ("kind", filter.kind?.rawValue ?? ""), ("status", filter.status?.rawValue ?? ""),
         ("page", page > 1 ? String(page) : "")]
    }

    static func render(_ model: Model, context: PageContext) -> HTML {
        let pages = max(1, (model.total + ServicePointFilter.pageSize - 1) / ServicePointFilter.pageSize)
        let page = min(model.filter.page, pages)
        return PageShell.render(
            title: "服务点", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "服务点", url: nil)],
            content: [
                filters(model),
                .p(.class("result-count"), .text("共 \(model.total) 个服务点，第 \(page)/\(pages) 页"),
                   .if(context.may(.manageServicePoints),
                       .a(.class("button"), .href(SiteURL.newServicePoint.path), .text("新增服务点")))),
                table(model.points),
                pager(model.filter, page: page, pages: pages),
            ])
    }

    static func filters(_ model: Model) -> Node<HTML.BodyContext> {
        .form(
            .class("filters"), .method(.get), .action(SiteURL.servicePoints().path),
            .unwrap(model.filter.scope) { .input(.type(.hidden), .name("scope"), .value($0.value)) },
            .label(.for("township"), .text("乡镇（街道）")),
            .select(.attribute(named: "name", value: "township"), .id("township"),
                    .choice("", "全部"),
                    .forEach(model.townships) { township in
                        .choice(township.code, township.name, selected: township.code == model.filter.township?.value)
                    }),
            .label(.for("kind"), .text("类型")),
            .select(.attribute(named: "name", value: "kind"), .id("kind"),
                    .choice("", "全部"),
                    .forEach(ServicePointKind.allCases) { kind in
                        .choice(kind.rawValue, kind.label, selected: kind == model.filter.kind)
                    }),
            .label(.for("status"), .text("状态")),
            .select(.attribute(named: "name", value: "status"), .id("status"),
                    .choice("", "全部"),
                    .forEach(ServicePointStatus.allCases) { status in
                        .choice(status.rawValue, status.label, selected: status == model.filter.status)
                    }),
            .button(.type(.submit), .class("button"), .text("筛选"))
        )
    }

    static func table(_ points: [ServicePointSummary]) -> Node<HTML.BodyContext> {
        .table(
            .class("data-table compact"),
            .thead(.tr(.th("服务点编号"), .th("乡镇（街道）"), .th("行政村（社区）"), .th("类型"), .th("服务点所属机构名称"),
                       .th("服务点地址"), .th("经度"), .th("纬度"), .th(.class("num"), "最远居民区距离"), .th("状态"))),
            .tbody(.forEach(points) { point in
                .tr(
                    .class(point.status == .disabled ? "row-disabled" : ""),
                    .td(.class("code"), .a(.href(SiteURL.servicePoint(id: point.id).path), .text(point.code))),
                    .td(.text(point.townshipName)),
                    .td(.text(point.villageName)),
                    .td(.text(point.kind.label)),
                    .td(.a(.href(SiteURL.servicePoint(id: point.id).path), .text(point.institution))),
                    .td(.text(point.address)),
                    .td(.class("nowrap"), .text(point.coordinate?.longitudeText ?? "")),
                    .td(.class("nowrap"), .text(point.coordinate?.latitudeText ?? "")),
                    .td(.class("num"), .text(point.farthestKmText + "公里")),
                    .td(.text(point.status.label))
                )
            })
        )
    }

    static func pager(_ filter: ServicePointFilter, page: Int, pages: Int) -> Node<HTML.BodyContext> {
        .if(pages > 1, .nav(
            .class("pager"), .attribute(named: "aria-label", value: "分页"),
            .if(page > 1, .a(.href(SiteURL.servicePoints(query: query(filter, page: page - 1)).path), .text("上一页"))),
            .span(.text("第 \(page) 页 / 共 \(pages) 页")),
            .if(page < pages, .a(.href(SiteURL.servicePoints(query: query(filter, page: page + 1)).path), .text("下一页")))
        ))
    }
}
