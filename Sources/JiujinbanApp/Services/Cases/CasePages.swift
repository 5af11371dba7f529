import Foundation
import JiujinbanRules
import Plot

/// 受理: the item's guide in brief, the citizen, and the item's own form. A hidden submission key makes a double
/// click harmless. An item that computes something shows it first (受理前测算, `CasePreview`). Pure: the form's fields
/// and the preview come with the value (`CaseQueries.form`).
enum CaseFormPage {
    static func render(_ form: CaseForm, values: [String: String], errors: FieldErrors, submission: UUID, context: PageContext) -> HTML {
        PageShell.render(
            title: "受理：\(form.itemName)", context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: form.maskedCitizenName, url: .citizen(id: form.citizenID)),
                     Crumb(label: "受理", url: nil)],
            content: [
                .p(.class("lead"), .text("办事群众：\(form.maskedCitizenName)；办结时限：\(form.timeLimitText)。")),
                FormFields.errorSummary(errors),
                .unwrap(form.preview, previewSection),
                .form(.class("form"), .method(.post), .action(SiteURL.acceptCase.path), .csrf(context),
                      .input(.type(.hidden), .name("citizen"), .value(form.citizenID.uuidString.lowercased())),
                      .input(.type(.hidden), .name("item"), .value(String(form.itemSeq))),
                      .input(.type(.hidden), .name("submission"), .value(submission.uuidString.lowercased())),
                      .forEach(form.fields) { field($0, values: values, errors: errors) },
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("受理")))),
            ])
    }

    static func filterHint(_ kind: CaseFormField.Kind) -> String {
        if case .place = kind { "输入乡镇、村或社区名称筛选" } else { "输入名称或代码筛选" }
    }

    static func field(_ field: CaseFormField, values: [String: String], errors: FieldErrors) -> Node<HTML.FormContext> {
        switch field.kind {
        case .confirmation:
            return .div(.class(errors.message(for: field.name) == nil ? "field" : "field field-invalid"),
                        .label(.input(.type(.checkbox), .name(field.name), .value("yes"),
                                      .attribute(named: "checked", value: values[field.name] == "yes" ? "checked" : nil)),
                               .text(" " + field.label)),
                        .unwrap(errors.message(for: field.name)) { .p(.class("field-error"), .text($0)) })
        case .text(let maxLength):
            return FormFields.text(field.name, label: field.label, value: values[field.name], errors: errors,
                                   maxLength: maxLength, required: field.required)
        case .choice(let options):
            return FormFields.select(field.name, label: field.label, options: options, selected: values[field.name],
                                     errors: errors, placeholder: field.required ? "请选择" : "（不选）",
                                     required: field.required)
        case .groupedChoice(let choices), .place(let choices, _):
            return FormFields.select(field.name, label: field.label, choices: choices, selected: values[field.name],
                                     errors: errors, placeholder: field.required ? "请选择" : "（不选）",
                                     required: field.required, filter: filterHint(field.kind))
        case .checkboxes(let options):
            let ticked = Set((values[field.name] ?? "").split(separator: ",").map(String.init))
            return .fieldset(.class(errors.message(for: field.name) == nil ? "field checkboxes" : "field checkboxes field-invalid"),
                             .id(field.name), .legend(field.label),
                             .forEach(options) { option in
                                 .label(.input(.type(.checkbox), .name("\(field.name)_\(option.value)"), .value("yes"),
                                               .attribute(named: "checked", value: ticked.contains(option.value) ? "checked" : nil)),
                                        .text(" " + option.label))
                             },
                             .unwrap(errors.message(for: field.name)) { .p(.class("field-error"), .text($0)) })
        case .hidden:
            return .input(.type(.hidden), .name(field.name), .value(values[field.name] ?? ""))
        case .derived:
            return .empty
        case .date:
            return FormFields.text(field.name, label: field.label, value: values[field.name], errors: errors,
                                   hint: "格式：2026-12-01", maxLength: 10, required: field.required)
        }
    }
}

