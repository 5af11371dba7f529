import Foundation
import JiujinbanRules
import Plot

enum PoliciesPage {
    static func crumbs(_ last: String?) -> [Crumb] {
        [Crumb(label: "首页", url: .home), Crumb(label: "我要找工作", url: .serviceCategory(key: "job"))]
            + (last.map { [Crumb(label: "就业政策法规", url: .policies()), Crumb(label: $0, url: nil)] } ?? [Crumb(label: "就业政策法规", url: nil)])
    }

    static func index(_ hits: [PolicyRecord.Hit], query: String, terms: [String], manages: Bool, context: PageContext) -> HTML {
        PageShell.render(
            title: "就业政策法规查询", context: context, crumbs: crumbs(nil),
            content: [
                CounterSearch.panel(context),
                .form(.class("filters"), .method(.get), .action(SiteURL.policies().path), CounterSearch.keep(context),
                      .label(.text("关键词 "), .input(.type(.search), .name("q"), .value(query),
                                                    .attribute(named: "placeholder", value: "如：补贴 创业"), .attribute(named: "maxlength", value: "100"))),
                      .button(.type(.submit), .class("button small"), .text("查询")),
                      .if(manages, .a(.class("button small"), .href(SiteURL.newPolicy.path), .text("录入政策法规")))),
                .p(.class("hint"), .text(terms.isEmpty ? "共\(hits.count)件，按发布日期排列。多个关键词以空格分开，须同时出现。"
                                         : "“\(terms.joined(separator: " "))”：\(hits.count)件，标题中出现的排在前面。")),
                .if(hits.isEmpty, .p(.class("empty"), .text(terms.isEmpty ? "尚未录入政策法规" : "没有找到包含这些关键词的政策法规"))),
                .ul(.class("policy-list"), .forEach(hits) { hit in
                    .li(.a(.href(SiteURL.policy(id: hit.id).path), .text(hit.title)),
                        .p(.class("hint"), .text([hit.issuer, hit.documentNumber, hit.issuedOn].compactMap { $0 }.joined(separator: " · "))),
                        .p(.text(hit.excerpt)))
                }),
            ])
    }

    static func show(_ policy: PolicyView, context: PageContext) -> HTML {
        PageShell.render(
            title: policy.title, context: context, crumbs: crumbs(policy.title),
            content: [
                .unwrap(policy.withdrawal) { withdrawal in
                    .div(.class("notice notice-warn"), .attribute(named: "role", value: "status"),
                         .p(.strong(.text("本文件已于\(withdrawal.on)废止，不再作为现行政策法规提供查询。"))),
                         .p(.text("废止原因：\(withdrawal.reason)")))
                },
                .p(.class("lead"), .text(policy.leadText)),
                .div(.class("policy-body"), .forEach(policy.paragraphs) { .p(.text($0)) }),
                .if(policy.mayChange, .div(.class("actions"),
                    .a(.class("button"), .href(SiteURL.editPolicy(id: policy.id).path), .text("修改")),
                    .a(.class("button"), .href(SiteURL.withdrawPolicy(id: policy.id).path), .text("废止")))),
            ])
    }

    /// The form for a new document (`editing` nil) or for changing one.
    static func form(_ values: PolicyDraft, editing: UUID?, errors: FieldErrors, today: CalendarDate, context: PageContext) -> HTML {
        let action = editing.map { SiteURL.policy(id: $0).path } ?? SiteURL.policies().path
        return PageShell.render(
            title: editing == nil ? "录入政策法规" : "修改政策法规", context: context, crumbs: crumbs(editing == nil ? "录入" : "修改"),
            content: [
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(action), .csrf(context),
                      FormFields.text("title", label: "标题", value: values.title, errors: errors, maxLength: 100),
                      FormFields.text("issuer", label: "发文机关", value: values.issuer, errors: errors, maxLength: 50),
                      FormFields.text("document_number", label: "文号", value: values.documentNumber, errors: errors, hint: "如：晋人社厅发〔2024〕1号",
                                      maxLength: 50, required: false),
                      FormFields.text("issued_on", label: "发布日期", value: values.issuedOn ?? today.description, errors: errors, maxLength: 10),
                      .div(.class(errors.message(for: "body") == nil ? "field" : "field field-invalid"),
                           .label(.for("body"), .text("正文"), .span(.class("required"), .text("*"))),
                           .textarea(.name("body"), .id("body"), .attribute(named: "rows", value: "16"),
                                     .attribute(named: "maxlength", value: String(PolicyDraft.maximumBodyLength)), .text(values.body ?? "")),
                           .unwrap(errors.message(for: "body")) { .p(.class("field-error"), .text($0)) }),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("保存")))),
            ])
    }
}
