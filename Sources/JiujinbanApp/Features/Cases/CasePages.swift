import Fluent
import Foundation
import JiujinbanRules
import Plot
import Vapor

/// 受理: the item's guide in brief, the citizen, and the item's own form. A hidden submission key makes a double
/// click harmless.
enum CaseFormPage {
    static func respond(
        _ req: Request, citizen: CitizenRecord, item: ServiceCatalogue.Item, values: [String: String], errors: FieldErrors,
        status: HTTPStatus
    ) async throws -> Response {
        let context = PageContext(req)
        let plugin = try await ItemRegistry.make(item, county: try req.requireStaff().county, on: req.db)
        let citizenID = try citizen.requireID()
        let html = PageShell.render(
            title: "受理：\(item.name)", context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: citizen.name, url: .citizen(id: citizenID)),
                     Crumb(label: "受理", url: nil)],
            content: [
                .p(.class("lead"), .text("办事群众：\(citizen.name)（\(Masking.maskedName(citizen.name))）；办结时限：\(item.timeLimitText)。")),
                FormFields.errorSummary(errors),
                .form(.class("form"), .method(.post), .action(SiteURL.acceptCase.path), .csrf(context),
                      .input(.type(.hidden), .name("citizen"), .value(citizenID.uuidString.lowercased())),
                      .input(.type(.hidden), .name("item"), .value(String(item.seq))),
                      .input(.type(.hidden), .name("submission"), .value(UUID().uuidString.lowercased())),
                      .forEach(plugin.fields) { field in
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
                          case .date:
                              return FormFields.text(field.name, label: field.label, value: values[field.name], errors: errors,
                                                     hint: "格式：2026-12-01", maxLength: 10, required: field.required)
                          }
                      },
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("受理")))),
            ])
        return HTMLResponse.make(html, status: status)
    }
}

/// 办件页面: facts, deadline, timeline, and the actions allowed now.
enum CasePage {
    static func respond(_ req: Request, _ record: CaseRecord, _ file: CaseFile, error: String?, status: HTTPStatus) async throws -> Response {
        let staff = try req.requireStaff()
        let context = PageContext(req)
        let item = req.jiujinban.catalogue.items.first { $0.seq == record.itemSeq }
        let citizen = try await CitizenRecord.find(id: record.citizenID, on: req.db)
        let id = try record.requireID()
        let steps = try await CaseStep.query(on: req.db).filter(\.$caseID == id).sort(\.$at).all()
        let calendar = try await WorkCalendarStore.calendar(req: req)
        let today = req.jiujinban.clock.today
        let deadlineStatus = DeadlineStatus.of(deadline: record.deadline.flatMap(CalendarDate.init(iso:)), finished: file.state.isFinal,
                                       today: today, nextWorkday: calendar.addingWorkingDays(1, to: today).date)
        func may(_ action: CaseFile.Action) -> Bool { file.may(staff.account, grants: staff.grants, action).isAllowed }
        let itemText: String = "第\(record.itemSeq)项 " + (item?.name ?? "")
        let citizenName: String = citizen?.name ?? ""
        var deadlineText: String = (record.deadline ?? "即时办结") + (record.deadlineProvisional ? "（暂定）" : "")
        if !deadlineStatus.label.isEmpty { deadlineText += "，" + deadlineStatus.label }
        let html = PageShell.render(
            title: "办件 \(record.number)", context: context,
            crumbs: [Crumb(label: "办件", url: .cases()), Crumb(label: record.number, url: nil)],
            content: [
                .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                .div(.class("facts"), .dl(
                    .dt("办件编号"), .dd(.class("code"), .text(record.number)),
                    .dt("服务事项"), .dd(.text(itemText)),
                    .dt("办事群众"), .dd(.text(citizenName)),
                    .dt("状态"), .dd(.strong(.text(file.state.label))),
                    .dt("受理日期"), .dd(.text(record.acceptedOn)),
                    .dt("办结期限"), .dd(.text(deadlineText)),
                    .unwrap(record.decisionReason) { reason in .group(.dt("不予办理理由"), .dd(.text(reason))) }
                )),
                .p(.a(.class("button"), .href(SiteURL.caseReceipt(id: id).path),
                      .text(file.state == .returned ? "打印一次性告知单" : "打印受理回执"))),
                .if(!record.missingList.isEmpty, .group(.h2("需补正材料"), .ol(.forEach(record.missingList) { .li(.text($0)) }))),
                .h2("办理记录"),
                .ol(.class("timeline"), .forEach(steps, timelineEntry)),
                .if(may(.approve) || may(.returnForDocuments(missing: ["x"])) || may(.resubmit), .section(
                    .class("panel"), .h2("办理"),
                    .form(.class("form"), .method(.post), .action(SiteURL.caseAction(id: id).path), .csrf(context),
                          .if(may(.approve), .div(.class("field"),
                              .label(.for("reason"), .text("不予办理理由（不予办理时必填）")),
                              .textarea(.name("reason"), .id("reason")))),
                          .if(may(.returnForDocuments(missing: ["x"])), .div(.class("field"),
                              .label(.for("missing"), .text("需补正的全部材料（每行一项，一次性告知）")),
                              .textarea(.name("missing"), .id("missing"), .attribute(named: "rows", value: "4")))),
                          .div(.class("form-actions"),
                               .if(may(.approve), actionButton("approve", "审核通过", "button primary")),
                               .if(may(.approve), actionButton("reject", "不予办理", "button danger")),
                               .if(may(.returnForDocuments(missing: ["x"])), actionButton("return", "退回补正", "button")),
                               .if(may(.resubmit), actionButton("resubmit", "补正后重新提交", "button primary")))))),
            ])
        return HTMLResponse.make(html, status: status)
    }

