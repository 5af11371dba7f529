import Foundation
import JiujinbanRules
import Plot

/// Item 2's page below the ranking: what to do when nothing fits, and the record of the service as item 2's case.
extension RecommendationPages {
    /// 下一步: a wider search, gig work, training, every posting, and the record below — never a bare "none".
    static func nextSteps(_ view: JobRecommendationsView, context: PageContext) -> Node<HTML.BodyContext> {
        let steps = view.nextSteps
        // One line per kind of help, its links as small buttons: the whole choice fits the clerk's screen at once.
        func row(_ label: String, _ links: [JobNextSteps.Link], otherwise: String? = nil) -> Node<HTML.DescriptionListContext> {
            let shown = links.filter { context.mayOpen($0.url) }
            guard !shown.isEmpty || otherwise != nil else { return .empty }
            return .group(.dt(.text(label)), .dd(
                .forEach(shown) { link in .group(.a(.class("button small"), .href(link.url.path), .text(link.label)), .text(" ")) },
                .if(shown.isEmpty, .text(otherwise ?? ""))))
        }
        return .section(
            .class("panel next-steps"), .id("next-steps"),
            .h2("暂无符合条件的岗位：下一步"),
            .p(.class("hint"), .text(view.widening.isWidened
                ? "按放宽后的条件仍没有符合的岗位。可以继续放宽，或转向零工、技能培训；办理后在下方记录本次服务结果。"
                : "按求职登记的条件，没有有效期内、符合条件的岗位。可以放宽条件，或转向零工、技能培训；办理后在下方记录本次服务结果。")),
            .div(.class("facts"), .dl(
                row("放宽条件", steps.widen, otherwise: view.widening.isWidened
                    ? "已不限通勤距离和工作地点"
                    : "求职登记未限定通勤距离和工作地点，无可放宽的条件；可修改求职登记的求职工种"),
                row("全部岗位", [steps.postings].compactMap { $0 }),
                row("零工（按天结算，可随时接单）", steps.gigs),
                row("技能培训（我要学技能）", steps.training)))
        )
    }

    /// The record of this service as item 2's case (即时办结, counted in 办件统计): the postings shown pushed by
    /// text message or not, or none fitted. A fresh submission key per page makes a resent form the same case.
    static func recordPanel(_ view: JobRecommendationsView, context: PageContext) -> Node<HTML.BodyContext> {
        let matches = view.matches
        func button(_ push: Bool, _ label: String, primary: Bool) -> Node<HTML.FormContext> {
            .button(.type(.submit), .class(primary ? "button primary" : "button"), .attribute(named: "name", value: "push"),
                    .attribute(named: "value", value: push ? "yes" : "no"), .text(label))
        }
        return .section(
            .class("panel"), .id("record"),
            .h2(.text(matches.isEmpty ? "记录本次服务结果" : "办结本次推荐")),
            .p(.class("hint"), .text(matches.isEmpty
                ? "没有符合条件的岗位也是一次服务：记为本事项的办件（结果：无符合条件的岗位），计入办件统计。"
                : "推送或当面告知本人后办结，记为本事项的办件（即时办结），计入办件统计。")),
            .form(.class("form"), .method(.post), .action(SiteURL.acceptCase.path), .csrf(context),
                  .input(.type(.hidden), .name("citizen"), .value(view.citizenID.uuidString.lowercased())),
                  .input(.type(.hidden), .name("item"), .value(String(JobRecommendationItem.seq))),
                  .input(.type(.hidden), .name("submission"), .value(UUID().uuidString.lowercased())),
                  .input(.type(.hidden), .name("postings"), .value(matches.map(\.postingID).joined(separator: ","))),
                  .input(.type(.hidden), .name("widening"), .value(view.widening.queryText)),
                  FormFields.text("note", label: "备注", value: nil, errors: FieldErrors(),
                                  hint: matches.isEmpty ? "如：已介绍零工岗位、已报名技能培训、本人暂不求职" : "如：本人已记下联系电话",
                                  maxLength: JobRecommendationItem.noteLength, required: false),
                  .div(.class("field"), .label(.input(.type(.checkbox), .name("documents_checked"), .value("yes")),
                                               .text(" 已核验材料：需携带本人身份证或社保卡"))),
                  .if(!matches.isEmpty && !view.hasPhone, .p(.class("hint"), .text("该群众未登记手机号码，不能短信推送；可当面告知后办结。"))),
                  .div(.class("form-actions"),
                       .if(!matches.isEmpty && view.hasPhone,
                           button(true, "推送给本人（短信，含前\(JobRecommendationItem.postingsInMessage)个岗位）", primary: true)),
                       .if(!matches.isEmpty, button(false, "办结本次推荐（不发短信）", primary: !view.hasPhone)),
                       .if(matches.isEmpty, button(false, "记录：无符合条件的岗位", primary: true)))))
    }
}
