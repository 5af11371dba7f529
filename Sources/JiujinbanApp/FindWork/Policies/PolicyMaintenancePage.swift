import Foundation
import JiujinbanRules
import Plot

enum PolicyMaintenancePage {
    /// Asks why the document is withdrawn; the reason is shown on its page from then on.
    static func withdrawal(_ policy: PolicyHeading, reason: String, errors: FieldErrors, context: PageContext) -> HTML {
        let id = policy.id
        return PageShell.render(
            title: "废止政策法规", context: context, crumbs: PoliciesPage.crumbs("废止"),
            content: [
                FormFields.errorSummary(errors),
                .p(.class("lead"), .text("《\(policy.title)》"), .text(policy.sourceText)),
                .p(.class("hint"), .text("废止后，该文件不再出现在政策法规查询结果中；文件本身仍保留，其页面注明废止日期和原因。废止后不能撤销。")),
                .form(.class("form"), .method(.post), .action(SiteURL.withdrawPolicy(id: id).path), .csrf(context),
                      .div(.class(errors.message(for: "reason") == nil ? "field" : "field field-invalid"),
                           .label(.for("reason"), .text("废止原因"), .span(.class("required"), .text("*"))),
                           .textarea(.name("reason"), .id("reason"), .attribute(named: "rows", value: "4"),
                                     .attribute(named: "maxlength", value: String(PolicyWithdrawal.maximumReasonLength)),
                                     .attribute(named: "placeholder", value: "如：已被晋人社厅发〔2026〕5号文件替代"), .text(reason)),
                           .unwrap(errors.message(for: "reason")) { .p(.class("field-error"), .text($0)) }),
                      .div(.class("form-actions"),
                           .button(.type(.submit), .class("button primary"), .data(named: "confirm", value: "确认废止该政策法规？废止后不能撤销。"),
                                   .text("确认废止")),
                           .a(.class("button"), .href(SiteURL.policy(id: id).path), .text("返回")))),
            ])
    }
}