    static func timelineEntry(_ step: CaseStep) -> Node<HTML.ListContext> {
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
        default: action
        }
    }
}

/// 受理回执 and 一次性告知单, on A4. Personal data masked.
enum CaseReceiptPage {
    static func respond(_ req: Request, _ record: CaseRecord, _ file: CaseFile, citizen: CitizenRecord?) async throws -> Response {
        let item = req.jiujinban.catalogue.items.first { $0.seq == record.itemSeq }
        let point = try await ServicePoint.find(record.servicePointID, on: req.db)
        let isNotice = file.state == .returned
        let title = isNotice ? "一次性告知单" : "受理回执"
        let html = PageShell.render(
            title: title, context: PageContext(req),
            crumbs: [Crumb(label: "办件", url: .cases()), Crumb(label: record.number, url: .caseFile(id: try record.requireID())),
                     Crumb(label: title, url: nil)],
            content: [
                .article(.class("print-form"),
                         .table(.class("form-table"),
                                .tr(.th("办件编号"), .td(.class("code"), .text(record.number)), .th("受理日期"), .td(.text(record.acceptedOn))),
                                .tr(.th("办事群众"), .td(.text(citizen.map { Masking.maskedName($0.name) } ?? "")),
                                    .th("服务事项"), .td(.text(item?.name ?? ""))),
                                .tr(.th("受理单位"), .td(.text(point?.institution ?? "")),
                                    .th("办结期限"), .td(.text((record.deadline ?? "即时办结") + (record.deadlineProvisional ? "（暂定）" : "")))),
                                .tr(.td(.attribute(named: "colspan", value: "4"),
                                        isNotice
                                            ? .group(.p(.text("您申请办理的事项材料不齐全，请一次性补齐以下材料后再来办理：")),
                                                     .ol(.forEach(record.missingList) { .li(.text($0)) }))
                                            : .p(.text("您的申请已受理。状态：\(file.state.label)。请凭本回执查询办理进度。"))))),
                         .p(.class("date-line"), .text("经办服务点（盖章）    \(record.acceptedOn)"))),
            ])
        return HTMLResponse.make(html)
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
        let waiting = open.filter { $0.stateValue == .accepted }
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
                            .thead(.tr(.th("办件编号"), .th("服务事项"), .th("受理日期"), .th("办结期限"), .th("状态"))),
                            .tbody(.forEach(list) { record in
                                .tr(.td(.class("code"), .a(.href(SiteURL.caseFile(id: record.id).path), .text(record.number))),
                                    .td(.text(names[record.itemSeq] ?? "")), .td(.text(record.acceptedOn)),
                                    .td(.text((record.deadline ?? "即时办结") + deadlineNote(status(record)))),
                                    .td(.text(record.stateValue?.label ?? record.state)))
                            }))))
            })
    }

    private static func deadlineNote(_ status: DeadlineStatus) -> String {
        status == .dueSoon || status == .overdue ? "（\(status.label)）" : ""
    }
}
