import Foundation
import JiujinbanRules
import Plot

/// Item 3's search page and a posting's page.
enum JobPostingPages {
    static func wageText(_ low: Int, _ high: Int) -> String {
        low == high ? yuan(low) : "\(yuan(low))–\(yuan(high))"
    }

    static func yuan(_ fen: Int) -> String {
        fen % 100 == 0 ? String(fen / 100) : String(format: "%d.%02d", fen / 100, fen % 100)
    }

    static func requirements(education: EducationLevel?, ages: ClosedRange<Int>?) -> String {
        let parts = [education.map { "\($0.label)及以上" }, ages.map { "\($0.lowerBound)–\($0.upperBound)岁" }].compactMap { $0 }
        return parts.isEmpty ? "不限" : parts.joined(separator: "，")
    }

    static func search(_ filter: JobPostingsController.Filter, result: JobMarket.Page?, errors: FieldErrors, occupations: GroupedChoices,
                       areas: [FormFields.Option], context: PageContext) -> HTML {
        PageShell.render(
            title: "固定工岗位信息查询", context: context,
            crumbs: EmployerPages.crumbs([Crumb(label: "岗位查询", url: nil)]),
            content: [
                CounterSearch.panel(context),
                FormFields.errorSummary(errors),
                .form(.class("filters"), .method(.get), .action(SiteURL.jobPostings().path), CounterSearch.keep(context),
                      .label(.text("关键词 "), .input(.type(.search), .name("q"), .value(filter.keyword),
                                                    .attribute(named: "placeholder", value: "岗位、单位"), .attribute(named: "maxlength", value: "50"))),
                      .label(.text("职业 "), .select(.attribute(named: "name", value: "occupation"), .attribute(named: "data-filter", value: "筛选职业"),
                                                   .choice("", "不限"), .choices(occupations, selected: filter.occupation))),
                      .label(.text("工作地点 "), .select(.attribute(named: "name", value: "area"), .choice("", "全省"),
                                                     .forEach(areas) { .choice($0.value, $0.label, selected: $0.value == filter.area) })),
                      .label(.text("月薪不低于 "), .input(.type(.text), .name("wage"), .value(filter.wage), .class("short"),
                                                      .attribute(named: "inputmode", value: "decimal"), .attribute(named: "maxlength", value: "10")), .text(" 元")),
                      .label(.text("本人学历 "), .select(.attribute(named: "name", value: "education"), .choice("", "不限"),
                                                     .forEach(EducationLevel.allCases) { .choice(String($0.rawValue), $0.label, selected: String($0.rawValue) == filter.education) })),
                      .label(.text("排序 "), .select(.attribute(named: "name", value: "sort"),
                                                   .forEach(JobMarket.Sort.allCases) { .choice($0.rawValue, $0.label, selected: $0 == filter.sort) })),
                      .button(.type(.submit), .class("button small primary"), .text("查询"))),
                .unwrap(result) { page in
                    .group(
                        .p(.class("hint"), .text("共\(page.total)个招聘中的岗位（已过期和已停止招聘的不显示）。")),
                        .if(page.postings.isEmpty, .p(.class("empty"), .text("没有符合条件的岗位"))),
                        .if(!page.postings.isEmpty, .table(
                            .class("data-table"),
                            .thead(.tr(.th("岗位"), .th("用人单位"), .th("职业"), .th("人数"), .th("月薪（元）"), .th("要求"), .th("有效期至"))),
                            .tbody(.forEach(page.postings) { posting in
                                .tr(.td(.a(.href("/jobs/postings/" + posting.id), .text(posting.title))),
                                    .td(.a(.href("/jobs/employers/" + posting.employerID), .text(posting.employerName))),
                                    .td(.text(posting.occupationName)), .td(.class("num"), .text(String(posting.headcount))),
                                    .td(.class("num"), .text(wageText(posting.wageMinimumFen, posting.wageMaximumFen))),
                                    .td(.text(requirements(education: posting.minimumEducation, ages: posting.ages))),
                                    .td(.text(posting.validUntil.iso)))
                            }))),
                        .if(page.pageCount > 1, .nav(
                            .class("pager"), .attribute(named: "aria-label", value: "分页"),
                            .if(page.page > 1, .a(.href(SiteURL.jobPostings(query: CounterSearch.kept(filter.items(page: page.page - 1), context)).path), .text("上一页"))),
                            .span(.text("第 \(page.page) 页 / 共 \(page.pageCount) 页")),
                            .if(page.page < page.pageCount, .a(.href(SiteURL.jobPostings(query: CounterSearch.kept(filter.items(page: page.page + 1), context)).path), .text("下一页")))))
                    )
                },
            ])
    }

    static func show(_ posting: JobPostingView, context: PageContext) -> HTML {
        PageShell.render(
            title: posting.title, context: context,
            crumbs: EmployerPages.crumbs([Crumb(label: "岗位查询", url: .jobPostings()), Crumb(label: posting.title, url: nil)]),
            content: [
                .div(.class("facts"), .dl(
                    .dt("用人单位"), .dd(.a(.href(SiteURL.employer(id: posting.employerID).path), .text(posting.employerName))),
                    .dt("职业"), .dd(.text(posting.occupationText)),
                    .dt("招聘人数"), .dd(.text("\(posting.headcount)人")),
                    .dt("月薪"), .dd(.text(posting.wageText + "元")),
                    .dt("要求"), .dd(.text(posting.requirementsText)),
                    .dt("工作地点"), .dd(.text(posting.placeText)),
                    .dt("工作时间"), .dd(.text(posting.hoursText)),
                    .dt("有效期至"), .dd(.text(posting.validUntil)),
                    .dt("联系方式"), .dd(.text(posting.contactText)),
                    .dt("状态"), .dd(.strong(.text(posting.statusText)))
                )),
                .if(posting.matchesSeekers && posting.isOpen,
                    .p(.a(.class("button"), .href(SiteURL.jobPostingSeekers(id: posting.id).path), .text("适合的求职者（本辖区）")))),
                .if(posting.manages && posting.isOpen,
                    .form(.method(.post), .action(SiteURL.closeJobPosting(id: posting.id).path), .class("inline"), .csrf(context),
                          .label(.text("停止招聘："), .select(.attribute(named: "name", value: "reason"),
                                                         .choice("filled", "已招满"), .choice("withdrawn", "单位撤回"))),
                          .button(.type(.submit), .class("button small danger"),
                                  .data(named: "confirm", value: "确认停止招聘“\(posting.title)”？停止后不再参与匹配和查询。"),
                                  .text("停止招聘")))),
            ])
    }
}
