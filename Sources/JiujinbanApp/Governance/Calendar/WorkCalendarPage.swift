import Foundation
import JiujinbanRules
import Plot

enum WorkCalendarPage {
    static func render(
        _ years: [WorkCalendarStore.LoadedYear], calculation: (CalendarDate?, Int?, Deadline?), json: String?,
        errors: FieldErrors, fromFile: String? = nil, context: PageContext
    ) -> HTML {
        let (from, days, deadline) = calculation
        return PageShell.render(
            title: "工作日历", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "工作日历", url: nil)],
            content: [
                .p(.class("lead"), .text("办结时限按工作日计算：受理当日不计，自次个工作日起算；法定节假日不计，调休上班日计入。未载入节假日安排的年份，期限标为“暂定”。")),
                .table(
                    .class("data-table compact"),
                    .thead(.tr(.th("年份"), .th("节假日（天）"), .th("调休上班（天）"), .th("来源"), .th("通知"))),
                    .tbody(.forEach(years) { loaded in
                        .tr(.td(.text(String(loaded.year.year))), .td(.text(String(loaded.year.holidays.count))),
                            .td(.text(String(loaded.year.makeupWorkdays.count))),
                            .td(.text(loaded.isBuiltIn ? "内置（已逐日核对）"
                                                       : "管理员载入 " + (loaded.loadedAt.map(AuditLogPage.formatter.string) ?? ""))),
                            .td(.text(loaded.year.notice)))
                    })),
                .section(.class("panel"), .h2("办结期限计算"),
                         .form(.method(.get), .action(SiteURL.workCalendar().path), .class("filters"),
                               .label(.for("from"), .text("受理日期 ")),
                               .input(.type(.date), .name("from"), .id("from"), .value(from?.iso ?? "")),
                               .label(.for("days"), .text(" 时限（工作日） ")),
                               .input(.type(.number), .name("days"), .id("days"), .value(days.map(String.init) ?? "")),
                               .button(.type(.submit), .class("button small"), .text("计算"))),
                         .unwrap(deadline) { deadline in
                             .p(.strong(.text("办结期限：\(deadline.date.iso)")),
                                .if(deadline.isProvisional, .text("（暂定：计算涉及尚未载入节假日安排的年份，载入后可能变化）")))
                         }),
                .if(context.may(.manageWorkCalendar), .section(
                    .class("panel"), .h2("载入新一年的节假日安排"),
                    FormFields.errorSummary(errors),
                    .p(.class("hint"), .text("国务院办公厅每年10–11月发布次年节假日安排。按以下格式粘贴：{\"year\": 2027, \"notice\": \"通知名称及网址\", \"holidays\": {\"2027-01-01\": \"元旦\", …}, \"makeupWorkdays\": [\"2027-…\"]}。所有日期须在该年内，且不能既是节假日又是调休上班日。")),
                    .form(.class("form"), .method(.post), .action(SiteURL.loadWorkCalendarYear.path),
                          .attribute(named: "enctype", value: "multipart/form-data"), .csrf(context),
                          .div(.class(errors.isEmpty ? "field" : "field field-invalid"),
                               .label(.for("json"), .text("节假日安排（JSON）")),
                               .unwrap(errors.message(for: "json")) { .p(.class("field-error"), .text($0)) },
                               .textarea(.name("json"), .id("json"), .attribute(named: "rows", value: "10"), .text(json ?? "")),
                               // A refused file is not lost: its text is in the box, which the retry sends.
                               .unwrap(fromFile) { .p(.class("hint held-file"), .text("已将所选文件“\($0)”的内容填入上方文本框，修改后直接提交即可，无需重新选择文件。")) }),
                          .div(.class("field"),
                               .label(.for("file"), .text("或选择JSON文件（选择文件时以文件内容为准）")),
                               .input(.type(.file), .name("file"), .id("file"), .attribute(named: "accept", value: ".json,application/json"))),
                          .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("校验并载入")))))),
            ])
    }
}
