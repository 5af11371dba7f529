import Foundation
import JiujinbanRules
import Plot

/// One application: its content (personal data masked), its history, and the one or two actions the user may take
/// now — offered only when the rules would allow them.
enum ApplicationDetailPage {
    static func render(
        _ loaded: LoadedApplication, viewer: StaffAccount, conflicts: [String], catalogue: ServiceCatalogue, error: String?,
        comment: String = "", context: PageContext
    ) -> HTML {
        let application = loaded.application
        let names = Dictionary(uniqueKeysWithValues: catalogue.items.map { ($0.seq, $0.name) })
        func allowed(_ action: AccountApplication.Action) -> Bool {
            AccountApplication.may(viewer, perform: action, on: application).isAllowed
        }
        return PageShell.render(
            title: "用户申请（变更）单 \(loaded.number)", context: context,
            crumbs: [Crumb(label: "用户申请（变更）单", url: .accountApplications()), Crumb(label: loaded.number, url: nil)],
            content: [
                .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                .div(.class("facts"), .dl(
                    .dt("申请单编号"), .dd(.class("code"), .text(loaded.number)),
                    .dt("类别"), .dd(.text(application.flow.label)),
                    .dt("申请单位"), .dd(.text(loaded.applicantName)),
                    .dt("联系人"), .dd(.text(application.request.contactName)),
                    .dt("联系方式"), .dd(.class("code"), .text(loaded.maskedContactPhone)),
                    .dt("状态"), .dd(.strong(.text(application.state.label))),
                    .dt("提交时间"), .dd(.text(AuditLogPage.formatter.string(from: loaded.filedAt))),
                    .unwrap(application.decisionComment) { comment in .group(.dt("审核意见"), .dd(.text(comment))) }
                )),
                .p(.a(.class("button"), .href(SiteURL.accountApplicationPrint(id: loaded.id).path), .text("打印申请单（A4）"))),
                .h2("申请事项"),
                itemsTable(loaded, names: names),
                .if(!conflicts.isEmpty, .div(
                    .class("notice notice-error"), .h2("一人多岗：以下新增账号将不能办理"),
                    .ul(.forEach(conflicts) { .li(.text($0)) }),
                    .p(.text("请核实；如属实请不同意本申请，或先注销其原有账号。")))),
                .h2("办理记录"),
                .ol(.class("timeline"), .forEach(loaded.steps) { step in
                    .li(.span(.class("nowrap"), .text(AuditLogPage.formatter.string(from: step.at))),
                        .text(" \(step.actorUnitName) \(step.actorPost) \(step.actorName)："), .strong(.text(step.action)),
                        .unwrap(step.comment) { .text("（意见：\($0)）") })
                }),
                .if(allowed(.forward), actionForm(.forwardAccountApplication(id: loaded.id), context: context, title: "汇总报送省级",
                                                  button: "汇总报送")),
                .if(allowed(.approve(comment: "")), decisionForm(loaded, comment: comment, context: context)),
                .if(allowed(.carryOut(.accounts)), actionForm(
                    .carryOutAccountApplication(id: loaded.id), context: context, title: "办理账号事项",
                    button: "按申请办理账号事项", hidden: ("part", "accounts"),
                    note: "将按上表创建新账号，冻结、解锁、注销所列账号；新账号须再由业务管理员关联角色、分配权限后方可使用。")),
                .if(allowed(.carryOut(.permissions)), permissionsForm(loaded, context: context, catalogue: catalogue, names: names)),
                .if(allowed(.withdraw), actionForm(.withdrawAccountApplication(id: loaded.id), context: context, title: "撤回申请",
                                                   button: "撤回")),
            ])
    }

    static func itemsTable(_ loaded: LoadedApplication, names: [Int: String]) -> Node<HTML.BodyContext> {
        .table(
            .class("data-table compact"),
            .thead(.tr(.th("序号"), .th("事项"), .th("姓名"), .th("身份证号码"), .th("联系电话"), .th("单位和岗位"), .th("权限"))),
            .tbody(.forEach(loaded.items) { item in
                .tr(
                    .td(.text("\(item.index + 1)")),
                    .td(.text(item.kind.label)),
                    .td(.unwrap(item.accountID, { .a(.href(SiteURL.account(id: $0).path), .text(item.personName)) },
                                else: .text(item.personName))),
                    .td(.class("code"), .text(item.maskedIDNumber)),
                    .td(.class("code"), .text(item.maskedPhone)),
                    .td(.text("\(item.unitName) \(item.post?.label ?? "")")),
                    .td(.text(item.grants.map { "\($0.item).\(names[$0.item] ?? "")" }.joined(separator: "；")))
                )
            })
        )
    }

