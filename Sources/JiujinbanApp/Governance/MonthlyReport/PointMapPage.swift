import Foundation
import JiujinbanRules
import Plot

enum PointMapPage {
    /// A city or the province first chooses one of its counties.
    static func chooseCounty(_ counties: [DivisionSummary], context: PageContext) -> HTML {
        PageShell.render(
            title: "服务点分布图", context: context, crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "服务点分布图", url: nil)],
            content: [.p(.text("请选择县（市、区）：")),
                      .ul(.class("grants"), .forEach(counties) { c in .li(.a(.href(SiteURL.pointMap(query: [("county", c.code)]).path), .text(c.name))) })])
    }

    static func render(_ view: PointMapView, context: PageContext) -> HTML {
        let (map, entries, coverage, county, countyName) = (view.map, view.entries, view.coverage, view.county, view.countyName)
        let (township, townships, figuresAreDemo) = (view.township, view.townships, view.figuresAreDemo)
        return PageShell.render(
            title: "服务点分布图（\(countyName)）", context: context,
            crumbs: [Crumb(label: "月度调度表", url: .monthlyReport()), Crumb(label: "服务点分布图", url: nil)],
            content: [
                .form(.class("filters"), .method(.get), .action(SiteURL.pointMap().path),
                      .input(.type(.hidden), .name("county"), .value(county.value)),
                      .label(.text("乡镇 "), .select(.attribute(named: "name", value: "township"), .choice("", "全县"),
                                                    .forEach(townships) { .choice($0.code, $0.name, selected: $0.code == township?.value) })),
                      .button(.type(.submit), .class("button small"), .text("查看"))),
                .p(.class("coverage"),
                   .text("服务点\(coverage.points)个；每万人服务点数：\(coverage.pointsPerTenThousand ?? "—")；"
                         + "行政村（社区）覆盖率：\(coverage.shareWithPoint ?? "—")（\(coverage.withPoint)/\(coverage.villagesAndCommunities)）"),
                   .if(figuresAreDemo, .span(.class("tag tag-demo"), .text("人口为演示值")))),
                .div(.class("map-layout"),
                     .div(.class("map-canvas"), .raw(map.svg(title: "\(countyName)服务点分布图"))),
                     .div(.class("map-list"),
                          .table(.class("data-table compact"),
                                 .thead(.tr(.th("服务点"), .th("状态"), .th(.class("num"), "最远距离"))),
                                 .tbody(.forEach(entries) { entry in
                                     .tr(.td(.a(.href(SiteURL.servicePoint(id: entry.point.id).path), .text(entry.point.name))),
                                         .td(.span(.class("dot " + dotClass(entry.status))),
                                             .text(" " + entry.status.label)),
                                         .td(.class("num"), .text(entry.point.farthestKmText + "公里")))
                                 })))),
                .p(.class("hint"), .text("地图由服务器根据服务点坐标绘制（不依赖在线地图），圆圈半径为最远居民区距服务点的距离；方块为乡镇服务点。"
                                         + (entries.contains { $0.point.coordinatesAreDemo } ? "演示数据的坐标为生成值。" : ""))),
            ])
    }

    /// The side list's dot in the map's colour for the state (`ServicePointMap.Status.colour`, mirrored in app.css):
    /// a class, since the Content-Security-Policy forbids inline styles.
    static func dotClass(_ status: ServicePointMap.Status) -> String {
        switch status {
        case .accepted: "dot-accepted"
        case .pending: "dot-pending"
        case .disabled: "dot-disabled"
        }
    }
}
