import Foundation
import JiujinbanRules
import Plot

/// 问题详情: the report, its screenshots, the chain of desks it passed, every reply and step, and the actions the
/// user may take now (reply or escalate for the holding desk; confirm or reopen for the reporter). Pure: the value
/// comes from `ProblemDetailQuery`.
enum ProblemDetailPage {
    /// What the user had typed into one of the page's forms when it was refused: drawn again in that form, with the
    /// problem next to its field, so a reply is never lost to a missing time limit.
    struct Typed: Sendable {
        var action: String
        var text: String
        var days: String
        var errors = FieldErrors()

        /// Whether it was typed into the holding desk's form (reply, escalate) rather than the reporter's.
        var isReply: Bool { action == "reply" || action == "escalate" }
    }

    static func render(_ detail: ProblemDetail, error: String?, typed: Typed? = nil, context: PageContext) -> HTML {
        let id = detail.id
        let reply = typed?.isReply == true ? typed : nil
        let confirm = typed?.isReply == false ? typed : nil
        return PageShell.render(
            title: "问题 \(detail.number)", context: context,
            crumbs: [Crumb(label: "问题台账", url: .problems()), Crumb(label: detail.number, url: nil)],
            content: [
                .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                .div(.class("facts"), .dl(
                    .dt("问题编号"), .dd(.class("code"), .text(detail.number)),
                    .dt("反映单位、反映人"), .dd(.text(detail.reporter)),
                    .dt("反映时间"), .dd(.text(AuditLogPage.formatter.string(from: detail.filedAt))),
                    .dt("问题分类"), .dd(.text(detail.categoryLabel)),
                    .dt("业务领域"), .dd(.text(detail.areaLabel)),
                    .dt("状态"), .dd(.strong(.text(detail.stateLabel)),
                                   .if(detail.isOverdue, .span(.class("tag tag-late"), .text("超期")))),
                    .dt("当前承办"), .dd(.text(detail.deskName),
                                     .unwrap(detail.assignee) { .text("（承办人：\($0)）") },
                                     .if(detail.assignmentGap, .span(.class("tag tag-warn"), .text("责任清单缺项，由县级业务管理员暂为答复")))),
                    .dt("反映路径"), .dd(.text(detail.path)),
                    .dt("时限"), .dd(.text(detail.limitText))
                )),
                .h2("问题描述"),
                .div(.class("prose"), .forEach(detail.description.split(separator: "\n", omittingEmptySubsequences: false)) { .p(.text(String($0))) }),
                .unwrap(detail.suggestion) { suggestion in
                    .group(.h2("解决的意见或建议"), .div(.class("prose"), .forEach(suggestion.split(separator: "\n")) { .p(.text(String($0))) }))
                },
                .if(!detail.screenshotPositions.isEmpty, .group(
                    .h2("截图"),
                    .div(.class("screenshots"), .forEach(detail.screenshotPositions) { position in
                        .a(.href(SiteURL.problemScreenshot(id: id, position: position).path),
                           .img(.src(SiteURL.problemScreenshot(id: id, position: position).path), .alt("截图\(position)")))
                    }))),
                .h2("处理过程"),
                .ol(.class("timeline"), .forEach(detail.entries, entry)),
                .if(detail.holds, .section(
                    .class("panel"), .h2("答复或上报"),
                    .form(.class("form"), .method(.post), .action(SiteURL.problemAction(id: id).path), .csrf(context),
                          ProblemFormPage.textArea("text", label: "答复内容（处理结果或指导意见），或上报原因", value: reply?.text, rows: 4,
                                                   required: true, maxLength: ProblemReport.maximumTextLength, errors: reply?.errors ?? FieldErrors(),
                                                   hint: nil),
                          FormFields.text("days", label: "反馈时限（工作日，答复时必填）", value: reply?.days, errors: reply?.errors ?? FieldErrors(),
                                          hint: "在此期限内解决或反馈处理结果，按工作日历计算（\(ProblemReport.promisedWorkingDays.lowerBound)–\(ProblemReport.promisedWorkingDays.upperBound)个工作日）",
                                          maxLength: 2, inputMode: "numeric", required: false),
                          .div(.class("form-actions"),
                               CasePage.actionButton("reply", "答复", "button primary"),
                               .unwrap(detail.escalation) { above in
                                   CasePage.actionButton("escalate", "无法解决，上报\(above)", "button")
                               })))),
                .if(detail.mayConfirm, .section(
                    .class("panel"), .h2("确认处理结果"),
                    .form(.class("form"), .method(.post), .action(SiteURL.problemAction(id: id).path), .csrf(context),
                          ProblemFormPage.textArea("text", label: "重新反映的说明（仍未解决时填写）", value: confirm?.text, rows: 3,
                                                   required: false, maxLength: ProblemReport.maximumTextLength, errors: confirm?.errors ?? FieldErrors(),
                                                   hint: nil),
                          .div(.class("form-actions"),
                               .if(detail.maySolve, CasePage.actionButton("solve", "已解决", "button primary")),
                               CasePage.actionButton("reopen", "未解决，重新反映", "button"))))),
            ])
    }

    static func entry(_ entry: ProblemDetail.Entry) -> Node<HTML.ListContext> {
        let who = "\(AuditLogPage.formatter.string(from: entry.at)) \(entry.actorUnitName) \(entry.actorName)："
        return .li(.text(who), .strong(.text(entry.heading)),
                   .unwrap(entry.text) { text in .div(.class("prose"), .forEach(text.split(separator: "\n")) { .p(.text(String($0))) }) })
    }
}
