import Foundation
import JiujinbanRules
import Plot

enum ResponsibilityListPage {
    static func render(experts: [ResponsibilityListController.Expert], selected: [BusinessArea: String], error: String?,
                       context: PageContext) -> HTML {
        let gaps = BusinessArea.allCases.filter { (selected[$0] ?? "").isEmpty }
        return PageShell.render(
            title: "责任清单", context: context,
            crumbs: [Crumb(label: "问题台账", url: .problems()), Crumb(label: "责任清单", url: nil)],
            content: [
                .p(.class("lead"), .text("业务指导性问题按业务领域转给此处指定的业务骨干答复；未指定的领域由县级业务管理员暂为答复，并在台账中标注“责任清单缺项”。")),
                .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                .if(!gaps.isEmpty, .div(.class("notice notice-warn"),
                                        .p(.text("以下领域尚未指定业务骨干：\(gaps.map(\.label).joined(separator: "、"))")))),
                .if(experts.isEmpty, .p(.class("notice notice-warn"), .text("本县还没有在岗的业务骨干账号，请先通过账号申请开设。"))),
                .form(.class("form"), .method(.post), .action(SiteURL.responsibilityList.path), .csrf(context),
                      .table(.class("data-table"),
                             .thead(.tr(.th("业务领域"), .th("负责答复的业务骨干"))),
                             .tbody(.forEach(BusinessArea.allCases) { area in
                                 .tr(.th(.label(.for("area_" + area.rawValue), .text(area.label))),
                                     .td(.select(.attribute(named: "name", value: "area_" + area.rawValue), .id("area_" + area.rawValue),
                                                 .choice("", "未指定（由业务管理员暂为答复）"),
                                                 .forEach(experts) { expert in
                                                     .choice(expert.id.uuidString, expert.name + label(of: expert.areas),
                                                             selected: selected[area]?.lowercased() == expert.id.uuidString.lowercased())
                                                 })))
                             })),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("保存责任清单")))),
            ])
    }

    static func overview(_ rows: [(county: String, cells: [String])], context: PageContext) -> HTML {
        PageShell.render(
            title: "各县责任清单", context: context,
            crumbs: [Crumb(label: "问题台账", url: .problems()), Crumb(label: "各县责任清单", url: nil)],
            content: [
                .p(.class("lead"), .text("责任清单由各县人社部门业务管理员维护；空白为未指定业务骨干的领域（该领域的问题由县级业务管理员暂为答复）。")),
                .table(.class("data-table"),
                       .thead(.tr(.th("县（市、区）"), .forEach(BusinessArea.allCases) { .th(.text($0.label)) }, .th(.class("num"), "缺项"))),
                       .tbody(.forEach(rows) { row in
                           .tr(.th(.text(row.county)), .forEach(row.cells) { cell in
                                   .td(.class(cell.isEmpty ? "cell-gap" : ""), .text(cell.isEmpty ? "未指定" : cell))
                               },
                               .td(.class("num"), .text(String(row.cells.filter(\.isEmpty).count))))
                       })),
            ])
    }

    static func label(of areas: Set<BusinessArea>) -> String {
        let names = BusinessArea.allCases.filter(areas.contains).map(\.label)
        return names.isEmpty ? "" : "（账号领域：\(names.joined(separator: "、"))）"
    }
}
