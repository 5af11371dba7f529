import Foundation
import JiujinbanRules
import Plot

/// The accounts of the administrator's subtree, with masked ID numbers and phones.
enum AccountListPage {
    static func render(_ accounts: [AccountSummary], context: PageContext) -> HTML {
        PageShell.render(
            title: "账号管理", context: context, crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "账号管理", url: nil)],
            content: [
                .p(.class("result-count"), .text("共 \(accounts.count) 个账号"),
                   .if(context.may(.manageAccounts), .a(.class("button"), .href(SiteURL.newAccount.path), .text("新增账号")))),
                .table(
                    .class("data-table compact"),
                    .thead(.tr(.th("姓名"), .th("身份证号"), .th("手机"), .th("岗位"), .th("单位"), .th("状态"), .th("最近登录"))),
                    .tbody(.forEach(accounts) { summary in
                        .tr(
                            .td(.a(.href(SiteURL.account(id: summary.account.id).path), .text(summary.name))),
                            .td(.class("code"), .text(summary.maskedIDNumber)),
                            .td(.class("code"), .text(summary.maskedPhone)),
                            .td(.text(summary.account.post.label)),
                            .td(.text(summary.unitName)),
                            .td(.text(summary.account.status.label)),
                            .td(.class("nowrap"), .text(summary.lastLoginAt.map(AuditLogPage.formatter.string) ?? "从未登录"))
                        )
                    })
                ),
            ])
    }
}

/// Creating an account: real name, ID number and phone (article 7), post and unit.
enum AccountFormPage {
    /// - Parameters:
    ///   - person: the person the ID number typed belongs to, listed with their accounts (any unit, masked).
    ///   - lookedUp: the page answers "查询此人已有账号", so an unknown number is said to be one.
    static func render(
        form: AccountsController.NewAccountForm, errors: FieldErrors, units: GroupedChoices, person: PersonAccounts.Listing?,
        manageable: Set<UUID>, lookedUp: Bool, context: PageContext
    ) -> HTML {
        let posts = Post.allCases.map { FormFields.Option(value: $0.rawValue, label: $0.label) }
        return PageShell.render(
            title: "新增账号", context: context,
            crumbs: [Crumb(label: "账号管理", url: .accounts), Crumb(label: "新增账号", url: nil)],
            content: [
                FormFields.errorSummary(errors),
                .form(
                    .class("form"), .method(.post), .action(SiteURL.accounts.path), .csrf(context),
                    FormFields.text("name", label: "姓名", value: form.name, errors: errors, maxLength: 20),
                    FormFields.text("id_number", label: "身份证号码", value: form.id_number, errors: errors,
                                    hint: "18位；可刷身份证读卡器录入", maxLength: 20),
                    FormFields.text("phone", label: "手机号码", value: form.phone, errors: errors, maxLength: 20, inputMode: "tel"),
                    FormFields.select("post", label: "岗位", options: posts, selected: form.post, errors: errors),
                    FormFields.select("unit", label: "所属单位", choices: units, selected: form.unit, errors: errors,
                                      filter: "输入单位名称筛选"),
                    .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("创建账号")),
                         .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "lookup"),
                                 .class("button"), .text("查询此人已有账号")))
                ),
                .unwrap(person, { existing($0, manageable: manageable) },
                        else: .if(lookedUp, .p(.class("notice"), .text("此人尚无账号。")))),
            ])
    }
}

extension AccountFormPage {
    /// 此人已有的账号: post, unit and status of each of the person's accounts, in any unit, so that the administrator
    /// sees what the one-person-several-accounts rule (`PersonPosts`) compares with. Only accounts the
    /// administrator manages link to their page.
    /// - Parameter manageable: the listed accounts the administrator manages (`mayWrite`), decided by the caller.
    static func existing(_ person: PersonAccounts.Listing, manageable: Set<UUID>) -> Node<HTML.BodyContext> {
        .section(
            .class("panel"), .h2("此人已有的账号"),
            .p(.text("\(person.name)（身份证号码 \(person.maskedIDNumber)）")),
            .if(person.accounts.isEmpty, .p(.text("此人尚无账号。"))),
            .if(!person.accounts.isEmpty, .table(
                .class("data-table compact"),
                .thead(.tr(.th("岗位"), .th("单位"), .th("状态"))),
                .tbody(.forEach(person.accounts) { summary in
                    .tr(
                        .td(manageable.contains(summary.account.id)
                            ? .a(.href(SiteURL.account(id: summary.account.id).path), .text(summary.account.post.label))
                            : .text(summary.account.post.label)),
                        .td(.text(summary.unitName)),
                        .td(.text(summary.account.status.label))
                    )
                })
            )),
            .p(.class("hint"), .text("一人只能担任一个管理员岗位；管理员不兼任经办岗位；审计员不兼任其他岗位；在多个单位经办须通过《用户申请（变更）单》。"))
        )
    }
}

/// One account: its facts, status actions for system admins, item permissions for business admins.
enum AccountDetailPage {
    /// What a refused form had typed or ticked, drawn again instead of the stored values.
    struct Typed: Sendable {
        var change: String?
        var reason: String?
        var grants: Set<ItemPermission>?
        var areas: Set<BusinessArea>?
    }