/// 办件页面: facts, deadline, timeline, and the actions allowed now (`CaseQueries.view`).
enum CasePage {
    static func render(_ view: CaseView, error: String?, context: PageContext) -> HTML {
        PageShell.render(
            title: "办件 \(view.number)", context: context,
            crumbs: [Crumb(label: "办件", url: .cases()), Crumb(label: view.number, url: nil)],
            content: [
                .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                .if(view.isCoreReturned && view.actions.any, coreReturnNotice()),
                .div(.class("facts"), .dl(
                    .dt("办件编号"), .dd(.class("code"), .text(view.number)),
                    .dt("服务事项"), .dd(.text(view.itemText)),
                    .dt("状态"), .dd(.strong(.text(view.stateLabel))),
                    .dt("受理日期"), .dd(.text(view.acceptedOn)),
                    .dt("受理渠道"), .dd(.text(view.channelText)),
                    .dt("办结期限"), .dd(.text(view.deadlineText)),
                    .unwrap(view.decisionReason) { reason in .group(.dt(.text(view.reasonLabel)), .dd(.text(reason))) }
                )),
                person(view, context: context),
                .if(!view.content.isEmpty, .section(.class("case-part"), .h2("受理内容"), .div(.class("facts"), .dl(
                    .forEach(view.content) { line in .group(.dt(.text(line.label)), .dd(.text(line.value))) })))),
                CaseComputationSection.render(view.computation),
                .p(.class("page-actions"),
                   .unwrap(view.work) { work in .if(context.mayOpen(work.url), .a(.class("button primary"), .href(work.url.path), .text(work.label))) },
                   .a(.class("button"), .href(SiteURL.caseReceipt(id: view.id).path),
                      .text(view.isReturned ? "打印一次性告知单" : "打印受理回执")),
                   .forEach(view.itemLinks.filter { context.mayOpen($0.url) }) { link in
                       .a(.class("button"), .href(link.url.path), .text(link.label))
                   },
                   .unwrap(view.person.flatMap { $0.pageOpens ? SiteURL.citizen(id: $0.id) : nil }) { url in
                       .if(context.mayOpen(url), .a(.class("button"), .href(url.path), .text("返回群众页面")))
                   }),
                .if(!view.missing.isEmpty, .group(.h2("需补正材料"), .ol(.forEach(view.missing) { .li(.text($0)) }))),
                .h2("办理记录"),
                .ol(.class("timeline"), .forEach(view.steps, timelineEntry)),
                decisions(view, context: context),
            ])
    }

    /// Who the case is for, as the reviewer checks them against the documents.
    static func person(_ view: CaseView, context: PageContext) -> Node<HTML.BodyContext> {
        guard let person = view.person else { return .empty }
        return .section(.class("case-part"), .h2("办事群众"), .div(.class("facts"), .dl(
            .dt("姓名"), .dd(person.pageOpens ? .link(to: .citizen(id: person.id), person.maskedName, context: context)
                                               : .text(person.maskedName)),
            .dt("身份证号码"), .dd(.class("code"), .text(person.maskedIDNumber)),
            .dt("年龄"), .dd(.text(person.age.map { "\($0)周岁" } ?? "")),
            .dt("居住地"), .dd(.text(person.residence))
        )))
    }

    /// Each decision in its own form, with its own text and a confirmation (site.js `data-confirm`) before it is sent:
    /// approving, refusing and returning cannot be mistaken for one another.
    static func decisions(_ view: CaseView, context: PageContext) -> Node<HTML.BodyContext> {
        let actions = view.actions
        guard actions.any else { return .empty }
        func form(_ confirm: String, _ content: Node<HTML.FormContext>...) -> Node<HTML.BodyContext> {
            decisionForm(view, confirm, content, context: context)
        }
        return .section(
            .class("panel decisions"), .id("case-actions"), .h2("办理"),
            .if(actions.approve, form("确认审核通过办件 \(view.number)？通过后即办结，不能撤回。",
                                      .h3("审核通过"), .div(.class("form-actions"), actionButton("approve", "审核通过", "button primary")))),
            .if(actions.returnForDocuments, form("确认退回补正？受理的服务点将收到通知，请一次性列全所需材料。",
                                                 .h3("退回补正"),
                                                 .div(.class("field"),
                                                      .label(.for("missing"), .text("需补正的全部材料（每行一项，一次性告知）")),
                                                      .textarea(.name("missing"), .id("missing"), .attribute(named: "rows", value: "4"),
                                                                .text(view.typed.missing))),
                                                 .div(.class("form-actions"), actionButton("return", "退回补正", "button")))),
            .if(actions.approve, form("确认不予办理办件 \(view.number)？决定后即办结，不能撤回。",
                                      .h3("不予办理"),
                                      .div(.class("field"),
                                           .label(.for("reason"), .text("不予办理理由（必填）")),
                                           .textarea(.name("reason"), .id("reason"), .text(view.typed.reason))),
                                      .div(.class("form-actions"), actionButton("reject", "不予办理", "button danger")))),
            .if(actions.resubmit && !view.isCoreReturned, form("确认材料已补齐，重新提交审核？",
                                       .div(.class("form-actions"), actionButton("resubmit", "补正后重新提交", "button primary")))),
            .if(view.isCoreReturned, coreReturnSteps(view, context: context)))
    }

