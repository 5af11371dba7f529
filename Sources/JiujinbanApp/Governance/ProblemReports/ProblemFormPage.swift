import Foundation
import JiujinbanRules
import Plot

/// 问题反映: category with what each means, business area, description, suggestion, up to three screenshots. The
/// form says where the report will go before it is sent.
enum ProblemFormPage {
    /// - Parameter held: the images a refused attempt had chosen, by input (`screenshot2`, file name), which the retry
    ///   sends again unless another file is chosen (`HeldUploads`).
    static func render(values: [String: String], errors: FieldErrors, submission: UUID, held: [(String, String)] = [],
                       context: PageContext) -> HTML {
        let kept = Dictionary(held, uniquingKeysWith: { first, _ in first })
        return PageShell.render(
            title: "反映问题", context: context,
            crumbs: [Crumb(label: "问题反映", url: .problems()), Crumb(label: "反映问题", url: nil)],
            content: [
                .p(.class("lead"), .text("系统问题和功能性问题直接提交省工作专班；业务指导性问题提交县人社部门，由责任清单指定的业务骨干答复。")),
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(SiteURL.fileProblem.path),
                      .enctype(.multipartData), .csrf(context),
                      .input(.type(.hidden), .name("submission"), .value(submission.uuidString.lowercased())),
                      .fieldset(.id("category"), .class(errors.message(for: "category") == nil ? "field" : "field field-invalid"),
                                .legend("问题分类（必选）"),
                                .forEach(ProblemCategory.allCases) { category in
                                    .label(.class("choice-line"),
                                           .input(.type(.radio), .name("category"), .value(category.rawValue),
                                                  .attribute(named: "checked", value: values["category"] == category.rawValue ? "checked" : nil)),
                                           .text(" \(category.label)"), .span(.class("hint"), .text("：\(category.explanation)")))
                                },
                                .unwrap(errors.message(for: "category")) { .p(.class("field-error"), .text($0)) }),
                      FormFields.select("area", label: "业务领域", options: BusinessArea.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                        selected: values["area"], errors: errors),
                      textArea("description", label: "问题描述", value: values["description"], rows: 6, required: true,
                               maxLength: ProblemReportDraft.maximumDescriptionLength, errors: errors,
                               hint: "在哪个页面、做什么操作时出现、看到的提示是什么"),
                      textArea("suggestion", label: "解决的意见或建议", value: values["suggestion"], rows: 3, required: false,
                               maxLength: ProblemReportDraft.maximumSuggestionLength, errors: errors, hint: nil),
                      .div(.id("screenshots"), .class(errors.message(for: "screenshots") == nil ? "field" : "field field-invalid"),
                           .label(.text("截图（选填，最多\(Screenshot.maximumCount)张，PNG或JPEG，每张不超过\(Screenshot.maximumBytes / 1024 / 1024)MB）")),
                           .forEach(1...Screenshot.maximumCount) { n in
                               .div(.class("file-line"),
                                    .input(.type(.file), .name("screenshot\(n)"), .attribute(named: "accept", value: "image/png,image/jpeg"),
                                           .attribute(named: "aria-label", value: "截图\(n)")),
                                    .unwrap(kept["screenshot\(n)"]) { name in
                                        .span(.class("held-file"), .text("已保留“\(name)”，提交时一并上传；如需更换请重新选择，不要此文件请重新打开本页"))
                                    })
                           },
                           .div(.class("field-help"), .unwrap(errors.message(for: "screenshots")) { .p(.class("field-error"), .text($0)) })),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"),
                                                        .data(named: "confirm", value: "确认提交该问题反映？提交后将转交答复部门。"), .text("提交")),
                           .text(" "), .a(.class("button"), .href(SiteURL.problems().path), .text("取消")))),
            ])
    }

    static func textArea(_ name: String, label: String, value: String?, rows: Int, required: Bool, maxLength: Int,
                         errors: FieldErrors, hint: String?) -> Node<HTML.FormContext> {
        let message = errors.message(for: name)
        return .div(
            .class(message == nil ? "field" : "field field-invalid"),
            .label(.for(name), .text(label), .if(required, .span(.class("required"), .text("*")))),
            .textarea(.name(name), .id(name), .attribute(named: "rows", value: String(rows)),
                      .attribute(named: "maxlength", value: String(maxLength)),
                      .attribute(named: "aria-invalid", value: message == nil ? nil : "true"), .text(value ?? "")),
            .div(.class("field-help"),
                 .unwrap(message) { .p(.class("field-error"), .text($0)) },
                 .unwrap(hint) { .p(.class("hint"), .text($0)) }))
    }
}
