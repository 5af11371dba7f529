import Foundation
import JiujinbanRules
import Plot

/// 填写用户申请（变更）单: contact, then one row per requested item. Rows are plain form fields (no script): a
/// link adds rows; the permissions of a change sit in a folding list.
enum ApplicationFormPage {
    /// Provincial and city departments receive applications; they file none. Say so rather than refuse.
    static func renderCannotFile(context: PageContext) -> HTML {
        PageShell.render(
            title: "填写用户申请（变更）单", context: context,
            crumbs: [Crumb(label: "用户申请（变更）单", url: .accountApplications()), Crumb(label: "填写申请单", url: nil)],
            content: [.p(.class("lead"), .text(Refusal.cannotFile.message))])
    }

    static func render(
        form: ApplicationFiling.Form, rows: Int, errors: FieldErrors, flow: AccountApplication.Flow, unitName: String,
        choices: Choices, context: PageContext
    ) -> HTML {
        let shown = max(rows, form.filledRows.count)
        return PageShell.render(
            title: "填写用户申请（变更）单", context: context,
            crumbs: [Crumb(label: "用户申请（变更）单", url: .accountApplications()), Crumb(label: "填写申请单", url: nil)],
            content: [
                .p(.class("lead"), .text("\(flow.label)：\(unitName)。"
                    + (flow == .operatorAccounts ? "提交后由县级人社部门审核，审核同意后由县级系统管理员、业务管理员办理。"
                                                 : "提交后由市级人社部门汇总报送省级，省级审核同意后由省级系统管理员、业务管理员办理。"))),
                FormFields.errorSummary(errors),
                .form(
                    .class("form"), .method(.post), .action(SiteURL.createAccountApplication.path), .csrf(context),
                    FormFields.text("contact_name", label: "联系人", value: form.contact_name, errors: errors, maxLength: 20),
                    FormFields.text("contact_phone", label: "联系方式", value: form.contact_phone, errors: errors,
                                    hint: "手机号码", maxLength: 20, inputMode: "tel"),
                    .forEach(0..<shown) { index in
                        row(index, form.items?[String(index)] ?? ApplicationFiling.Row(), choices: choices, errors: errors)
                    },
                    .div(.class("form-actions"),
                         .button(.type(.submit), .class("button primary"), .text("提交申请")),
                         .if(shown < ApplicationFiling.maximumRows,
                             .button(.type(.submit), .attribute(named: "name", value: "more"), .attribute(named: "value", value: "1"), .class("button"), .text("增加一项申请事项"))))
                ),
            ])
    }

    /// What the rows offer.
    struct Choices: Sendable {
        let kinds: [FormFields.Option]
        let posts: [FormFields.Option]
        let accounts: [FormFields.Option]
        let grants: [(ItemPermission, String)]
    }

    static func row(_ index: Int, _ row: ApplicationFiling.Row, choices: Choices, errors: FieldErrors) -> Node<HTML.FormContext> {
        let field = { (name: String) in "items[\(index)][\(name)]" }
        let posts = choices.posts
        let newAccount: Node<HTML.FormContext> = .div(
            .class("item-fields"),
            .p(.class("hint"), .text("新增账号：填写使用人姓名、身份证号码、联系电话和岗位")),
            FormFields.text(field("name"), label: "姓名", value: row.name, errors: errors, maxLength: 20, required: false),
            FormFields.text(field("id_number"), label: "身份证号码", value: row.id_number, errors: errors, maxLength: 20,
                            required: false),
            FormFields.text(field("phone"), label: "联系电话", value: row.phone, errors: errors, maxLength: 20, inputMode: "tel",
                            required: false),
            FormFields.select(field("post"), label: "岗位", options: posts,
                              selected: row.post ?? (posts.count == 1 ? posts[0].value : nil), errors: errors))
        let existing: Node<HTML.FormContext> = .div(
            .class("item-fields"),
            .p(.class("hint"), .text("冻结、解锁、注销、变更权限：选择本单位的账号")),
            FormFields.select(field("account"), label: "账号", options: choices.accounts, selected: row.account, errors: errors))
        let ticked = Set(row.grants ?? [])
        let grants: Node<HTML.FormContext> = .if(!choices.grants.isEmpty, .details(
            .summary(.text("变更账号权限：勾选变更后应有的权限")),
            .ul(.class("grants"), .forEach(choices.grants) { grant, name in
                .li(.label(
                    .input(.type(.checkbox), .name(field("grants") + "[]"), .value(grant.description),
                           .attribute(named: "checked", value: ticked.contains(grant.description) ? "checked" : nil)),
                    .text(" \(grant.item). \(name) · \(grant.action.label)")))
            })))
        return .fieldset(
            .class("item-row"),
            .legend("申请事项 \(index + 1)"),
            FormFields.select(field("kind"), label: "事项", options: choices.kinds, selected: row.kind, errors: errors,
                              placeholder: "（不填）"),
            newAccount, existing, grants)
    }
}
