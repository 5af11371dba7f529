import Foundation
import JiujinbanRules
import Plot

/// 培训机构推荐: each open intention with its ranked institutions and the button that records the case; the printed
/// list for the person.
enum TrainingRecommendationPages {
    static func page(_ view: TrainingRecommendationsView, errors: FieldErrors = FieldErrors(), context: PageContext) -> HTML {
        PageShell.render(
            title: "培训机构推荐", context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: view.maskedName, url: .citizen(id: view.citizenID)),
                     Crumb(label: "培训机构推荐", url: nil)],
            content: [
                FormFields.errorSummary(errors),
                .p(.class("hint"), .text("按群众居住地（所在村或社区服务点，没有的按乡镇服务点）到培训机构的距离排序，有空余名额的开班计划优先；只列本县获准培训该职业等级的机构。")),
                .if(!view.intentions.isEmpty && !view.homeKnown,
                    .p(.class("hint"), .text("该群众居住地所在村（社区）和乡镇都没有标注位置的服务点，距离未知。"))),
                .if(view.intentions.isEmpty, .group(
                    .p(.class("empty"), .text("该群众没有在办的培训意向，请先办理培训意向登记，再推荐培训机构。")),
                    .if(view.mayRegister, .p(.a(.class("button primary"),
                                               .href(SiteURL.newCase(citizen: view.citizenID, item: view.intentionItem).path),
                                               .text("办理培训意向登记")))))),
                .forEach(view.intentions) { intention(view, $0, context: context) },
            ])
    }

    static func intention(_ view: TrainingRecommendationsView, _ intention: TrainingRecommendationsView.Intention,
                          context: PageContext) -> Node<HTML.BodyContext> {
        .section(
            .class("panel"),
            .h2(.text("培训意向：\(intention.wanted)")),
            .div(.class("facts"), .dl(
                .dt("登记日期"), .dd(.text(intention.registeredOn)),
                .dt("期望培训时间"), .dd(.text(intention.period)),
                .dt("重点群体"), .dd(.text(intention.groups.joined(separator: "；"))))),
            .if(intention.rows.isEmpty, .p(.class("empty"), .text("本县暂无获准培训该职业等级的培训机构。"))),
            .if(!intention.rows.isEmpty, ranked(intention.rows, contacts: false)),
            .if(view.mayRecommend, .form(
                .class("form"), .method(.post), .action(SiteURL.acceptCase.path), .csrf(context),
                .input(.type(.hidden), .name("citizen"), .value(view.citizenID.uuidString.lowercased())),
                .input(.type(.hidden), .name("item"), .value(String(view.recommendationItem))),
                .input(.type(.hidden), .name("submission"), .value(UUID().uuidString.lowercased())),
                .input(.type(.hidden), .name("intention"), .value(intention.id.uuidString.lowercased())),
                .div(.class("field"), .label(.input(.type(.checkbox), .name("documents_checked"), .value("yes")),
                                             .text(" 已核验材料：需携带本人身份证或社保卡"))),
                .div(.class("form-actions"), .button(.type(.submit), .class("button primary"),
                                                     .text(intention.rows.isEmpty ? "记录：暂无可推荐的机构" : "办结本次推荐（可打印推荐清单）"))))),
            .if(intention.withdrawable, .details(
                .summary("撤销培训意向"),
                .form(.class("form"), .method(.post), .action(SiteURL.withdrawTrainingIntention(id: intention.id).path), .csrf(context),
                      .div(.class("field"), .label(.for("reason-\(intention.id.uuidString.lowercased())"), .text("撤销原因（群众所述）")),
                           .input(.type(.text), .name("reason"), .id("reason-\(intention.id.uuidString.lowercased())"),
                                  .attribute(named: "maxlength", value: String(TrainingIntentionWithdrawal.reasonMaxLength)))),
                      .p(.class("hint"), .text("撤销后平台不再为该意向跟踪反馈或通知参训；群众以后仍想参加培训的，可重新登记。")),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button"), .text("撤销该培训意向")))))))
    }

    /// The ranked table; on paper with each institution's address and phone.
    static func ranked(_ rows: [RecommendedInstitution], contacts: Bool) -> Node<HTML.BodyContext> {
        .table(
            .class("data-table"),
            .thead(.tr(.th("序号"), .th("培训机构"), .if(contacts, .group(.th("地址"), .th("联系电话"))), .th("距离"),
                       .th("最近有名额的开班"), .th("推荐理由"))),
            .tbody(.forEach(Array(rows.enumerated())) { index, row in
                .tr(.td(.class("num"), .text(String(index + 1))), .td(.text(row.name)),
                    .if(contacts, .group(.td(.text(row.address)), .td(.class("code"), .text(row.contactPhone)))),
                    .td(.class("num nowrap"), .text(row.distanceText)),
                    .td(.text(row.planStartsOn.map { "\($0)开班，余\(row.freePlaces ?? 0)个名额" + (row.planPlace.map { "（\($0)）" } ?? "") } ?? "暂无")),
                    .td(.text(row.reason)))
            }))
    }

    static func printed(_ view: TrainingRecommendationPrint, context: PageContext) -> HTML {
        PageShell.render(
            title: "培训机构推荐清单", context: context,
            crumbs: [Crumb(label: "办件", url: .cases()), Crumb(label: view.caseNumber, url: .caseFile(id: view.caseID)),
                     Crumb(label: "推荐清单", url: nil)],
            content: [
                PrintButton.node("打印推荐清单"),
                .article(
                    .class("print-form"),
                    .table(.class("form-table"),
                           .tr(.th("办事群众"), .td(.text(view.maskedName)), .th("办件编号"), .td(.class("code"), .text(view.caseNumber))),
                           .tr(.th("培训意向"), .td(.text(view.wanted)), .th("推荐日期"), .td(.text(view.recommendedOn)))),
                    .if(view.rows.isEmpty, .p(.text("本县暂无获准培训该职业等级的培训机构。有开班计划时，服务点将跟踪反馈并通知您。"))),
                    .if(!view.rows.isEmpty, ranked(view.rows, contacts: true)),
                    .p(.class("hint"), .text("距离按您居住地所在村（社区）服务点到培训机构的直线距离估算；报名前请先电话联系培训机构确认开班时间和名额。")),
                    .p(.class("date-line"), .text("\(view.servicePoint)（盖章）    \(view.recommendedOn)"))),
            ])
    }
}
