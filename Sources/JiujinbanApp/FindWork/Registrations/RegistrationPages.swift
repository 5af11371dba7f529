import Foundation
import JiujinbanRules
import Plot

/// The 《就业创业证》 page: the card, the registrations it records newest first with their endings, and the forms
/// the user may use (end an active registration, register, record the query as item 13's case).
enum RegistrationPages {
    static func card(_ view: EmploymentCardView, errors: FieldErrors, context: PageContext) -> HTML {
        let (citizenID, name, card, history) = (view.citizenID, view.maskedName, view.card, view.history)
        return PageShell.render(
            title: "《就业创业证》查询", context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: name, url: .citizen(id: citizenID)),
                     Crumb(label: "就业创业证", url: nil)],
            content: [
                FormFields.errorSummary(errors),
                .unwrap(card, { card in
                    .div(.class("facts"), .dl(
                        .dt("持证人"), .dd(.text(name)),
                        .dt("证号"), .dd(.class("code"), .text(card.number)),
                        .dt("发证日期"), .dd(.text(card.issuedOn)),
                        .dt("就业失业状态"), .dd(.strong(.text(card.status)), .text("（\(card.statusSince)起）"))
                    ))
                }, else: .p(.class("empty"), .text("该群众尚未领取《就业创业证》：灵活就业登记或失业登记经县级审核通过后发证。"))),
                .if(card != nil && view.mayRecordQuery, .form(
                    .class("form"), .method(.post), .action(SiteURL.acceptCase.path), .csrf(context),
                    .input(.type(.hidden), .name("citizen"), .value(citizenID.uuidString.lowercased())),
                    .input(.type(.hidden), .name("item"), .value(String(EmploymentCardQueryItem.seq))),
                    .input(.type(.hidden), .name("submission"), .value(UUID().uuidString.lowercased())),
                    .div(.class("field"), .label(.input(.type(.checkbox), .name("documents_checked"), .value("yes")),
                                                 .text(" 已核验材料：需携带本人身份证或社保卡"))),
                    .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("办结本次查询（出具受理回执）"))))),
                .p(.class("actions"),
                   .if(view.mayRegisterFlexible && view.activeKind != .flexible,
                       .a(.class("button"), .href(SiteURL.newCase(citizen: citizenID, item: FlexibleEmploymentItem.seq).path), .text("办理灵活就业登记"))),
                   .if(view.mayRegisterUnemployed && !view.hasActive,
                       .a(.class("button"), .href(SiteURL.newCase(citizen: citizenID, item: UnemploymentRegistrationItem.seq).path), .text("办理失业登记")))),
                .h2("登记记录"),
                .if(history.isEmpty, .p(.class("empty"), .text("暂无审核通过的灵活就业登记或失业登记"))),
                .if(!history.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("登记"), .th("内容"), .th("开始日期"), .th("批准日期"), .th("办件编号"), .th("状态"))),
                    .tbody(.forEach(history) { record in
                        .tr(.td(.text(record.kindLabel)),
                            .td(.text(record.summary)),
                            .td(.text(record.startedOn)),
                            .td(.text(record.approvedOn)),
                            .td(.class("code"), .unwrap(record.caseNumber, { .a(.href(SiteURL.caseFile(id: record.caseID).path), .text($0)) },
                                                         else: .text("—"))),
                            .td(.text(record.statusText)))
                    }))),
                .unwrap(view.endable, { record in
                    .if(view.mayEnd.contains(record.kind), .section(
                        .class("panel"), .h2("终止\(record.kind.label)"),
                        .form(
                            .class("form"), .method(.post), .action(SiteURL.endEmploymentRegistration(id: record.id).path), .csrf(context),
                            FormFields.select("reason", label: "终止原因", options: RegistrationEndReason.reasons(for: record.kind).map {
                                FormFields.Option(value: $0.rawValue, label: $0.label)
                            }, selected: nil, errors: errors),
                            .p(.class("hint"), .text(record.kind == .unemployed
                                ? "群众实现就业（含单位就业）、领取养老金、入学或参军、出境定居、服刑或6个月无联系的，终止失业登记；终止原因将保留并记入审计日志。"
                                : "群众停止灵活就业等情形终止登记；终止原因将保留并记入审计日志。")),
                            .div(.class("form-actions"), .button(.type(.submit), .class("button"), .text("终止登记"))))))
                }),
            ])
    }
}
