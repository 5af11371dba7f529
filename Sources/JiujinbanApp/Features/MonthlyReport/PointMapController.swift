import Fluent
import Foundation
import JiujinbanRules
import Plot
import SQLKit
import Vapor

/// 服务点分布图: a county's service points on an SVG map drawn from their coordinates, coloured by acceptance and
/// status, each ringed by its farthest-residence distance; a township filter, the list beside it, and the coverage.
enum PointMapController {
    static func register(_ app: Application) {
        app.get(.pointMap(), .capability(.viewMonthlyReport), use: show)
    }

    struct Entry: Sendable {
        let point: ServicePointSummary
        let status: ServicePointMap.Status
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard case .subtree(let own) = staff.scope else { throw PublicError(.forbidden, "服务点分布图仅供人社部门查看") }
        func query(_ name: String) -> DivisionCode? {
            (try? req.query.get(String.self, at: name)).flatMap { try? DivisionCode(TextField.clean($0)) }
        }
        var county = own.depth == 2 ? own : nil
        if let asked = query("county") {
            guard asked.depth == 2 else { throw PublicError.notFound("该县的服务点分布图") }
            guard own.contains(asked) else { throw OutOfScope("该县的服务点分布图", objectType: "division", objectID: asked.value) }
            county = asked
        }
        guard let county else {
            let counties = try await DivisionQueries.descendants(of: own, level: .county, on: req.db)
            return HTMLResponse.make(PageShell.render(
                title: "服务点分布图", context: PageContext(req), crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "服务点分布图", url: nil)],
                content: [.p(.text("请选择县（市、区）：")),
                          .ul(.class("grants"), .forEach(counties) { c in .li(.a(.href(SiteURL.pointMap(query: [("county", c.code)]).path), .text(c.name))) })]))
        }
        var root = county
        if let township = query("township"), township.depth == 3, county.contains(township) { root = township }
        let points = try await ServicePointQueries.all(in: root, on: req.db).filter { $0.kind != .bankBranch }
        var passed: [UUID: Bool] = [:]
        for record in try await AcceptanceRecord.query(on: req.db).filter(\.$servicePointID ~~ points.map(\.id))
            .sort(\.$inspectedOn).sort(\.$createdAt).all() {
            passed[record.servicePointID] = record.passed
        }
        let entries = points.map { point in
            Entry(point: point, status: point.status != .active ? .disabled : (passed[point.id] == true ? .accepted : .pending))
        }
        let map = ServicePointMap(points: entries.compactMap { entry in
            entry.point.coordinate.map {
                ServicePointMap.Point(label: "\(entry.point.townshipName) \(entry.point.name)（\(entry.status.label)）", coordinate: $0,
                                      farthestResidenceMeters: entry.point.farthestResidenceMeters, status: entry.status,
                                      isTownship: entry.point.kind == .townshipCentre)
            }
        })
        let villages = try await (req.db as! any SQLDatabase).raw("""
            SELECT COUNT(*) AS n FROM divisions WHERE code LIKE \(bind: root.scopePrefix + "%") AND level IN ('village', 'community')
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let division = try await DivisionQueries.find(root.value, on: req.db)
        let active = entries.filter { $0.status != .disabled }
        let coverage = MapCoverage(points: active.count, residents: division?.population ?? 0, villagesAndCommunities: villages,
                                   withPoint: Set(active.filter { $0.point.kind == .village || $0.point.kind == .community }.map(\.point.divisionCode)).count)
        let townships = try await DivisionQueries.descendants(of: county, level: .township, on: req.db)
        let countyName = try await DivisionQueries.find(county.value, on: req.db)?.name ?? county.value
        return HTMLResponse.make(PointMapPage.render(
            map: map, entries: entries, coverage: coverage, county: county, countyName: countyName, township: root == county ? nil : root,
            townships: townships, figuresAreDemo: division?.figuresAreDemo ?? false, context: PageContext(req)))
    }
}

enum PointMapPage {
    static func render(map: ServicePointMap, entries: [PointMapController.Entry], coverage: MapCoverage, county: DivisionCode,
                       countyName: String, township: DivisionCode?, townships: [DivisionSummary], figuresAreDemo: Bool,
                       context: PageContext) -> HTML {
        PageShell.render(
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
                                         .td(.span(.class("dot"), .attribute(named: "style", value: "background:\(entry.status.colour)")),
                                             .text(" " + entry.status.label)),
                                         .td(.class("num"), .text(entry.point.farthestKmText + "公里")))
                                 })))),
                .p(.class("hint"), .text("地图由服务器根据服务点坐标绘制（不依赖在线地图），圆圈半径为最远居民区距服务点的距离；方块为乡镇服务点。"
                                         + (entries.contains { $0.point.coordinatesAreDemo } ? "演示数据的坐标为生成值。" : ""))),
            ])
    }
}