    static func actionForm(
        _ url: SiteURL, context: PageContext, title: String, button: String, hidden: (String, String)? = nil, note: String? = nil
    ) -> Node<HTML.BodyContext> {
        .section(.class("panel"), .h2(.text(title)),
                 .unwrap(note) { .p(.class("hint"), .text($0)) },
                 .form(.method(.post), .action(url.path), .csrf(context),
                       .unwrap(hidden) { .input(.type(.hidden), .name($0.0), .value($0.1)) },
                       .button(.type(.submit), .class("button primary"), .text(button))))
    }

    /// 同意 and 不同意 each ask for a confirmation first (site.js `data-confirm`): the decision cannot be taken back.
    static func decisionForm(_ loaded: LoadedApplication, comment: String, context: PageContext) -> Node<HTML.BodyContext> {
        .section(.class("panel"), .h2(.text(loaded.application.flow == .operatorAccounts ? "县级人社部门意见" : "省级审核意见")),
                 .form(.class("form"), .method(.post), .action(SiteURL.decideAccountApplication(id: loaded.id).path), .csrf(context),
                       .div(.class("field"),
                            .label(.for("comment"), .text("意见（不同意时必填，最多\(AccountApplication.maximumCommentLength)字）")),
                            .textarea(.name("comment"), .id("comment"),
                                      .attribute(named: "maxlength", value: String(AccountApplication.maximumCommentLength)),
                                      .text(comment))),
                       .div(.class("form-actions"),
                            .button(.type(.submit), .attribute(named: "name", value: "decision"), .attribute(named: "value", value: "approve"),
                                    .data(named: "confirm", value: "确认同意申请单 \(loaded.number)？"),
                                    .class("button primary"), .text("同意")),
                            .button(.type(.submit), .attribute(named: "name", value: "decision"), .attribute(named: "value", value: "reject"),
                                    .data(named: "confirm", value: "确认不同意申请单 \(loaded.number)？申请人将收到通知和您的意见。"),
                                    .class("button danger"), .text("不同意")))))
    }

    /// The business admin's part, pre-filled: each new account's role with no item permission yet ticked (least
    /// privilege: tick what the person will handle), each permission change with what was asked.
    static func permissionsForm(
        _ loaded: LoadedApplication, context: PageContext, catalogue: ServiceCatalogue, names: [Int: String]
    ) -> Node<HTML.BodyContext> {
        let rows = loaded.items.filter { $0.kind == .newAccount || $0.kind == .changePermissions }
        return .section(
            .class("panel"), .h2("办理角色和权限事项"),
            .p(.class("hint"), .text("提交即为下列账号关联其岗位角色，并按勾选设置业务权限（只能在其单位可办事项范围内）。")),
            .form(.method(.post), .action(SiteURL.carryOutAccountApplication(id: loaded.id).path), .csrf(context),
                  .input(.type(.hidden), .name("part"), .value("permissions")),
                  .forEach(rows) { item in
                      let ceiling = item.post == .operator
                          ? PermissionPolicy.ceiling(post: .operator, unit: loaded.application.applicant, catalogue: catalogue).sorted()
                          : []
                      return .fieldset(
                          .legend("第\(item.index + 1)项 \(item.kind.label)：\(item.personName)（\(item.post?.label ?? "")）"),
                          .if(ceiling.isEmpty, .p(.class("hint"), .text("该岗位没有业务经办、审核权限，只关联角色。"))),
                          .ul(.class("grants"), .forEach(ceiling) { grant in
                              .li(.label(
                                  .input(.type(.checkbox), .name("grants_\(item.index)[]"), .value(grant.description),
                                         .attribute(named: "checked", value: item.grants.contains(grant) ? "checked" : nil)),
                                  .text(" \(grant.item). \(names[grant.item] ?? "") · \(grant.action.label)")))
                          }))
                  },
                  .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("按申请办理角色和权限事项")))))
    }
}
