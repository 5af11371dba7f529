import Foundation
import JiujinbanRules
import Plot

enum JobFairsPage {
    static func crumbs(_ last: String?) -> [Crumb] {
        [Crumb(label: "首页", url: .home), Crumb(label: "我要找工作", url: .serviceCategory(key: "job"))]
            + (last.map { [Crumb(label: "招聘会信息", url: .jobFairs()), Crumb(label: $0, url: nil)] } ?? [Crumb(label: "招聘会信息", url: nil)])
    }

    struct ListModel: Sendable {
        let fairs: [JobFairView]
        let total: Int
        let filter: JobFairRecord.Filter
        let query: String
        let now: WallClockTime
        let divisions: [DivisionSummary]
        let manages: Bool
    }

    static func tag(_ status: JobFairStatus) -> Node<HTML.BodyContext> {
        let style = switch status {
        case .ongoing: "tag tag-warn"
        case .cancelled: "tag tag-late"
        case .scheduled, .ended: "tag"
        }
        return .span(.class(style), .text(status.label))
    }

    static func index(_ model: ListModel, context: PageContext) -> HTML {
        let filter = model.filter
        return PageShell.render(
            title: "招聘会信息查询", context: context, crumbs: crumbs(nil),
            content: [
                CounterSearch.panel(context),
                .form(.class("filters"), .method(.get), .action(SiteURL.jobFairs().path), CounterSearch.keep(context),
                      .label(.for("status"), .text("状态")),
                      .select(.attribute(named: "name", value: "status"), .id("status"),
                              .forEach(JobFairRecord.Period.allCases) { period in
                                  .choice(period == .upcoming ? "" : period.rawValue, period.label, selected: period == filter.period)
                              }),
                      .label(.for("division"), .text("举办地区")),
                      .select(.attribute(named: "name", value: "division"), .id("division"),
                              .choice("", "全省"),
                              .choices(DirectoryDivisions.options(model.divisions), selected: filter.division?.value)),
                      .label(.text("关键词 "), .input(.type(.search), .name("q"), .value(model.query),
                                                    .attribute(named: "placeholder", value: "如：高校毕业生 食品"),
                                                    .attribute(named: "maxlength", value: "100"))),
                      .button(.type(.submit), .class("button small"), .text("查询")),
                      .if(model.manages, .a(.class("button small"), .href(SiteURL.newJobFair.path), .text("发布招聘会")))),
                .p(.class("hint"), .text("\(filter.period.label)：共\(model.total)场"
                    + (model.total > model.fairs.count ? "，显示前\(model.fairs.count)场，请加关键词或地区缩小范围" : "")
                    + (filter.terms.isEmpty ? "" : "（关键词“\(filter.terms.joined(separator: " "))”须同时出现在名称、场所、服务对象、主办单位或参会单位中）")
                    + "。状态按当前时间（\(model.now.chinese)）计算。")),
                .if(model.fairs.isEmpty, .p(.class("empty"), .text("没有符合条件的招聘会"))),
                .if(!model.fairs.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("招聘会"), .th("时间"), .th("举办场所"), .th("服务对象"), .th("举办地区"), .th(.class("num"), "参会单位"),
                               .th("状态"))),
                    .tbody(.forEach(model.fairs) { fair in
                        .tr(.td(.a(.href(SiteURL.jobFair(id: fair.id).path), .text(fair.title))),
                            .td(.text(fair.timeText)),
                            .td(.text(fair.venue)),
                            .td(.text(fair.audience)),
                            .td(.text(fair.divisionName)),
                            .td(.class("num"), .text(fair.employerCount == 0 ? "待公布"
                                                     : "\(fair.employerCount)家" + (fair.postCount > 0 ? "，\(fair.postCount)个岗位" : ""))),
                            .td(tag(fair.status)))
                    }))),
            ])
    }

    static func show(_ fair: JobFairView, edits: Bool, cancelErrors: FieldErrors, reason: String?, context: PageContext) -> HTML {
        let (status, employers, id) = (fair.status, fair.employers, fair.id)
        return PageShell.render(
            title: fair.title, context: context, crumbs: crumbs(fair.title),
            content: [
                .p(.class("lead"), tag(status), .text(" " + fair.timeText)),
                .if(status == .cancelled, .div(.class("notice notice-warn"),
                    .p(.text("该招聘会已取消" + (fair.cancelReason.map { "：\($0)" } ?? "") + "。")))),
                .div(.class("facts"), .dl(
                    .dt("时间"), .dd(.text(fair.timeText)),
                    .dt("举办场所"), .dd(.text(fair.venue)),
                    .dt("详细地址"), .dd(.text(fair.address)),
                    .dt("服务对象"), .dd(.text(fair.audience)),
                    .dt("主办单位"), .dd(.text(fair.organiser)),
                    .dt("举办地区"), .dd(.text(fair.divisionName)),
                    .dt("联系电话"), .dd(.text(fair.contactPhone)),
                    .dt("参会单位"), .dd(.text(employers.isEmpty ? "尚未公布"
                                            : "\(employers.count)家" + (fair.postCount > 0 ? "，共\(fair.postCount)个岗位" : "")))
                )),
                .if(!employers.isEmpty, .ol(.class("employer-list"), .forEach(employers) { employer in
                    .li(.text(employer.name + (employer.posts.map { "（\($0)个岗位）" } ?? "")))
                })),
                .if(edits, .div(.class("actions"),
                    .a(.class("button"), .href(SiteURL.editJobFair(id: id).path), .text("修改")))),
                .if(edits && (status == .scheduled || status == .ongoing), .h2("取消招聘会")),
                FormFields.errorSummary(cancelErrors),
                .if(edits && (status == .scheduled || status == .ongoing), .form(
                    .class("form"), .method(.post), .action(SiteURL.cancelJobFair(id: id).path), .csrf(context),
                    FormFields.text("reason", label: "取消原因", value: reason, errors: cancelErrors, hint: "取消后列表和详情中显示“已取消”及原因，不能恢复",
                                    maxLength: 100),
                    .div(.class("form-actions"), .button(.type(.submit), .class("button danger"), .data(named: "confirm", value: "确认取消该招聘会？取消后不能恢复。"),
                                                         .text("确认取消"))))),
            ])
    }

    static func form(_ values: JobFairDraft, editing: UUID?, divisions: [DivisionSummary], errors: FieldErrors, context: PageContext) -> HTML {
        let title = editing == nil ? "发布招聘会" : "修改招聘会"
        let action = editing.map { SiteURL.jobFair(id: $0).path } ?? SiteURL.jobFairs().path
        return PageShell.render(
            title: title, context: context, crumbs: crumbs(editing == nil ? "发布" : "修改"),
            content: [
                FormFields.errorSummary(errors),
                // Multipart: 200 employers of 50 characters, percent-encoded, would not fit the 64 KB form limit.
                .form(.class("form"), .method(.post), .action(action), .enctype(.multipartData), .csrf(context),
                      FormFields.text("title", label: "招聘会名称", value: values.title, errors: errors, maxLength: 100),
                      .div(.class("field-row"),
                           FormFields.text("start_date", label: "开始日期", value: values.startDate, errors: errors, hint: "如2026-12-05",
                                           maxLength: 10),
                           FormFields.text("start_time", label: "开始时间", value: values.startTime, errors: errors, hint: "24小时制，如09:00",
                                           maxLength: 5)),
                      .div(.class("field-row"),
                           FormFields.text("end_date", label: "结束日期", value: values.endDate, errors: errors,
                                           hint: "当天结束的可不填；从开始日到结束日最长\(JobFairDraft.longestDays)天", maxLength: 10, required: false),
                           FormFields.text("end_time", label: "结束时间", value: values.endTime, errors: errors, hint: "24小时制，如16:30",
                                           maxLength: 5)),
                      FormFields.text("venue", label: "举办场所", value: values.venue, errors: errors, hint: "如：芮城县人力资源市场一楼大厅",
                                      maxLength: 50),
                      FormFields.text("address", label: "详细地址", value: values.address, errors: errors, maxLength: 100),
                      FormFields.select("division", label: "举办单位所在区划", choices: DirectoryDivisions.options(divisions),
                                        selected: values.division, errors: errors),
                      FormFields.text("audience", label: "服务对象", value: values.audience, errors: errors,
                                      hint: "如：高校毕业生、农村劳动力、退役军人", maxLength: 100),
                      FormFields.text("organiser", label: "主办单位", value: values.organiser, errors: errors, maxLength: 50),
                      FormFields.text("contact_phone", label: "联系电话", value: values.contactPhone, errors: errors,
                                      hint: "手机号码，或带区号的固定电话，如0359-3021234", maxLength: 30),
                      .div(.class(errors.message(for: "employers") == nil ? "field" : "field field-invalid"),
                           .label(.for("employers"), .text("参会单位")),
                           .textarea(.name("employers"), .id("employers"), .attribute(named: "rows", value: "12"),
                                     .attribute(named: "aria-describedby", value: "employers-help"), .text(values.employers ?? "")),
                           .div(.id("employers-help"), .class("field-help"),
                                .unwrap(errors.message(for: "employers")) { .p(.class("field-error"), .text($0)) },
                                .p(.class("hint"), .text("每行一家单位，名称后可空一格写岗位数，如“山西某某食品有限公司 15”；最多\(JobFairDraft.maximumEmployers)家，尚未确定的可先不填")))),
                      .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("保存")))),
            ])
    }
}
