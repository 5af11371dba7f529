import Foundation
import JiujinbanRules
import Plot

/// 报送情况: which townships submitted the month's table, on time or not, and what the county decided; summed per
/// county for a city or the province. A plain value: `ReportProgress.load` (ReportProgressQuery.swift) reads it.
struct ReportProgress: Sendable {
    /// The hidden field naming the county tasks the form shows: unticked boxes send nothing (`CompleteForm`).
    static let countyTasksMarker = "tasks_shown"

    struct Township: Sendable {
        let code: String
        let name: String
        let state: ReportCycle.State
        let submittedOn: String?
        let onTime: Bool?
        let comment: String?
        let pendingException: (id: UUID, reason: String)?
    }

    struct County: Sendable {
        let name: String
        let townships: Int
        let submitted: Int
        let onTime: Int
        let accepted: Int
    }

    /// A county decision the rules refused (退回 without a reason, an extension date out of range): drawn again at its
    /// township with the problem and what was typed.
    struct Refused: Sendable {
        let township: String
        let message: String
        var comment = ""
        var until = ""
    }

    let townships: [Township]
    let counties: [County]
    let countyTasks: [ReportTask: Bool]
    /// The month's last day for submission (the deadline day, a dated policy figure).
    let deadline: CalendarDate
    var refused: Refused?

    /// The panel above the table: per township for a county (with the office's actions when the user reviews), per
    /// county for a city or the province.
    func panel(month: ReportMonth, reviews: Bool, context: PageContext) -> Node<HTML.BodyContext> {
        let submitted = townships.filter { $0.state != .draft }.count
        let onTime = townships.filter { $0.onTime == true }.count
        return .section(
            .class("report-progress"),
            .h2(.text("报送情况：已报送\(submitted)/\(townships.count)个乡镇，按时\(onTime)个（截止\(deadline)）")),
            .if(!counties.isEmpty, .table(
                .class("data-table compact"),
                .thead(.tr(.th("县（市、区）"), .th(.class("num"), "乡镇数"), .th(.class("num"), "已报送"), .th(.class("num"), "按时报送"),
                           .th(.class("num"), "已采用"), .th(.class("num"), "完整率"))),
                .tbody(.forEach(counties) { county in
                    .tr(.td(.text(county.name)), .td(.class("num"), .text(String(county.townships))),
                        .td(.class("num"), .text(String(county.submitted))), .td(.class("num"), .text(String(county.onTime))),
                        .td(.class("num"), .text(String(county.accepted))),
                        .td(.class("num"), .text(county.townships == 0 ? "—" : "\(county.submitted * 100 / county.townships)%")))
                }))),
            .if(counties.isEmpty, .table(
                .class("data-table compact"),
                .thead(.tr(.th("乡镇"), .th("状态"), .th("报送日期"), .th("是否按时"), .th("县级意见"), .if(reviews, .th("审核")))),
                .tbody(.forEach(townships) { township in
                    .tr(.td(.text(township.name)), .td(.text(township.state.label)), .td(.text(township.submittedOn ?? "")),
                        .td(.text(township.onTime.map { $0 ? "按时" : "逾期" } ?? "")), .td(.text(township.comment ?? "")),
                        .if(reviews, .td(actions(township, month: month, context: context))))
                }))),
            .if(reviews && counties.isEmpty, countyTasksForm(month: month, context: context))
        )
    }

    func actions(_ township: Township, month: ReportMonth, context: PageContext) -> Node<HTML.BodyContext> {
        let refused = refused?.township == township.code ? refused : nil
        return .group(
            .unwrap(refused) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0.message)) },
            // Two forms, so Enter in the return reason can only return, and 采用 never carries a return reason.
            .if(township.state == .submitted, .group(
                .form(.method(.post), .action(SiteURL.monthlyReportDecision.path), .class("inline"), .csrf(context),
                      .input(.type(.hidden), .name("month"), .value(month.description)),
                      .input(.type(.hidden), .name("township"), .value(township.code)),
                      .input(.type(.hidden), .name("decision"), .value("accept")),
                      .button(.type(.submit), .data(named: "confirm", value: "确认采用\(township.name)\(month)的调度表？采用后乡镇不能再修改。"),
                              .class("button small"), .text("采用"))),
                .form(.method(.post), .action(SiteURL.monthlyReportDecision.path), .class("inline"), .csrf(context),
                      .input(.type(.hidden), .name("month"), .value(month.description)),
                      .input(.type(.hidden), .name("township"), .value(township.code)),
                      .input(.type(.hidden), .name("decision"), .value("return")),
                      .input(.type(.text), .name("comment"), .value(refused?.comment ?? ""), .attribute(named: "placeholder", value: "退回原因"),
                             .attribute(named: "aria-label", value: "\(township.name)退回原因"), .attribute(named: "maxlength", value: "200"),
                             .attribute(named: "required", value: "required")),
                      .button(.type(.submit), .data(named: "confirm", value: "确认退回\(township.name)\(month)的调度表？退回原因将通知乡镇。"),
                              .class("button small danger"), .text("退回"))))),
            .unwrap(township.pendingException) { exception in
                .form(.method(.post), .action(SiteURL.monthlyReportExceptionDecision(id: exception.id).path), .class("inline"), .csrf(context),
                      .span(.text("延期申请：\(exception.reason) ")),
                      .input(.type(.date), .name("until"), .value(refused?.until ?? ""), .attribute(named: "aria-label", value: "延期至")),
                      .button(.type(.submit), .attribute(named: "name", value: "decision"), .attribute(named: "value", value: "grant"),
                              .data(named: "confirm", value: "确认批准\(township.name)的延期申请？"),
                              .class("button small"), .text("批准")),
                      .button(.type(.submit), .attribute(named: "name", value: "decision"), .attribute(named: "value", value: "refuse"),
                              .data(named: "confirm", value: "确认不批准\(township.name)的延期申请？"),
                              .class("button small"), .text("不批准")))
            })
    }

    func countyTasksForm(month: ReportMonth, context: PageContext) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(SiteURL.monthlyReportCountyTasks.path), .class("county-tasks"), .csrf(context),
              .input(.type(.hidden), .name("month"), .value(month.description)),
              .input(.type(.hidden), .name(Self.countyTasksMarker),
                     .value(ReportTask.allCases.filter(\.isCountyTask).map { String($0.rawValue) }.joined(separator: ","))),
              .strong("本县任务（第16、17、24列）："),
              .forEach(ReportTask.allCases.filter(\.isCountyTask)) { task in
                  .label(.input(.type(.checkbox), .name("task_\(task.rawValue)"), .value("1"),
                                .attribute(named: "checked", value: countyTasks[task] == true ? "checked" : nil)),
                         .text(" \(task.rawValue) \(task.label) "))
              },
              .button(.type(.submit), .class("button small"), .text("保存")))
    }
}
