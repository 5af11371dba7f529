import Foundation
import JiujinbanRules
import Plot

/// Pages of the gig items.
enum GigPages {
    static func crumbs(_ trail: [Crumb]) -> [Crumb] {
        [Crumb(label: "首页", url: .home), Crumb(label: "我要找工作", url: .serviceCategory(key: "job"))] + trail
    }

    /// One gig of the search's list, display-ready (`GigPages.Line(row:names:)` reads it from the search's row).
    struct Line {
        let id: UUID
        let skillName: String
        let content: String
        let recruiterUnit: String?
        let days: String
        let places: String
        let dayWage: String
    }

    static func search(_ filter: GigsController.Filter, lines: [Line], total: Int, pages: Int, skills: [(code: String, name: String)],
                       areas: [FormFields.Option], errors: FieldErrors, context: PageContext) -> HTML {
        PageShell.render(
            title: "零工岗位信息查询", context: context, crumbs: crumbs([Crumb(label: "零工岗位查询", url: nil)]),
            content: [
                CounterSearch.panel(context),
                FormFields.errorSummary(errors),
                .form(.class("filters"), .method(.get), .action(SiteURL.gigs().path), CounterSearch.keep(context),
                      .label(.text("技能 "), .select(.attribute(named: "name", value: "skill"), .choice("", "不限"),
                                                   .forEach(skills) { .choice($0.code, $0.name, selected: $0.code == filter.skill) })),
                      .label(.text("用工地点 "), .select(.attribute(named: "name", value: "area"), .choice("", "全县"),
                                                     .forEach(areas) { .choice($0.value, $0.label, selected: $0.value == filter.area) })),
                      .label(.text("用工日期 "), .input(.type(.text), .name("date"), .value(filter.date), .class("short"),
                                                    .attribute(named: "placeholder", value: "如2026-12-05"), .attribute(named: "maxlength", value: "10"))),
                      .label(.text("日工资不低于 "), .input(.type(.text), .name("wage"), .value(filter.wage), .class("short"),
                                                       .attribute(named: "maxlength", value: "10")), .text(" 元")),
                      .button(.type(.submit), .class("button small primary"), .text("查询")),
                      .a(.class("button small"), .href(SiteURL.gigSkills.path), .text("本县零工技能"))),
                .if(errors.isEmpty, .p(.class("hint"), .text("共\(total)个招用中的零工岗位（已结束和已招满的不显示）。"))),
                .if(errors.isEmpty && lines.isEmpty, .p(.class("empty"), .text("没有符合条件的零工岗位"))),
                .if(!lines.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("技能"), .th("工作内容"), .th("用工日期"), .th("缺额/人数"), .th("日工资（元）"))),
                    .tbody(.forEach(lines) { line in
                        .tr(.td(.a(.href(SiteURL.gig(id: line.id).path), .text(line.skillName))),
                            .td(.text(line.content + (line.recruiterUnit.map { "（\($0)）" } ?? ""))), .td(.text(line.days)),
                            .td(.class("num"), .text(line.places)), .td(.class("num"), .text(line.dayWage)))
                    }))),
                .if(pages > 1, .nav(
                    .class("pager"),
                    .if(filter.page > 1, .a(.href(SiteURL.gigs(query: CounterSearch.kept(filter.items(page: filter.page - 1), context)).path), .text("上一页"))),
                    .span(.text("第 \(filter.page) 页 / 共 \(pages) 页")),
                    .if(filter.page < pages, .a(.href(SiteURL.gigs(query: CounterSearch.kept(filter.items(page: filter.page + 1), context)).path), .text("下一页"))))),
            ])
    }

    static func show(_ gig: GigView, hired: (typed: String, error: String)? = nil, context: PageContext) -> HTML {
        PageShell.render(
            title: "零工：\(gig.skillName)", context: context,
            crumbs: crumbs([Crumb(label: "零工岗位查询", url: .gigs()), Crumb(label: gig.skillName, url: nil)]),
            content: [
                .div(.class("facts"), .dl(
                    .dt("工作内容"), .dd(.text(gig.content)),
                    .dt("用工单位"), .dd(.text(gig.recruiterText)),
                    .dt("用工地点"), .dd(.text(gig.placeText)),
                    .dt("用工日期"), .dd(.text(gig.daysText)),
                    .dt("招用人数"), .dd(.text(gig.headcountText)),
                    .dt("日工资"), .dd(.text(gig.dayWageText)),
                    .dt("联系电话"), .dd(.text(gig.phone)),
                    .dt("状态"), .dd(.strong(.text(gig.stateLabel)))
                )),
                .if(gig.mayRecordHired,
                    .form(.method(.post), .action(SiteURL.gigHired(id: gig.id).path), .class("inline"), .csrf(context),
                          .label(.for("hired"), .text("已招人数 ")),
                          .input(.id("hired"), .type(.text), .name("hired"), .value(hired?.typed ?? String(gig.hired)), .class("short"),
                                 .attribute(named: "inputmode", value: "numeric")),
                          .button(.type(.submit), .class("button small"), .text("登记")),
                          .unwrap(hired?.error) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) })),
            ])
    }

    static func reasons(_ reasons: [GigMatcher.Reason]) -> Node<HTML.BodyContext> {
        .ul(.class("reasons"), .forEach(reasons) { reason in
            .li(.span(.class("points"), .text("\(reason.points)/\(reason.maximum)")), .text(" " + reason.text))
        })
    }

    static func forWorker(_ view: WorkerGigsView, context: PageContext) -> HTML {
        let (citizenID, seeker, matches, mayPush, mayRegister) = (view.citizenID, view.seeker, view.matches, view.mayPush, view.mayRegister)
        return PageShell.render(
            title: "零工岗位信息推荐", context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: view.maskedName, url: .citizen(id: citizenID)),
                     Crumb(label: "零工推荐", url: nil)],
            content: [
                .unwrap(seeker, { seeker in
                    .div(.class("facts"), .dl(
                        .dt("零工"), .dd(.text(view.maskedName)), .dt("技能"), .dd(.text(seeker.skillsText)),
                        .dt("可工作日"), .dd(.text(seeker.weekdaysText)),
                        .dt("期望日工资"), .dd(.text(seeker.wageText)), .dt("接活范围"), .dd(.text(seeker.rangeText)),
                        .dt("登记状态"), .dd(.text(seeker.isActive ? "有效" : "已结束"))))
                }, else: .p(.class("empty"), .text("该群众尚未进行零工求职登记，请先办理零工求职登记。"))),
                .if(mayRegister, .p(.a(.class("button"), .href(SiteURL.newCase(citizen: citizenID, item: GigSeekerItem.seq).path),
                                       .text(seeker == nil ? "办理零工求职登记" : "修改零工求职登记")))),
                .if(seeker?.isActive == true, .group(
                    .h2("推荐零工岗位（\(matches.count)个）"),
                    .p(.class("hint"), .text("须技能对口、尚未结束和招满、在接活范围内并至少有一天是可工作日；按技能（30分）、距离（30分）、日工资（20分）、可工作日（20分）排序。")),
                    .if(matches.isEmpty, .p(.class("empty"), .text("暂无符合条件的零工岗位"))),
                    .ol(.class("matches"), .forEach(matches) { match in
                        .li(.div(.class("match-head"),
                                 .a(.href("/gigs/" + match.id), .text(match.title)),
                                 .span(.text(" · \(match.daysText)")),
                                 .strong(.class("score"), .text(" \(match.score)分"))),
                            reasons(match.reasons))
                    }),
                    .if(mayPush && !matches.isEmpty, .form(
                        .class("form"), .method(.post), .action(SiteURL.acceptCase.path), .csrf(context),
                        .input(.type(.hidden), .name("citizen"), .value(citizenID.uuidString.lowercased())),
                        .input(.type(.hidden), .name("item"), .value(String(GigRecommendationItem.seq))),
                        .input(.type(.hidden), .name("submission"), .value(UUID().uuidString.lowercased())),
                        .input(.type(.hidden), .name("gigs"), .value(matches.map(\.id).joined(separator: ","))),
                        .div(.class("field"), .label(.input(.type(.checkbox), .name("documents_checked"), .value("yes")),
                                                     .text(" 已核验材料：需携带本人身份证或社保卡"))),
                        .div(.class("form-actions"), .button(.type(.submit), .class("button primary"),
                                                             .text("推送给本人（短信，含前\(GigRecommendationItem.gigsInMessage)个岗位）"))))))),
            ])
    }

    static func forRecruiter(_ view: RecruiterGigsView, context: PageContext) -> HTML {
        let (citizenID, sections, mayPush, mayPost) = (view.citizenID, view.sections, view.mayPush, view.mayPost)
        return PageShell.render(
            title: "零工求职信息推荐", context: context,
            crumbs: [Crumb(label: "办事群众", url: .citizens), Crumb(label: view.maskedName, url: .citizen(id: citizenID)),
                     Crumb(label: "为招用人推荐零工", url: nil)],
            content: [
                .p(.class("lead"), .text("招用人：\(view.maskedName)。推送后，所选零工会收到招用信息和招用人的联系电话；零工的电话不会提供给招用人。")),
                .if(mayPost, .p(.a(.class("button"), .href(SiteURL.newCase(citizen: citizenID, item: GigPostingItem.seq).path), .text("招聘零工登记")))),
                .if(sections.isEmpty, .p(.class("empty"), .text("该招用人没有招用中的零工岗位，请先办理招聘零工登记。"))),
                .forEach(sections) { section in
                    .section(.class("recruiter-gig"),
                             .h2(.a(.href(SiteURL.gig(id: section.gigID).path), .text(section.heading)), .text(section.detail)),
                             .if(section.matches.isEmpty, .p(.class("empty"), .text("本县暂无符合条件的零工"))),
                             .ol(.class("matches"), .forEach(section.matches) { match in
                                 .li(.div(.class("match-head"), .text(section.maskedNames[match.id] ?? "零工"),
                                          .strong(.class("score"), .text(" \(match.score)分"))),
                                     reasons(match.reasons))
                             }),
                             .if(mayPush && !section.matches.isEmpty, .form(
                                .class("form"), .method(.post), .action(SiteURL.acceptCase.path), .csrf(context),
                                .input(.type(.hidden), .name("citizen"), .value(citizenID.uuidString.lowercased())),
                                .input(.type(.hidden), .name("item"), .value(String(GigWorkerRecommendationItem.seq))),
                                .input(.type(.hidden), .name("submission"), .value(UUID().uuidString.lowercased())),
                                .input(.type(.hidden), .name("gig"), .value(section.gigID.uuidString.lowercased())),
                                .input(.type(.hidden), .name("workers"), .value(section.matches.map(\.id).joined(separator: ","))),
                                .div(.class("field"), .label(.input(.type(.checkbox), .name("documents_checked"), .value("yes")),
                                                             .text(" 已核验材料：需携带本人身份证或社保卡"))),
                                .div(.class("form-actions"), .button(.type(.submit), .class("button primary"),
                                                                     .text("推送给以上\(section.matches.count)名零工（短信）"))))))
                },
            ])
    }

    /// Item 9's search as typed, for the form and the pager.
    struct WorkerSearch {
        let skill: String
        let area: String
        let page: Int
        let pages: Int

        func items(page: Int) -> [(String, String)] {
            [("skill", skill), ("area", area), ("page", page == 1 ? "" : String(page))]
        }
    }

    /// `skills` are the filter's choices (retired ones left out); the lines name every skill a worker carries.
    static func workers(_ seekers: [GigWorkerLine], skills: [(code: String, name: String)],
                        areas: [FormFields.Option], search: WorkerSearch, total: Int, errors: FieldErrors,
                        context: PageContext) -> HTML {
        let (page, pages) = (search.page, search.pages)
        return PageShell.render(
            title: "零工求职信息查询", context: context, crumbs: crumbs([Crumb(label: "零工求职信息", url: nil)]),
            content: [
                CounterSearch.panel(context),
                FormFields.errorSummary(errors),
                .form(.class("filters"), .method(.get), .action(SiteURL.gigWorkers().path), CounterSearch.keep(context),
                      .label(.text("技能 "), .select(.attribute(named: "name", value: "skill"), .choice("", "不限"),
                                                   .forEach(skills) { .choice($0.code, $0.name, selected: $0.code == search.skill) })),
                      .if(!areas.isEmpty, .label(.text("居住地 "), .select(.attribute(named: "name", value: "area"), .choice("", "本辖区"),
                                                                       .forEach(areas) { .choice($0.value, $0.label, selected: $0.value == search.area) }))),
                      .button(.type(.submit), .class("button small primary"), .text("查询"))),
                .if(errors.isEmpty, .p(.class("hint"), .text("\(search.area.isEmpty ? "本辖区" : "所选居住地")有效零工求职登记\(total)人（姓名已遮蔽，联系请通过推送）。"))),
                .if(errors.isEmpty && seekers.isEmpty, .p(.class("empty"), .text("暂无零工求职登记"))),
                .if(!seekers.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("姓名"), .th("技能"), .th("可工作日"), .th("期望日工资（元）"), .th("居住地"), .th(""))),
                    .tbody(.forEach(seekers) { seeker in
                        .tr(.td(.text(seeker.maskedName)),
                            .td(.text(seeker.skillsText)),
                            .td(.text(seeker.weekdaysText)),
                            .td(.class("num"), .text(seeker.wageText)),
                            .td(.text(seeker.placeText)),
                            .td(.a(.href(SiteURL.gigRecommendations(citizen: seeker.citizenID).path), .text("零工推荐"))))
                    }))),
                .if(pages > 1, .nav(
                    .class("pager"),
                    .if(page > 1, .a(.href(SiteURL.gigWorkers(query: CounterSearch.kept(search.items(page: page - 1), context)).path), .text("上一页"))),
                    .span(.text("第 \(page) 页 / 共 \(pages) 页")),
                    .if(page < pages, .a(.href(SiteURL.gigWorkers(query: CounterSearch.kept(search.items(page: page + 1), context)).path), .text("下一页"))))),
            ])
    }
}
