import Foundation
import JiujinbanRules
import Plot

/// The seekers a posting suits, ranked: what staff read to an employer. Each line shows the masked name, the score
/// and the reasons item 2 gives that person, and links to the person's own page.
enum PostingSeekersPage {
    static func render(_ view: PostingSeekersView, context: PageContext) -> HTML {
        let (open, matches, maskedNames, scope) = (view.open, view.matches, view.maskedNames, view.scope)
        return PageShell.render(
            title: "适合的求职者：\(view.title)", context: context,
            crumbs: EmployerPages.crumbs([Crumb(label: "岗位查询", url: .jobPostings()), Crumb(label: view.title, url: .jobPosting(id: view.postingID)),
                                          Crumb(label: "适合的求职者", url: nil)]),
            content: [
                .p(.class("hint"), .text("在\(scope.isEmpty ? "本辖区" : scope)居住的有效求职登记人员中，按该岗位对其的推荐得分排序（职业40分、距离30分、薪资20分、年龄学历10分）；岗位不符合其年龄、学历、通勤距离、工作地点或可到岗日期的不列出。姓名已脱敏。")),
                .if(!open, .p(.class("empty"), .text("该岗位已停止招聘或已过有效期，不再匹配求职者。"))),
                .if(open && matches.isEmpty, .p(.class("empty"), .text("本辖区暂无适合该岗位的求职者"))),
                .ol(.class("matches"), .forEach(matches) { found in
                    .li(
                        .div(.class("match-head"),
                             .span(.text(maskedNames[found.seekerID] ?? "")),
                             .strong(.class("score"), .text(" \(found.match.score)分")),
                             .unwrap(UUID(uuidString: found.seekerID)) { citizen in
                                 .span(.text(" · "), .a(.href(SiteURL.jobRecommendations(citizen: citizen).path), .text("其岗位推荐")))
                             }),
                        .ul(.class("reasons"), .forEach(found.match.reasons) { reason in
                            .li(.span(.class("points"), .text("\(reason.points)/\(reason.maximum)")), .text(" " + reason.text))
                        }))
                }),
            ])
    }
}
