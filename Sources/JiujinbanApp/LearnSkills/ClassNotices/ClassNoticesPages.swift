import Foundation
import JiujinbanRules
import Plot

/// 参加培训办结送达's pages: pure renders of the plans and of a plan's notice view.
enum ClassNoticesPages {
    static func plans(_ plans: [ComingClassLine], today: CalendarDate, context: PageContext) -> HTML {
        PageShell.render(
            title: "开班计划（通知参训）", context: context, crumbs: TrainingInstitutionPages.crumbs([Crumb(label: "开班计划", url: nil)]),
            content: [
                .p(.class("lead"), .text("本县\(today.iso)及以后开班的计划。打开一个计划，查看本服务点登记了相符培训意向的群众并通知参训。")),
                .if(plans.isEmpty, .p(.class("notice"), .text("本县暂无今天及以后开班的计划。"))),
                .if(!plans.isEmpty, .table(.class("data-table"),
                    .thead(.tr(.th("培训机构"), .th("职业（等级）"), .th("开班日期"), .th("地点"), .th("已报名/计划"), .th(""))),
                    .tbody(.forEach(plans) { plan in
                        .tr(.td(.text(plan.institution)), .td(.text("\(plan.occupation)（\(plan.level)）")),
                            .td(.text("\(plan.startsOn)至\(plan.endsOn)")), .td(.text(plan.place)),
                            .td(.class("num"), .text("\(plan.enrolled)/\(plan.capacity)")),
                            .td(.a(.href(SiteURL.classPlanNotices(plan: plan.id).path), .text("通知参训"))))
                    }))),
            ])
    }

    static func distance(_ meters: Int?) -> String {
        guard let meters else { return "无坐标" }
        return meters < 1000 ? "\(meters)米" : String(format: "%.1f公里", Double(meters) / 1000)
    }

    /// Each row's own submission key, drawn from the page's: a repeated click on one row is the same notice, and a
    /// row sent from a page drawn before another row's notice is a notice of its own, not that one again.
    static func rowKey(_ page: UUID, _ intention: UUID) -> UUID {
        let (a, b) = (page.uuid, intention.uuid)
        return UUID(uuid: (a.0 ^ b.0, a.1 ^ b.1, a.2 ^ b.2, a.3 ^ b.3, a.4 ^ b.4, a.5 ^ b.5, a.6 ^ b.6, a.7 ^ b.7,
                           a.8 ^ b.8, a.9 ^ b.9, a.10 ^ b.10, a.11 ^ b.11, a.12 ^ b.12, a.13 ^ b.13, a.14 ^ b.14, a.15 ^ b.15))
    }

    static func notices(_ view: ClassNoticesView, errors: FieldErrors, submission: UUID, context: PageContext) -> HTML {
        let plan = view.plan
        return PageShell.render(
            title: "通知参训：\(plan.occupation)（\(plan.level)）", context: context,
            crumbs: TrainingInstitutionPages.crumbs([Crumb(label: "开班计划", url: .upcomingClassPlans), Crumb(label: plan.institution, url: nil)]),
            content: [
                FormFields.errorSummary(errors),
                .div(.class("facts"), .dl(
                    .dt("培训机构"), .dd(.text(plan.institution)),
                    .dt("职业（等级）"), .dd(.text("\(plan.occupation)（\(plan.level)）")),
                    .dt("开班日期"), .dd(.text("\(plan.startsOn)至\(plan.endsOn)")),
                    .dt("地点"), .dd(.text(plan.place)),
                    .dt("已报名/计划"), .dd(.text("\(plan.enrolled)/\(plan.capacity)人"))
                )),
                .h2("可通知的群众（本服务点，由近及远）"),
                .if(view.candidates.isEmpty, .p(.text("本服务点没有与该计划相符、尚未通知的待开班培训意向。"))),
                .if(!view.candidates.isEmpty, .table(.class("data-table"),
                    .thead(.tr(.th("群众"), .th("登记日期"), .th("距培训机构"), .th("短信"), .th(""))),
                    .tbody(.forEach(view.candidates) { candidate in
                        .tr(.td(.text(candidate.maskedName)), .td(.text(candidate.registeredOn)),
                            .td(.class("num"), .text(distance(candidate.distanceMeters))),
                            .td(.text(candidate.hasPhone ? "发送" : "未登记手机号，请电话告知")),
                            .td(.form(.method(.post), .action(SiteURL.classPlanNotices(plan: plan.id).path), .csrf(context),
                                      .input(.type(.hidden), .name("intention"), .value(candidate.intention.uuidString.lowercased())),
                                      .input(.type(.hidden), .name("submission"), .value(rowKey(submission, candidate.intention).uuidString.lowercased())),
                                      .button(.type(.submit), .class("button"), .text("通知参训")))))
                    }))),
                .h2("已通知的群众（本服务点）"),
                .if(view.places.isEmpty, .p(.text("尚未通知。"))),
                .if(!view.places.isEmpty, .table(.class("data-table"),
                    .thead(.tr(.th("群众"), .th("通知日期"), .th("状态"), .th("登记"))),
                    .tbody(.forEach(view.places) { place in
                        .tr(.td(.text(place.maskedName)), .td(.text(place.notifiedOn ?? "")), .td(.text(place.status.label)),
                            .td(.forEach(place.status.next) { next in
                                .form(.class("inline"), .method(.post), .action(SiteURL.enrolmentProgress(id: place.id).path), .csrf(context),
                                      .input(.type(.hidden), .name("status"), .value(next.rawValue)),
                                      .button(.type(.submit), .class("button"), .text(next.label)))
                            }))
                    }))),
            ])
    }
}