    static func decisionForm(_ view: CaseView, _ confirm: String, _ content: [Node<HTML.FormContext>], context: PageContext)
        -> Node<HTML.BodyContext> {
        .form(.class("form decision"), .method(.post), .action(SiteURL.caseAction(id: view.id).path), .csrf(context),
              .attribute(named: "data-confirm", value: confirm), .group(content))
    }

    static func timelineEntry(_ step: CaseView.Step) -> Node<HTML.ListContext> {
        let who = "\(AuditLogPage.formatter.string(from: step.at)) \(step.actorUnitName) \(step.actorName)："
        let detail: String = step.detail.map { "（\($0)）" } ?? ""
        return .li(.text(who), .strong(.text(stepLabel(step.action))), .text(detail))
    }

    static func actionButton(_ value: String, _ label: String, _ classes: String) -> Node<HTML.FormContext> {
        .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: value),
                .class(classes), .text(label))
    }

    static func stepLabel(_ action: String) -> String {
        switch action {
        case "accept": "受理"
        case "approve": "审核通过，办结"
        case "reject": "不予办理"
        case "return": "退回补正"
        case "resubmit": "补正后重新提交"
        case "close": "终止办理"
        case CoreReturn.stepName: "核心系统退回"
        default: action
        }
    }
}

/// 受理回执 and 一次性告知单, on A4. Personal data masked (`CaseQueries.receipt`).
enum CaseReceiptPage {
    static func render(_ receipt: CaseReceipt, context: PageContext) -> HTML {
        let title = receipt.isNotice ? "一次性告知单" : "受理回执"
        return PageShell.render(
            title: title, context: context,
            crumbs: [Crumb(label: "办件", url: .cases()), Crumb(label: receipt.number, url: .caseFile(id: receipt.caseID)),
                     Crumb(label: title, url: nil)],
            content: [
                PrintButton.node(receipt.isNotice ? "打印一次性告知单" : "打印受理回执"),
                .article(.class("print-form"),
                         .table(.class("form-table"),
                                .tr(.th("办件编号"), .td(.class("code"), .text(receipt.number)), .th("受理日期"), .td(.text(receipt.acceptedOn))),
                                .tr(.th("办事群众"), .td(.text(receipt.maskedCitizenName)),
                                    .th("服务事项"), .td(.text(receipt.itemName))),
                                .tr(.th("受理单位"), .td(.text(receipt.institution)),
                                    .th("办结期限"), .td(.text(receipt.deadlineText))),
                                .tr(.th("受理渠道"), .td(.attribute(named: "colspan", value: "3"), .text(receipt.channelText))),
                                .tr(.td(.attribute(named: "colspan", value: "4"),
                                        receipt.isNotice
                                            ? .group(.p(.text("您申请办理的事项材料不齐全，请一次性补齐以下材料后再来办理：")),
                                                     .ol(.forEach(receipt.missing) { .li(.text($0)) }))
                                            : .p(.text("办理状态：\(receipt.stateLabel)。\(receipt.wording)"))))),
                         CaseComputationSection.render(receipt.computation),
                         .p(.class("date-line"), .text("经办服务点（盖章）    \(receipt.acceptedOn)"))),
            ])
    }
}

/// 工作台: my point's cases (operators) or my county's (reviewers), with what waits, what is due soon, what is late.
enum CaseWorkbenchPage {
    /// The newest finished cases shown; older ones are found through the person or the statistics.
    static let finishedShown = 50

