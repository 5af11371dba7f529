import Foundation
import JiujinbanRules
import Plot

/// The county's gig-skill list, with the business admin's add, rename, retire and restore forms.
enum GigSkillPages {
    /// What a refused form had typed, shown again.
    struct Typed {
        var name = ""
        var renaming: String?
        var rename = ""
    }

    static func renameField(_ code: String) -> String { "rename_\(code)" }

    static func page(_ skills: [GigSkills.Entry], manages: Bool, errors: FieldErrors, typed: Typed, context: PageContext) -> HTML {
        PageShell.render(
            title: "本县零工技能", context: context,
            crumbs: GigPages.crumbs([Crumb(label: "零工岗位查询", url: .gigs()), Crumb(label: "零工技能", url: nil)]),
            content: [
                .p(.class("hint"), .text("前6项为全省通用技能，其余由本县业务管理员增加。已停用的技能不再出现在新的零工求职登记、招聘零工登记和查询的选项中，已登记的信息仍显示其名称。")),
                .if(manages, .p(.class("hint"), .text("全省通用技能不能改名，本县不用时可以停用；本县增加的技能可以改名、停用。停用后可以恢复使用。"))),
                .if(manages, FormFields.errorSummary(errors)),
                .table(
                    .class("data-table"),
                    .thead(.tr(.th("技能名称"), .th("来源"), .th("状态"), .if(manages, .th("维护")))),
                    .tbody(.forEach(skills) { skill in
                        .tr(.td(.text(skill.name)), .td(.text(skill.isDefault ? "全省通用" : "本县增加")),
                            .td(.text(skill.retired ? "已停用" : "使用中")),
                            .if(manages, .td(actions(skill, errors: errors, typed: typed, context: context))))
                    })),
                .if(manages, .form(.class("form"), .method(.post), .action(SiteURL.gigSkills.path), .csrf(context),
                                   FormFields.text("name", label: "增加技能", value: typed.name, errors: errors, hint: "如：果树修剪", maxLength: 20),
                                   .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("增加"))))),
            ])
    }

    static func actions(_ skill: GigSkills.Entry, errors: FieldErrors, typed: Typed, context: PageContext) -> Node<HTML.BodyContext> {
        let field = renameField(skill.code)
        let message = errors.message(for: field)
        return .group(
            .if(!skill.isDefault, .form(
                .class("inline"), .method(.post), .action(SiteURL.gigSkillRename(code: skill.code).path), .csrf(context),
                .label(.for(field), .text("新名称 ")),
                .input(.type(.text), .name("name"), .id(field), .value(typed.renaming == skill.code ? typed.rename : skill.name),
                       .attribute(named: "maxlength", value: "20"), .attribute(named: "aria-invalid", value: message == nil ? nil : "true")),
                .button(.type(.submit), .class("button small"), .text("改名")),
                .unwrap(message) { .p(.class("field-error"), .text($0)) })),
            .if(skill.isDefault, .unwrap(message) { .p(.class("field-error"), .text($0)) }),
            skill.retired
                ? .form(.class("inline"), .method(.post), .action(SiteURL.gigSkillRestore(code: skill.code).path), .csrf(context),
                        .button(.type(.submit), .class("button small"), .text("恢复使用")))
                : .form(.class("inline"), .method(.post), .action(SiteURL.gigSkillRetire(code: skill.code).path), .csrf(context),
                        .button(.type(.submit), .class("button small"), .text("停用"))))
    }
}
