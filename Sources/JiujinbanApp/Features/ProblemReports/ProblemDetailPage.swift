import Fluent
import Foundation
import JiujinbanRules
import Plot
import Vapor

/// 问题详情: the report, its screenshots, the chain of desks it passed, every reply and step, and the actions the
/// user may take now (reply or escalate for the holding desk; confirm or reopen for the reporter).
enum ProblemDetailPage {
    static func respond(_ req: Request, _ record: ProblemReportRecord, error: String?, status: HTTPStatus) async throws -> Response {
        let staff = try req.requireStaff()
        let context = PageContext(req)
        let id = try record.requireID()
        let entries = try await ProblemEntryRecord.query(on: req.db).filter(\.$reportID == id).sort(\.$at).all()
        let shots = try await ProblemScreenshotRecord.query(on: req.db).filter(\.$reportID == id).sort(\.$position)
            .field(\.$id).field(\.$position).field(\.$reportID).field(\.$mediaType).all()
        let calendar = try await WorkCalendarStore.calendar(req: req)
        let today = req.jiujinban.clock.today
        let chain = record.chainValue
        let names = try await ProblemDesks.names(of: chain + (record.deskValue?.escalation.map { [$0] } ?? []), on: req.db)
        let report = record.report
        let myDesk = ProblemDesks.desk(of: staff)
        let holds = myDesk != nil && myDesk == record.deskValue && record.stateValue != .solved
        let isReporter = record.reporterAccount == staff.account.id
        let overdue = report?.isOverdue(today: today, calendar: calendar) == true
        var assignee: String?
        if let account = record.assigneeAccount { assignee = try await assigneeName(account, on: req.db) }
        let due = report?.replyDue(calendar: calendar)
        var limitText = ""
        if let due { limitText = "答复期限 \(due.date)" + (due.isProvisional ? "（暂定）" : "") }
        if let promised = record.promisedBy { limitText += (limitText.isEmpty ? "" : "；") + "承诺解决时限 \(promised)" }
        let html = PageShell.render(
            title: "问题 \(record.number)", context: context,
            crumbs: [Crumb(label: "问题台账", url: .problems()), Crumb(label: record.number, url: nil)],
            content: [
                .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                .div(.class("facts"), .dl(
                    .dt("问题编号"), .dd(.class("code"), .text(record.number)),
                    .dt("反映单位、反映人"), .dd(.text("\(record.reporterUnitName) \(record.reporterName)")),
                    .dt("反映时间"), .dd(.text(AuditLogPage.formatter.string(from: record.filedAt))),
                    .dt("问题分类"), .dd(.text(record.categoryValue?.label ?? record.category)),
                    .dt("业务领域"), .dd(.text(record.areaValue?.label ?? record.area)),
                    .dt("状态"), .dd(.strong(.text(record.stateValue?.label ?? record.state)),
                                   .if(overdue, .span(.class("tag tag-late"), .text("超期")))),
                    .dt("当前承办"), .dd(.text(record.deskValue.flatMap { names[$0] } ?? record.desk),
                                     .unwrap(assignee) { .text("（承办人：\($0)）") },
                                     .if(record.assignmentGap, .span(.class("tag tag-warn"), .text("责任清单缺项，由县级业务管理员暂为答复")))),
                    .dt("反映路径"), .dd(.text(chain.compactMap { names[$0] }.joined(separator: " → "))),
                    .dt("时限"), .dd(.text(limitText.isEmpty ? "—" : limitText))
                )),
                .h2("问题描述"),
                .div(.class("prose"), .forEach(record.problemDescription.split(separator: "\n", omittingEmptySubsequences: false)) { .p(.text(String($0))) }),
                .unwrap(record.suggestion) { suggestion in
                    .group(.h2("解决的意见或建议"), .div(.class("prose"), .forEach(suggestion.split(separator: "\n")) { .p(.text(String($0))) }))
                },
                .if(!shots.isEmpty, .group(
                    .h2("截图"),
                    .div(.class("screenshots"), .forEach(shots) { shot in
                        .a(.href(SiteURL.problemScreenshot(id: id, position: shot.position).path),
                           .img(.src(SiteURL.problemScreenshot(id: id, position: shot.position).path), .alt("截图\(shot.position)")))
                    }))),
                .h2("处理过程"),
                .ol(.class("timeline"), .forEach(entries) { entry($0, names: names) }),
                .if(holds, .section(
                    .class("panel"), .h2("答复或上报"),
                    .form(.class("form"), .method(.post), .action(SiteURL.problemAction(id: id).path), .csrf(context),
                          ProblemFormPage.textArea("text", label: "答复内容（处理结果或指导意见），或上报原因", value: nil, rows: 4,
                                                   required: true, maxLength: ProblemReport.maximumTextLength, errors: FieldErrors(), hint: nil),
                          FormFields.text("days", label: "反馈时限（工作日，答复时必填）", value: nil, errors: FieldErrors(),
                                          hint: "在此期限内解决或反馈处理结果，按工作日历计算（\(ProblemReport.promisedWorkingDays.lowerBound)–\(ProblemReport.promisedWorkingDays.upperBound)个工作日）",
                                          maxLength: 2, inputMode: "numeric", required: false),
                          .div(.class("form-actions"),
                               CasePage.actionButton("reply", "答复", "button primary"),
                               .unwrap(record.deskValue?.escalation) { above in
                                   CasePage.actionButton("escalate", "无法解决，上报\(names[above] ?? "上级")", "button")
                               })))),
                .if(isReporter && record.stateValue != .waiting, .section(
                    .class("panel"), .h2("确认处理结果"),
                    .form(.class("form"), .method(.post), .action(SiteURL.problemAction(id: id).path), .csrf(context),
                          ProblemFormPage.textArea("text", label: "重新反映的说明（仍未解决时填写）", value: nil, rows: 3,
                                                   required: false, maxLength: ProblemReport.maximumTextLength, errors: FieldErrors(), hint: nil),
                          .div(.class("form-actions"),
                               .if(record.stateValue == .answered, CasePage.actionButton("solve", "已解决", "button primary")),
                               CasePage.actionButton("reopen", "未解决，重新反映", "button"))))),
            ])
        return HTMLResponse.make(html, status: status)
    }

    static func assigneeName(_ account: UUID, on db: any Database) async throws -> String? {
        guard let record = try await AccountRecord.find(account, on: db) else { return nil }
        return try await StaffPerson.find(record.personID, on: db).map { "\($0.name)（\(Post(rawValue: record.post)?.label ?? record.post)）" }
    }

    static func entry(_ entry: ProblemEntryRecord, names: [ProblemDesk: String]) -> Node<HTML.ListContext> {
        let who = "\(AuditLogPage.formatter.string(from: entry.at)) \(entry.actorUnitName) \(entry.actorName)："
        var extra = ""
        if let desk = entry.desk.flatMap(ProblemDesk.init(storageKey:)) { extra = " → \(names[desk] ?? desk.storageKey)" }
        if let days = entry.promisedDays, let by = entry.promisedBy { extra += "（反馈时限\(days)个工作日，至\(by)）" }
        return .li(.text(who), .strong(.text((entry.kindValue?.label ?? entry.kind) + extra)),
                   .unwrap(entry.text) { text in
                       .if(entry.kindValue != .filed, .div(.class("prose"), .forEach(text.split(separator: "\n")) { .p(.text(String($0))) }))
                   })
    }
}
