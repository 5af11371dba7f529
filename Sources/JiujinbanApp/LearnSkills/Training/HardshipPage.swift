import Foundation
import JiujinbanRules
import Plot

/// 就业困难人员认定: the form that records one, and the county's recognitions with an end form beside each in force.
enum HardshipPage {
    /// The form as typed (the ID number is never shown back).
    struct Values: Sendable {
        var category = ""
        var recognisedOn = ""
    }

    struct Line: Sendable {
        let id: UUID
        let maskedName: String
        let maskedIDNumber: String
        let category: String
        let recognisedOn: String
        let endedOn: String?
        let endReason: String?
    }

    static func render(_ lines: [Line], form: Values, errors: FieldErrors, endErrors: [UUID: String], context: PageContext) -> HTML {
        PageShell.render(
            title: "就业困难人员认定", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "我要学技能", url: .serviceCategory(key: "skill")),
                     Crumb(label: "就业困难人员认定", url: nil)],
            content: [
                .p(.class("hint"), .text("按本县认定文件登记。认定有效期间，此人办理“培训意向登记”时即属“就业困难人员”重点群体；每人同时只能有一条有效认定。")),
                .h2("登记认定"),
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(SiteURL.hardshipRecognitions.path), .csrf(context),
                      FormFields.text("id_number", label: "身份证号码", value: "", errors: errors, hint: "须为已在本县登记的办事群众",
                                      maxLength: 20, inputMode: "text"),
                      FormFields.text("category", label: "认定类别", value: form.category, errors: errors,
                                      hint: "按本县认定文件的表述填写，不超过\(HardshipRecognitionDraft.categoryMaxLength)字",
                                      maxLength: HardshipRecognitionDraft.categoryMaxLength),
                      ClassPlanPages.date("recognised_on", label: "认定日期", value: form.recognisedOn, errors: errors),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("登记认定")))),
                .h2("本县认定记录"),
                .if(lines.isEmpty, .p(.class("empty"), .text("尚无就业困难人员认定记录"))),
                .if(!lines.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("姓名"), .th("身份证号码"), .th("认定类别"), .th("认定日期"), .th("状态"), .th("终止"))),
                    .tbody(.forEach(lines) { line in
                        .tr(.td(.text(line.maskedName)), .td(.class("code"), .text(line.maskedIDNumber)), .td(.text(line.category)),
                            .td(.class("nowrap"), .text(line.recognisedOn)),
                            .td(.text(line.endedOn.map { "已于\($0)终止：\(line.endReason ?? "")" } ?? "有效")),
                            .td(.if(line.endedOn == nil, endForm(line, error: endErrors[line.id], context: context))))
                    }))),
            ])
    }

    static func endForm(_ line: Line, error: String?, context: PageContext) -> Node<HTML.BodyContext> {
        .form(.class("inline-form"), .method(.post), .action(SiteURL.endHardshipRecognition(id: line.id).path), .csrf(context),
              .input(.type(.text), .name("end_reason"), .attribute(named: "maxlength", value: String(HardshipRecognitionDraft.endReasonMaxLength)),
                     .attribute(named: "aria-label", value: "终止\(line.maskedName)的认定的原因"),
                     .attribute(named: "placeholder", value: "终止原因，如已稳定就业"),
                     .attribute(named: "aria-invalid", value: error == nil ? nil : "true")),
              .button(.type(.submit), .class("button small"), .text("终止")),
              .unwrap(error) { .p(.class("field-error"), .text($0)) })
    }
}
