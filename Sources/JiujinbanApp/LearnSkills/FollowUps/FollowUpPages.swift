import Foundation
import JiujinbanRules
import Plot

/// 培训意向跟踪反馈's pages: pure renders of `FollowUpStart` and `FollowUpView`.
enum FollowUpPages {
    /// The person's open intentions, one to choose; the form goes to the case engine's 受理 like every item's.
    static func start(_ start: FollowUpStart, submission: UUID, context: PageContext) -> HTML {
        let choosable = start.intentions.filter { !$0.followUpOpen }
        return PageShell.render(
            title: "受理：培训意向跟踪反馈", context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: start.maskedName, url: .citizen(id: start.citizenID)),
                     Crumb(label: "培训意向跟踪反馈", url: nil)],
            content: [
                .p(.class("lead"), .text("办事群众：\(start.maskedName)。选择一项待开班的培训意向，受理后联系培训机构或县人社部门，5个工作日内记录反馈并告知群众。")),
                .if(start.intentions.isEmpty, .p(.class("notice"), .text("该群众没有待开班的培训意向，无需跟踪反馈（请先办理培训意向登记）。"))),
                .if(!start.intentions.isEmpty && choosable.isEmpty, .p(.class("notice"), .text("该群众的培训意向都已有未办结的跟踪反馈，请在工作台中办结。"))),
                .if(!choosable.isEmpty, .form(
                    .class("form"), .method(.post), .action(SiteURL.acceptCase.path), .csrf(context),
                    .input(.type(.hidden), .name("citizen"), .value(start.citizenID.uuidString.lowercased())),
                    .input(.type(.hidden), .name("item"), .value(String(TrainingFollowUpItem.seq))),
                    .input(.type(.hidden), .name("submission"), .value(submission.uuidString.lowercased())),
                    .fieldset(.class("field"), .legend("培训意向"),
                              .forEach(choosable) { intention in
                                  .label(.input(.type(.radio), .name("intention"), .value(intention.id.uuidString.lowercased()),
                                                .attribute(named: "required", value: "required")),
                                         .text(" " + intention.text))
                              }),
                    .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("受理")))
                )),
            ])
    }

    static func facts(_ view: FollowUpView) -> Node<HTML.BodyContext> {
        .div(.class("facts"), .dl(
            .dt("办件编号"), .dd(.class("code"), .text(view.caseNumber)),
            .dt("状态"), .dd(.strong(.text(view.stateLabel))),
            .dt("开启"), .dd(.text("\(view.openedOn) · \(view.openedBy)")),
            .dt("办结期限"), .dd(.text(view.deadline)),
            .dt("办事群众"), .dd(.text(view.maskedName)),
            .dt("培训意向"), .dd(.text("\(view.occupation)（\(view.level)），\(view.registeredOn)登记")),
            .dt("登记服务点"), .dd(.text(view.pointName))
        ))
    }

    static func answer(_ answer: FollowUpView.Answer) -> Node<HTML.BodyContext> {
        .div(.class("facts"), .dl(
            .dt("反馈来源"), .dd(.text(answer.source)),
            .dt("反馈内容"), .dd(.text(answer.said)),
            .dt("开班日期"), .dd(.text(answer.classStartsOn ?? "未告知")),
            .dt("开班地点"), .dd(.text(answer.classPlace ?? "未告知")),
            .dt("记录日期"), .dd(.text(answer.recordedOn))
        ))
    }

    /// The case with the form to record the answer while it is open, or the answer with the printed note's link.
    static func record(_ view: FollowUpView, values: [String: String], errors: FieldErrors, context: PageContext) -> HTML {
        PageShell.render(
            title: "培训意向跟踪反馈 \(view.caseNumber)", context: context,
            crumbs: [Crumb(label: "办件", url: .cases()), Crumb(label: view.caseNumber, url: .caseFile(id: view.caseID)),
                     Crumb(label: "跟踪反馈", url: nil)],
            content: [
                FormFields.errorSummary(errors),
                facts(view),
                .unwrap(view.answer) { recorded in
                    .group(.h2("反馈结果"), answer(recorded),
                           .p(.class("page-actions"), .a(.class("button primary"), .href(SiteURL.trainingFollowUpNote(caseID: view.caseID).path),
                                                         .text("打印告知单"))))
                },
                .if(view.answer == nil && view.mayRecord, .group(
                    .h2("记录反馈"),
                    .p(.class("hint"), .text(view.hasPhone ? "记录后将以短信告知群众，并可打印告知单。"
                                                           : "该群众未登记手机号码，记录后不发短信，请打印告知单或电话告知本人。")),
                    .form(.class("form"), .method(.post), .action(SiteURL.trainingFollowUp(caseID: view.caseID).path), .csrf(context),
                          FormFields.select("source", label: "反馈来源", options: FollowUpAnswer.Source.allCases.map {
                              FormFields.Option(value: $0.rawValue, label: $0.label)
                          }, selected: values["source"], errors: errors),
                          FormFields.text("said", label: "反馈内容（培训机构或县人社部门答复的情况）", value: values["said"], errors: errors,
                                          maxLength: FollowUpAnswer.maximumSaid),
                          FormFields.text("class_starts_on", label: "开班日期（如已告知）", value: values["class_starts_on"], errors: errors,
                                          hint: "格式：2026-12-01", maxLength: 10, required: false),
                          FormFields.text("class_place", label: "开班地点（如已告知）", value: values["class_place"], errors: errors,
                                          maxLength: FollowUpAnswer.maximumPlace, required: false),
                          .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("记录反馈并办结"))))
                )),
                .if(view.answer == nil && !view.mayRecord, .p(.class("notice"), .text("该跟踪反馈尚未记录；由受理服务点持有本事项经办权限的工作人员记录。"))),
            ])
    }

    /// 培训意向跟踪反馈告知单 (A4), for the person.
    static func note(_ view: FollowUpView, context: PageContext) -> HTML {
        PageShell.render(
            title: "培训意向跟踪反馈告知单", context: context,
            crumbs: [Crumb(label: "办件", url: .cases()), Crumb(label: view.caseNumber, url: .caseFile(id: view.caseID)),
                     Crumb(label: "告知单", url: nil)],
            content: [
                PrintButton.node("打印告知单"),
                .article(.class("print-form"),
                         .table(.class("form-table"),
                                .tr(.th("办件编号"), .td(.class("code"), .text(view.caseNumber)), .th("办事群众"), .td(.text(view.maskedName))),
                                .tr(.th("培训意向"), .td(.attribute(named: "colspan", value: "3"),
                                                      .text("\(view.occupation)（\(view.level)），\(view.registeredOn)登记"))),
                                .unwrap(view.answer) { answer in
                                    .group(.tr(.th("反馈来源"), .td(.text(answer.source)), .th("反馈日期"), .td(.text(answer.recordedOn))),
                                           .tr(.th("反馈内容"), .td(.attribute(named: "colspan", value: "3"), .text(answer.said))),
                                           .tr(.th("开班日期"), .td(.text(answer.classStartsOn ?? "未告知")),
                                               .th("开班地点"), .td(.text(answer.classPlace ?? "未告知"))))
                                },
                                .tr(.td(.attribute(named: "colspan", value: "4"),
                                        .p(.text("您登记的培训意向尚在等待开班。开班后服务点将通知您参加培训；如有疑问，请凭本告知单的办件编号到服务点咨询。"))))),
                         .p(.class("date-line"), .text("\(view.pointName)（盖章）    \(view.answer?.recordedOn ?? "")"))),
            ])
    }
}
