import Foundation
import JiujinbanRules
import Plot

/// 政策参数: every figure the user may read, by group, each with its current value and the values before and after
/// it, 待核实 marked. A pure render of `PolicyFigureView`s.
enum PolicyFiguresPage {
    static func render(_ figures: [PolicyFigureView], context: PageContext) -> HTML {
        let pending = figures.reduce(0) { $0 + $1.pendingCount }
        return PageShell.render(
            title: "政策参数", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "政策参数", url: nil)],
            content: [
                .p(.class("lead"), .text("社保待遇、补贴等计算使用的政策参数，按生效日期取值；现行值不改写，调整时录入新值及生效日期，原值至其前一日止。"
                    + "标“待核实”的参数可以计算，但相关办件须待业务管理员依文件确认后方可审核通过；待核实的数值有误时可依文件更正并确认，原值保留并标为“已更正”。")),
                .if(pending > 0, .div(.class("notice notice-warn"),
                                      .p(.text("共有\(pending)项取值待核实，请各级业务管理员对照正式文件逐项确认。")))),
                .forEach(PolicyFigureDefinition.Group.allCases) { section($0, figures: figures, context: context) },
            ])
    }

    static func section(_ group: PolicyFigureDefinition.Group, figures: [PolicyFigureView], context: PageContext) -> Node<HTML.BodyContext> {
        .section(.class("panel"), .h2(.text(group.label)),
            .table(.class("data-table compact"),
                .thead(.tr(.th("参数"), .th("范围"), .th("现行值"), .th("历次取值（新→旧）"), .th(""))),
                .tbody(.forEach(figures.filter { $0.key.definition.group == group }) { row($0, context: context) })))
    }

    static func row(_ figure: PolicyFigureView, context: PageContext) -> Node<HTML.TableContext> {
        .tr(
            .td(.text(figure.key.definition.name), .br(), .span(.class("hint"), .text("单位：\(figure.key.definition.unit)"))),
            .td(.text(figure.owner)),
            .td(.unwrap(figure.current, { current in
                .group(.strong(.text(current.value?.display ?? "未知")), .text(" "), statusTag(current))
            }, else: .span(.class("tag tag-warn"), .text("无现行值")))),
            .td(.ul(.class("choices"), .forEach(figure.rows) { row in
                .li(
                    struck(row, .text(period(row) + "：" + (row.value?.display ?? "（数值未找到）") + " ")), statusTag(row),
                    .br(), .span(.class("hint"), .text("依据：" + row.source)))
            })),
            .td(.if(context.mayOpen(figure.url), .a(.href(figure.url.path), .text(figure.mayChange ? "调整或确认" : "查看"))))
        )
    }

    static func statusTag(_ row: PolicyFigureRow) -> Node<HTML.BodyContext> {
        if row.isSuperseded { return .span(.class("tag tag-superseded"), .text("已更正")) }
        return row.status == .confirmed && row.value != nil ? .span(.class("tag"), .text("已确认"))
                                                            : .span(.class("tag tag-warn"), .text("待核实"))
    }

    /// A row 已更正 is shown struck through (`<del>`): kept for the computations that used it, never read again.
    static func struck(_ row: PolicyFigureRow, _ content: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        row.isSuperseded ? .del(content) : content
    }

    /// `2023-01-01起至2024-12-31` or `2025-01-01起`.
    static func period(_ row: PolicyFigureRow) -> String {
        row.validFrom.iso + "起" + (row.validTo.map { "至\($0.iso)" } ?? "")
    }
}
