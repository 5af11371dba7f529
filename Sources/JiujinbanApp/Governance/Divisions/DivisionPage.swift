import JiujinbanRules
import Plot

/// One division of the tree: its facts, its service-point counts, and its children with theirs.
enum DivisionPage {
    struct Row: Sendable {
        let division: DivisionSummary
        let counts: ServicePointCounts
    }

    struct Model: Sendable {
        let division: DivisionSummary?
        let ancestry: [DivisionSummary]
        let totals: ServicePointCounts
        let children: [Row]
        /// For a county: each township's villages and communities, for the expandable tree.
        let grandchildren: [String: [DivisionSummary]]
    }

    static func crumbs(_ ancestry: [DivisionSummary]) -> [Crumb] {
        [Crumb(label: "行政区划", url: .divisions)] + ancestry.map { Crumb(label: $0.shortName, url: .division(code: $0.code)) }
    }

    static func render(_ model: Model, context: PageContext) -> HTML {
        let title = model.division?.name ?? "行政区划"
        return PageShell.render(
            title: title, context: context, crumbs: crumbs(model.ancestry),
            content: [
                .unwrap(model.division) { facts($0, totals: model.totals) },
                .if(!model.children.isEmpty, childrenTable(model, context: context)),
                .if(!model.grandchildren.isEmpty, tree(model, context: context)),
                .unwrap(model.division) { division in
                    .if(context.may(.manageDivisions) && division.level != .village && division.level != .community, .p(
                        .class("actions"),
                        .a(.class("button"), .href(SiteURL.newDivision(parent: division.code).path), .text("新增下级区划"))
                    ))
                },
            ])
    }

    static func facts(_ division: DivisionSummary, totals: ServicePointCounts) -> Node<HTML.BodyContext> {
        .div(
            .class("facts"),
            .dl(
                .dt("区划代码"), .dd(.text(division.code)),
                .dt("层级"), .dd(.text(division.level.label)),
                .dt("地域面积（平方公里）"), .dd(.text(division.areaText ?? "未填报"), demoMark(division)),
                .dt("常住人口（万人）"), .dd(.text(division.populationWanText ?? "未填报"), demoMark(division)),
                .dt("服务点合计"), .dd(.strong(.text(String(totals.total))),
                                   .text("（乡镇 \(totals.township) · 行政村 \(totals.village) · 社区 \(totals.community)）")),
                .dt("合作银行网点"), .dd(.text(String(totals.bankBranch))),
                .dt("已停用服务点"), .dd(.text(String(totals.disabled)))
            ),
            .p(.a(.href(SiteURL.servicePoints(query: [("scope", division.code)]).path), .text("查看该区划内的服务点 →")))
        )
    }

    static func demoMark(_ division: DivisionSummary) -> Node<HTML.BodyContext> {
        .if(division.figuresAreDemo, .span(.class("tag tag-demo"), .text("演示值")))
    }

    static func childrenTable(_ model: Model, context: PageContext) -> Node<HTML.BodyContext> {
        let sum = model.children.reduce(into: ServicePointCounts()) { total, row in
            total.township += row.counts.township
            total.village += row.counts.village
            total.community += row.counts.community
            total.bankBranch += row.counts.bankBranch
        }
        return .table(
            .class("data-table"),
            .caption(.text("下级区划及服务点数量")),
            .thead(.tr(.th("区划代码"), .th("名称"), .th("层级"), .th(.class("num"), "面积（km²）"),
                       .th(.class("num"), "常住人口（万人）"), .th(.class("num"), "合计"), .th(.class("num"), "乡镇"),
                       .th(.class("num"), "行政村"), .th(.class("num"), "社区"), .th(.class("num"), "银行网点"))),
            .tbody(.forEach(model.children) { row in
                .tr(
                    .td(.class("code"), .text(row.division.code)),
                    .td(.link(to: .division(code: row.division.code), row.division.name, context: context)),
                    .td(.text(row.division.level.label)),
                    .td(.class("num"), .text(row.division.areaText ?? "")),
                    .td(.class("num"), .text(row.division.populationWanText ?? "")),
                    .td(.class("num"), .strong(.text(String(row.counts.total)))),
                    .td(.class("num"), .text(String(row.counts.township))),
                    .td(.class("num"), .text(String(row.counts.village))),
                    .td(.class("num"), .text(String(row.counts.community))),
                    .td(.class("num"), .text(String(row.counts.bankBranch)))
                )
            }),
            .tfoot(.tr(
                .th(.attribute(named: "colspan", value: "5"), .text((model.division?.shortName ?? "") + "小计")),
                .td(.class("num"), .strong(.text(String(sum.total)))),
                .td(.class("num"), .text(String(sum.township))),
                .td(.class("num"), .text(String(sum.village))),
                .td(.class("num"), .text(String(sum.community))),
                .td(.class("num"), .text(String(sum.bankBranch)))
            ))
        )
    }

    static func tree(_ model: Model, context: PageContext) -> Node<HTML.BodyContext> {
        .section(
            .class("tree"),
            .h2("区划树"),
            .forEach(model.children) { row in
                let villages = model.grandchildren[row.division.code] ?? []
                return .element(named: "details", nodes: [
                    .element(named: "summary", nodes: [
                        .text("\(row.division.name)（\(row.counts.total)个服务点：乡镇 \(row.counts.township)、行政村 \(row.counts.village)、社区 \(row.counts.community)）"),
                    ]),
                    .ul(.class("tree-children"), .forEach(villages) { village in
                        .li(.link(to: .division(code: village.code), village.shortName, context: context),
                            .span(.class("muted"), .text(" \(village.level.label) \(village.code)")))
                    }),
                ])
            }
        )
    }
}