    static func render(_ summary: AccountSummary, errors: FieldErrors, typed: Typed = Typed(), catalogue: ServiceCatalogue,
                       context: PageContext) -> HTML {
        let ceiling = PermissionPolicy.ceiling(post: summary.account.post, unit: summary.account.unit, catalogue: catalogue)
        let items = Dictionary(uniqueKeysWithValues: catalogue.items.map { ($0.seq, $0.name) })
        return PageShell.render(
            title: "\(summary.name)（\(summary.account.post.label)）", context: context,
            crumbs: [Crumb(label: "账号管理", url: .accounts), Crumb(label: summary.name, url: nil)],
            content: [
                FormFields.errorSummary(errors),
                .div(.class("facts"), .dl(
                    .dt("姓名"), .dd(.text(summary.name)),
                    .dt("身份证号码"), .dd(.class("code"), .text(summary.maskedIDNumber)),
                    .dt("手机号码"), .dd(.class("code"), .text(summary.maskedPhone)),
                    .dt("岗位"), .dd(.text(summary.account.post.label)),
                    .dt("单位"), .dd(.text(summary.unitName)),
                    .dt("状态"), .dd(.strong(.text(summary.account.status.label)),
                                   .unwrap(summary.statusReason) { .text("（\($0)）") }),
                    .dt("最近登录"), .dd(.text(summary.lastLoginAt.map(AuditLogPage.formatter.string) ?? "从未登录")),
                    .dt("角色关联"), .dd(.text(summary.account.roleAssociated ? "已关联（\(summary.account.post.label)）"
                                                                  : "待业务管理员关联角色，关联前不能办理任何业务")),
                    .if(summary.account.post == .expert, .group(
                        .dt("业务领域"), .dd(.text(summary.areas.isEmpty ? "未设置" : summary.areas.map(\.label).sorted().joined(separator: "、")))))
                )),
                .if(context.may(.manageAccounts), .section(
                    .class("panel"), .h2("冻结、解锁、注销"),
                    .form(.class("form"), .method(.post), .action(SiteURL.accountStatus(id: summary.account.id).path), .csrf(context),
                          FormFields.select("change", label: "操作",
                                            options: [AccountStatus.Change.freeze, .unlock, .deactivate].map {
                                                FormFields.Option(value: $0.rawValue, label: $0.label)
                                            }, selected: typed.change, errors: errors),
                          FormFields.text("reason", label: "原因", value: typed.reason, errors: errors, maxLength: 100),
                          .div(.class("form-actions"), .button(.type(.submit), .class("button danger"),
                                                               .data(named: "confirm", value: "确认对\(summary.name)的账号执行所选操作？注销后不能恢复。"),
                                                               .text("执行"))))
                )),
                .if(context.may(.assignRoles) && summary.account.status.isLive, roleForm(summary, ceiling: ceiling, items: items,
                                                                                        errors: errors, typed: typed, context: context)),
            ])
    }

    /// 角色关联和赋权限: the role, the item permissions within least privilege, an expert's business areas.
    static func roleForm(
        _ summary: AccountSummary, ceiling: Set<ItemPermission>, items: [Int: String], errors: FieldErrors, typed: Typed,
        context: PageContext
    ) -> Node<HTML.BodyContext> {
        // A refused form shows the ticks it sent, not the stored ones.
        let ticked = typed.grants ?? summary.grants
        let areas = typed.areas ?? summary.areas
        return .section(
            .class("panel"), .h2("角色关联和业务权限（最小必要权限）"),
            .unwrap(errors.message(for: "grants") ?? errors.message(for: "areas")) { .p(.class("field-error"), .text($0)) },
            .form(.method(.post), .action(SiteURL.accountGrants(id: summary.account.id).path), .csrf(context),
                  .p(.text("角色：\(summary.account.post.label)")),
                  // Unticked boxes send nothing: the form says which it shows (`CompleteForm`).
                  .input(.type(.hidden), .name(AccountsController.grantsShownMarker), .value(AccountsController.marker(ceiling))),
                  .if(summary.account.post == .expert, .input(.type(.hidden), .name(AccountsController.areasShownMarker),
                                                              .value(BusinessArea.allCases.map(\.rawValue).joined(separator: ",")))),
                  .if(ceiling.isEmpty, .p(.class("hint"), .text("该岗位没有业务经办、审核权限。"))),
                  .ul(.class("grants"), .forEach(ceiling.sorted()) { grant in
                      .li(.label(
                          .input(.type(.checkbox), .name("grants[]"), .value(grant.description),
                                 .attribute(named: "checked", value: ticked.contains(grant) ? "checked" : nil)),
                          .text(" \(grant.item). \(items[grant.item] ?? "") · \(grant.action.label)")))
                  }),
                  .if(summary.account.post == .expert, .fieldset(
                      .legend("业务领域（至少一项）"),
                      .ul(.class("grants"), .forEach(BusinessArea.allCases) { area in
                          .li(.label(.input(.type(.checkbox), .name("areas[]"), .value(area.rawValue),
                                            .attribute(named: "checked", value: areas.contains(area) ? "checked" : nil)),
                                     .text(" \(area.label)")))
                      }))),
                  .div(.class("form-actions"), .button(.type(.submit), .class("button primary"),
                                                       .text(summary.account.roleAssociated ? "保存" : "关联角色并保存"))))
        )
    }
}
