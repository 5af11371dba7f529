import Foundation
import JiujinbanRules
import Plot

/// 问题处理情况: per county, reports, open, overdue, escalated and the average working days to the first reply
/// and to solution; the frequent question types; the training sessions, and the task force's form to add one.
enum ProblemOversightPage {
    static func render(
        figures: ProblemHandlingFigures, frequentTypes: [(type: String, count: Int)], sessions: [TrainingSessionLine],
        counties: [DivisionSummary], values: TrainingSessionDraft, errors: FieldErrors,
        today: CalendarDate, context: PageContext
    ) -> HTML {
        PageShell.render(
            title: "问题处理情况", context: context,
            crumbs: [Crumb(label: "问题台账", url: .problems()), Crumb(label: "问题处理情况", url: nil)],
            content: [
                .p(.class("lead"), .text("按反映人所在县统计；平均用时按工作日计算（自反映之日起）。截至\(today)。")),
                .table(.class("data-table"),
                       .thead(.tr(.th("县（市、区）"), .th(.class("num"), "反映数"), .th(.class("num"), "未解决"), .th(.class("num"), "超期"),
                                  .th(.class("num"), "逐级上报"), .th(.class("num"), "平均首次答复用时"), .th(.class("num"), "平均解决用时"))),
                       .tbody(.forEach(figures.groups) { row($0) }),
                       .tfoot(row(figures.total))),
                .if(figures.total.isProvisional, .p(.class("hint"), .text("部分日期所在年度的节假日安排尚未载入，平均用时为暂定值。"))),
                .h2("高频问题类型"),
                .if(frequentTypes.isEmpty, .p(.class("empty"), .text("暂无问题反映"))),
                .ol(.forEach(frequentTypes) { .li(.text("\($0.type)：\($0.count)条")) }),
                TrainingSessions.list(sessions, title: "已安排的业务指导视频培训"),
                .if(context.may(.scheduleTraining), form(counties: counties, values: values, errors: errors, context: context)),
            ])
    }

    static func row(_ group: ProblemHandlingFigures.Group) -> Node<HTML.TableContext> {
        func days(_ value: Double?) -> String { value.map { String(format: "%.1f个工作日", $0) } ?? "—" }
        return .tr(.th(.text(group.key)), .td(.class("num"), .text(String(group.reports))), .td(.class("num"), .text(String(group.open))),
                   .td(.class("num"), .text(String(group.overdue))), .td(.class("num"), .text(String(group.escalated))),
                   .td(.class("num"), .text(days(group.averageDaysToFirstReply))), .td(.class("num"), .text(days(group.averageDaysToSolution))))
    }

    static func form(counties: [DivisionSummary], values: TrainingSessionDraft, errors: FieldErrors, context: PageContext) -> Node<HTML.BodyContext> {
        .section(.class("panel"),
                 .h2("安排业务指导视频培训"),
                 FormFields.errorSummary(errors),
                 .form(.class("form"), .method(.post), .action(SiteURL.scheduleTraining.path), .csrf(context),
                       .div(.class("field-row"),
                            FormFields.text("date", label: "培训日期", value: values.date, errors: errors, hint: "如2026-12-08", maxLength: 10),
                            FormFields.text("time", label: "开始时间", value: values.time, errors: errors, hint: "24小时制，如09:30", maxLength: 5)),
                       FormFields.text("topic", label: "培训主题", value: values.topic, errors: errors, maxLength: 100),
                       checkboxes("areas", legend: "针对的问题类型（业务领域）", options: BusinessArea.allCases.map { ($0.rawValue, $0.label) },
                                  checked: Set(values.areas), errors: errors),
                       checkboxes("counties", legend: "参加培训的县（市、区）", options: counties.map { ($0.code, $0.name) },
                                  checked: Set(values.counties), errors: errors),
                       FormFields.text("venue", label: "视频会议链接或会议室", value: values.venue, errors: errors, maxLength: 200),
                       .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("安排培训并通知各县")))))
    }

    static func checkboxes(_ name: String, legend: String, options: [(String, String)], checked: Set<String>,
                           errors: FieldErrors) -> Node<HTML.FormContext> {
        .fieldset(.id(name), .class(errors.message(for: name) == nil ? "field choices-grid" : "field choices-grid field-invalid"),
                  .legend(legend),
                  .forEach(options) { option in
                      .label(.class("choice-line"),
                             .input(.type(.checkbox), .name(name + "[]"), .value(option.0),
                                    .attribute(named: "checked", value: checked.contains(option.0) ? "checked" : nil)),
                             .text(" " + option.1))
                  },
                  .unwrap(errors.message(for: name)) { .p(.class("field-error"), .text($0)) })
    }
}
