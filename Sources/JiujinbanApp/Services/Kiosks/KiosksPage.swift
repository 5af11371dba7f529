import Foundation
import JiujinbanRules
import Plot

enum KiosksPage {
    static func render(_ rows: [KiosksController.Row], points: [ServicePointSummary], values: KioskDraft, errors: FieldErrors,
                       today: CalendarDate, context: PageContext) -> HTML {
        PageShell.render(
            title: "自助设备登记", context: context,
            crumbs: [Crumb(label: "服务点", url: .servicePoints()), Crumb(label: "自助设备登记", url: nil)],
            content: [
                .p(.class("lead"), .text("行政村、社区服务点有在用的自助设备，月度调度表第21列“自助设备安装到位”即为1；乡镇服务点不要求配置。")),
                .table(.class("data-table compact"),
                       .thead(.tr(.th("序列号"), .th("服务点"), .th("乡镇"), .th("安装日期"), .th("状态"), .th(""))),
                       .tbody(.forEach(rows) { row in
                           .tr(.td(.class("code"), .text(row.serial)), .td(.text(row.point.name)), .td(.text(row.point.townshipName)),
                               .td(.text(row.installedOn)), .td(.text(row.status.label)),
                               .td(.if(row.status == .active,
                                       .form(.method(.post), .action(SiteURL.retireKiosk(id: row.id).path), .class("inline"), .csrf(context),
                                             .button(.type(.submit), .class("button small"), .text("撤除"))))))
                       })),
                .if(rows.isEmpty, .p(.class("empty"), .text("尚未登记自助设备"))),
                .section(.class("panel"), .h2("登记自助设备"),
                         FormFields.errorSummary(errors),
                         .form(.class("form"), .method(.post), .action(SiteURL.kiosks.path), .csrf(context),
                               FormFields.select("point", label: "服务点", choices: byTownship(points), selected: values.point,
                                                 errors: errors, filter: "输入服务点名称筛选"),
                               FormFields.text("serial", label: "设备序列号", value: values.serial, errors: errors, hint: "设备铭牌上的序列号", maxLength: 40),
                               FormFields.text("installed_on", label: "安装日期", value: values.installedOn ?? today.description, errors: errors,
                                               maxLength: 10),
                               .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("登记"))))),
            ])
    }

    /// The county's points by township, in the order given (the query's), as the counter's place chooser groups them.
    static func byTownship(_ points: [ServicePointSummary]) -> GroupedChoices {
        GroupedChoices.grouping(points, group: { ($0.townshipName, $0.townshipName) },
                                choice: { GroupedChoices.Choice(value: $0.id.uuidString, label: $0.name) })
    }
}
