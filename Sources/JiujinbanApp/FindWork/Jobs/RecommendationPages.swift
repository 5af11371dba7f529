import Foundation
import JiujinbanRules
import Plot

enum RecommendationPages {
    /// 登记就业: what was typed, and its problems after a refused submission. A new form starts empty: the day the
    /// person started work is what they say, not today.
    struct EmploymentForm: Sendable {
        var employer = ""
        var startedOn = ""
        var errors = FieldErrors()
    }

    static func page(_ view: JobRecommendationsView, employment: EmploymentForm, context: PageContext) -> HTML {
        let (citizenID, seeker, matches, mayRegister) = (view.citizenID, view.seeker, view.matches, view.mayRegister)
        return PageShell.render(
            title: "固定工岗位信息推荐", context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: view.maskedName, url: .citizen(id: citizenID)),
                     Crumb(label: "岗位推荐", url: nil)],
            content: [
                .unwrap(seeker, { seeker in
                    .div(.class("facts"), .dl(
                        .dt("求职人"), .dd(.text(view.maskedName)),
                        .dt("求职工种"), .dd(.text(seeker.wantedText)),
                        .dt("期望月薪"), .dd(.text(seeker.wageText)),
                        .dt("通勤距离"), .dd(.text(seeker.distanceText)),
                        .dt("工作地点"), .dd(.text(seeker.placesText)),
                        .dt("学历"), .dd(.text(seeker.educationLabel)),
                        .dt("可到岗日期"), .dd(.text(seeker.availableFrom)),
                        .dt("登记状态"), .dd(.text(seeker.statusText))
                    ))
                }, else: .p(.class("empty"), .text("该群众尚未进行固定工求职登记，请先办理求职登记。"))),
                .if(mayRegister, .p(.a(.class("button"), .href(SiteURL.newCase(citizen: citizenID, item: JobSeekerItem.seq).path),
                                       .text(seeker == nil ? "办理求职登记" : "修改求职登记")))),
                .if(seeker?.isActive == true, .group(
                    .h2("推荐岗位（\(matches.count)个）"),
                    FormFields.errorSummary(view.errors),
                    .if(view.widening.isWidened, .p(.class("hint widened"),
                        .text("本次查询已\(view.widening.description)，仅用于本次推荐，不改变求职登记。"),
                        .a(.href(SiteURL.jobRecommendations(citizen: citizenID).path), .text("按求职登记的条件查询")))),
                    .p(.class("hint"), .text("按职业（40分）、距离（30分，以服务点位置计）、薪资（20分）、年龄学历（10分）综合排序；已过期、可到岗日期前截止、年龄或学历不符、超出通勤距离或不在可接受工作地点的岗位不推荐。")),
                    .if(matches.isEmpty, nextSteps(view, context: context)),
                    .ol(.class("matches"), .forEach(matches) { match in
                        .li(
                            .div(.class("match-head"),
                                 .a(.href("/jobs/postings/" + match.postingID), .text(match.title)),
                                 .span(.text(" · " + match.employerName)),
                                 .strong(.class("score"), .text(" \(match.score)分"))),
                            .ul(.class("reasons"), .forEach(match.reasons) { reason in
                                .li(.span(.class("points"), .text("\(reason.points)/\(reason.maximum)")), .text(" " + reason.text))
                            }))
                    }),
                    .if(view.mayPush, recordPanel(view, context: context)))),
                .if(mayRegister && seeker?.isActive == true && (view.recommended || !employment.errors.isEmpty),
                    employmentSection(citizenID, employment, context: context)),
            ])
    }

    /// 登记就业: ends the search registrations, and an unemployment registration as 就业.
    static func employmentSection(_ citizen: UUID, _ form: EmploymentForm, context: PageContext) -> Node<HTML.BodyContext> {
        .section(
            .class("panel"), .id("employed"), .h2("登记就业"),
            .p(.class("hint"), .text("群众已找到工作时登记：结束其固定工和零工求职登记（保留就业单位作为结束原因）；有有效失业登记的，按“就业”终止，《就业创业证》状态改为就业。")),
            FormFields.errorSummary(form.errors),
            .form(.class("form"), .method(.post), .action(SiteURL.jobSeekerEmployed(citizen: citizen).path), .csrf(context),
                  FormFields.text("employer", label: "就业单位或岗位", value: form.employer, errors: form.errors, maxLength: 60),
                  FormFields.text("started_on", label: "就业开始日期", value: form.startedOn, errors: form.errors, hint: "格式：2026-12-01",
                                  maxLength: 10),
                  .div(.class("form-actions"), .button(.type(.submit), .class("button"), .text("登记已就业")))))
    }

    struct SeekerLine {
        let citizen: UUID
        let maskedName: String
        let occupations: String
        let expectedWageFen: Int?
        let availableFrom: String
        let registeredOn: String
    }

    static func seekers(_ lines: [SeekerLine], total: Int, page: Int, pages: Int, context: PageContext) -> HTML {
        PageShell.render(
            title: "求职登记人员", context: context,
            crumbs: EmployerPages.crumbs([Crumb(label: "求职登记人员", url: nil)]),
            content: [
                .p(.class("hint"), .text("本辖区居住的有效求职登记共\(total)人。")),
                .if(lines.isEmpty, .p(.class("empty"), .text("暂无求职登记"))),
                .if(!lines.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("姓名"), .th("求职工种"), .th("期望月薪（元）"), .th("可到岗"), .th("登记日期"), .th(""))),
                    .tbody(.forEach(lines) { line in
                        .tr(.td(.text(line.maskedName)), .td(.text(line.occupations.isEmpty ? "不限" : line.occupations)),
                            .td(.class("num"), .text(line.expectedWageFen.map(JobPostingPages.yuan) ?? "")),
                            .td(.text(line.availableFrom)), .td(.text(line.registeredOn)),
                            .td(.a(.href(SiteURL.jobRecommendations(citizen: line.citizen).path), .text("岗位推荐"))))
                    }))),
                .if(pages > 1, .nav(
                    .class("pager"),
                    .if(page > 1, .a(.href(SiteURL.jobSeekers(query: [("page", String(page - 1))]).path), .text("上一页"))),
                    .span(.text("第 \(page) 页 / 共 \(pages) 页")),
                    .if(page < pages, .a(.href(SiteURL.jobSeekers(query: [("page", String(page + 1))]).path), .text("下一页"))))),
            ])
    }
}
