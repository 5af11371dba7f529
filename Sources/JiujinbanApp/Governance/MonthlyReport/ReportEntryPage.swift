import Foundation
import JiujinbanRules
import Plot

/// 调度表填报: the township's points with what the system filled (18–22) and the column the township enters (23),
/// the deadline and the submission's state; once locked, the exception request.
enum ReportEntryPage {
    static func render(_ context: ReportEntryView, error: String?, today: CalendarDate, page: PageContext) -> HTML {
        let state = context.submission.state
        let deadline = context.deadline
        let editable = context.refusal == nil
        return PageShell.render(
            title: "调度表填报（\(context.month)）", context: page,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "调度表填报", url: nil)],
            content: [
                .form(.class("filters"), .method(.get), .action(SiteURL.monthlyReportEntry().path),
                      .label(.text("报送月份 "), .input(.type(.month), .name("month"), .value(context.month.description))),
                      .button(.type(.submit), .class("button small"), .text("查看")),
                      // The township keeps the month's entry on paper too (A4 landscape, app.css @media print).
                      .button(.type(.button), .class("button small no-print"), .data(named: "print", value: "page"), .text("打印"))),
                .p(.class("lead"), .text("截止日期：\(deadline)（每月\(deadline.day)日前报送县领导小组办公室）。状态：\(state.label)"
                                         + (context.submission.submittedOn.map { "，\($0)报送" } ?? "")
                                         + (context.submission.comment.map { "。县级意见：\($0)" } ?? ""))),
                context.errors.isEmpty
                    ? .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) }
                    : FormFields.errorSummary(context.errors),
                .unwrap(context.refusal) { refusal in .div(.class("notice notice-warn"), .p(.text(refusal.message))) },
                .unwrap(context.exception) { exception in
                    .p(.class("hint"), .text("延期申请（\(exception.reason)）：\(exception.stateLabel)"
                                             + (exception.until.map { "，可填报至\($0)" } ?? "")))
                },
                .form(.method(.post), .action(SiteURL.monthlyReportEntry().path), .enctype(.multipartData), .csrf(page),
                      .input(.type(.hidden), .name("month"), .value(context.month.description)),
                      .input(.type(.hidden), .name(HeldUploads.submissionField), .value(context.formSubmission.uuidString.lowercased())),
                      .p(.class("hint"), .text("18–22列由系统根据合作协议和培训登记、账号授权、自助设备登记、验收结果自动填写，鼠标停留可查看依据；"
                                               + "乡镇只填写第23列。宣传凭证可上传PDF文档或PNG、JPEG照片，每个不超过5MB，一次提交合计不超过20MB；再次上传即替换。")),
                      // In a bounded box like the monthly table (app.css "The wide table"): its header row and
                      // the point's name stay in view over the township's 29 rows.
                      .div(.class("report-scroll entry-scroll"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
                           .attribute(named: "aria-label", value: "调度表填报（可在框内上下、左右滚动）"),
                      .table(.class("data-table compact entry-table"),
                             .thead(.tr(.th(.class("col-name"), .text("服务点")), .th("类型"),
                                        .forEach(ReportTask.allCases.filter(\.isAutomatic)) { .th(.text("\($0.rawValue) \($0.label)")) },
                                        .th("23 开展专题宣传"), .th("宣传情况说明（选填）"), .th("宣传凭证（选填）"))),
                             .tbody(.forEach(context.points) { point in
                                 let key = point.id.uuidString
                                 let entry = context.entries[key]
                                 return .tr(
                                     .td(.class("col-name"), .text(point.name)), .td(.text(point.kind.label)),
                                     .forEach(ReportTask.allCases.filter(\.isAutomatic)) { task in
                                         .td(.attribute(named: "title", value: context.reasons[key]?[task]),
                                             .text(!task.applies(to: point.kind) ? "/" : (context.automatic[key]?[task] == true ? "1" : "0")))
                                     },
                                     .td(.input(.type(.checkbox), .name("publicity_\(key)"), .value("1"),
                                                .attribute(named: "aria-label", value: "\(point.name)已开展专题宣传"),
                                                .attribute(named: "checked", value: entry?.done == true ? "checked" : nil),
                                                .attribute(named: "disabled", value: editable ? nil : "disabled"))),
                                     .td(.attribute(named: "class", value: context.errors.message(for: "note_\(key)") == nil ? nil : "field-invalid"),
                                         .input(.type(.text), .name("note_\(key)"), .id("note_\(key)"), .value(entry?.evidenceNote ?? ""),
                                                .attribute(named: "maxlength", value: "200"),
                                                .attribute(named: "aria-label", value: "\(point.name)宣传情况说明"),
                                                .attribute(named: "disabled", value: editable ? nil : "disabled"))),
                                     .td(.class("evidence"),
                                         .unwrap(context.evidence[key]) { file in
                                             .div(.a(.href(SiteURL.monthlyReportEvidence(id: file.id).path), .text(file.fileName)),
                                                  .if(editable, .label(.class("inline"),
                                                                       .input(.type(.checkbox), .name("remove_evidence_\(key)"), .value("1")),
                                                                       .text(" 删除"))))
                                         },
                                         .if(editable, .input(.type(.file), .name("evidence_\(key)"), .id("evidence_\(key)"),
                                                              .attribute(named: "accept", value: "application/pdf,image/png,image/jpeg"),
                                                              .attribute(named: "aria-label", value: "\(point.name)宣传凭证"))),
                                         .unwrap(context.held[key]) { name in
                                             .span(.class("held-file"), .text("已保留“\(name)”，提交时一并上传；重新打开本页即不再保留"))
                                         }))
                             }))),
                      .if(editable, .div(.class("form-actions"),
                                         CasePage.actionButton("save", "保存", "button"),
                                         submitButton(state == .draft ? "报送县领导小组办公室" : "重新报送", month: context.month)))),
                .if(isLocked(context.refusal) && context.exception?.isRequested != true, .section(
                    .class("panel"), .h2("申请延期填报"),
                    .form(.class("form"), .method(.post), .action(SiteURL.monthlyReportException.path), .csrf(page),
                          .input(.type(.hidden), .name("month"), .value(context.month.description)),
                          FormFields.text("reason", label: "延期原因", value: context.exceptionReason, errors: context.exceptionErrors,
                                          maxLength: 200),
                          .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("提交延期申请")))))),
            ])
    }

    /// 报送 asks before it is sent (site.js `data-confirm` on the button); 保存 does not.
    static func submitButton(_ label: String, month: ReportMonth) -> Node<HTML.FormContext> {
        .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "submit"),
                .class("button primary"), .attribute(named: "data-confirm", value: "确认报送\(month)的调度表？报送后由县领导小组办公室审核。"),
                .text(label))
    }

    static func isLocked(_ refusal: ReportCycle.Refusal?) -> Bool {
        switch refusal {
        case .locked?, .exceptionExpired?: true
        default: false
        }
    }
}