    /// Every open case of the user's scope, however old, and its newest finished ones.
    struct Lists {
        let open: [CaseSummary]
        let finished: [CaseSummary]
        /// The signed-in account: its own open cases come first (我受理的).
        let me: UUID
    }

    static func render(_ lists: Lists, today: CalendarDate, nextWorkday: CalendarDate, catalogue: ServiceCatalogue,
                       context: PageContext) -> HTML {
        func status(_ record: CaseSummary) -> DeadlineStatus {
            DeadlineStatus.of(deadline: record.deadline.flatMap(CalendarDate.init(iso:)), finished: record.stateValue?.isFinal ?? true,
                              today: today, nextWorkday: nextWorkday)
        }
        let names = Dictionary(uniqueKeysWithValues: catalogue.items.map { ($0.seq, $0.name) })
        let open = lists.open
        // A reviewer's 待审核 is what they may decide: items they review, not cases they accepted themselves (as the
        // navigation's count and the home queue); a point's operators see every case of theirs waiting for review.
        let reviews = context.capabilities.contains(where: { if case .review = $0 { true } else { false } })
        let waiting = open.filter { summary in
            summary.stateValue == .accepted
                && (!reviews || (context.capabilities.contains(.review(item: summary.itemSeq)) && summary.handlerAccount != lists.me))
        }
        let mine = open.filter { $0.handlerAccount == lists.me }
        var sections: [(String, [CaseSummary])] = []
        if context.may(.serveCitizens) || !mine.isEmpty { sections.append(("我受理的在办件", mine)) }
        sections += [
            ("已超期", open.filter { status($0) == .overdue }),
            ("一个工作日内到期", open.filter { status($0) == .dueSoon }),
            ("待审核", waiting),
            ("退回补正", open.filter { $0.stateValue == .returned }),
            ("最近办结（最新\(finishedShown)件）", lists.finished),
        ]
        // Rare (the core system rejected what the case did): shown only when there is one, first among the sections.
        let coreReturned = open.filter { $0.stateValue == .coreReturned }
        if !coreReturned.isEmpty { sections.insert(("核心系统退回", coreReturned), at: 0) }
        // What waits for this user first: a reviewer's queue leads, and sections with cases come before empty ones.
        if reviews, let queue = sections.firstIndex(where: { $0.0 == "待审核" }) {
            sections.insert(sections.remove(at: queue), at: 0)
        }
        sections = sections.filter { !$0.1.isEmpty } + sections.filter { $0.1.isEmpty }
        return PageShell.render(
            title: "办件工作台", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "办件", url: nil)],
            content: [
                .p(.class("result-count"), .text("在办 \(open.count) 件，其中待审核 \(waiting.count) 件")),
            ] + sections.map { title, list in
                .section(.h2(.text("\(title)（\(list.count)）")),
                         .if(list.isEmpty, .p(.class("empty"), .text("无"))),
                         .if(!list.isEmpty, .table(
                            .class("data-table compact"),
                            .thead(.tr(.th("办件编号"), .th("办事群众"), .th("服务事项"), .th("服务点"), .th("受理日期"),
                                       .th("办结期限"), .th("状态"))),
                            .tbody(.forEach(list) { record in
                                .tr(.td(.class("code"), .a(.href(SiteURL.caseFile(id: record.id).path), .text(record.number))),
                                    .td(.text(record.maskedCitizenName)), .td(.text(names[record.itemSeq] ?? "")),
                                    .td(.text(record.pointName)), .td(.text(record.acceptedOn)),
                                    .td(.text((record.deadline ?? "即时办结") + deadlineNote(status(record)))),
                                    .td(.text(stateText(record))))
                            }))))
            })
    }

    /// A case the core system returned shows the core system's reason beside its state.
    private static func stateText(_ record: CaseSummary) -> String {
        let label = record.stateValue?.label ?? record.state
        guard record.stateValue == .coreReturned, let reason = record.decisionReason else { return label }
        return "\(label)：\(reason)"
    }

    private static func deadlineNote(_ status: DeadlineStatus) -> String {
        status == .dueSoon || status == .overdue ? "（\(status.label)）" : ""
    }
}
