import JiujinbanRules
import Plot

/// One service point: every fact, the status with its history, and the disable/enable actions.
enum ServicePointDetailPage {
    static func render(
        _ point: ServicePointSummary, ancestry: [DivisionSummary], disableErrors: FieldErrors, today: CalendarDate,
        typed: (reason: String?, date: String?) = (nil, nil), context: PageContext
    ) -> HTML {
        let crumbs = [Crumb(label: "服务点", url: .servicePoints())]
            + ancestry.map { Crumb(label: $0.shortName, url: .division(code: $0.code)) }
            + [Crumb(label: point.institution, url: nil)]
        return PageShell.render(
            title: point.institution, context: context, crumbs: crumbs,
            content: [
                FormFields.errorSummary(disableErrors),
                .div(.class("facts"), .dl(
                    .dt("服务点编号"), .dd(.text(point.code)),
                    .dt("类型"), .dd(.text(point.kind.label)),
                    .dt("乡镇（街道）"), .dd(.text(point.townshipName)),
                    .dt("行政村（社区）"), .dd(.text(point.villageName.isEmpty ? "—" : point.villageName)),
                    .dt("服务点名称"), .dd(.text(point.name)),
                    .dt("服务点所属机构名称"), .dd(.text(point.institution)),
                    .dt("服务点地址"), .dd(.text(point.address)),
                    .dt("经度"), .dd(.text(point.coordinate?.longitudeText ?? ""),
                                   .span(.class("muted"), .text("（\(point.longitude)）")), demoMark(point)),
                    .dt("纬度"), .dd(.text(point.coordinate?.latitudeText ?? ""),
                                   .span(.class("muted"), .text("（\(point.latitude)）")), demoMark(point)),
                    .dt("最远居民区距服务点距离"), .dd(.text(point.farthestKmText + " 公里")),
                    .dt("状态"), .dd(.strong(.text(point.status.label)),
                                   .unwrap(point.disabledOn) { .text("，自 \($0) 起") },
                                   .unwrap(point.disabledReason) { .text("，原因：\($0)") })
                )),
                .if(context.may(.manageServicePoints),
                    .p(.class("actions"), .a(.class("button"), .href(SiteURL.editServicePoint(id: point.id).path), .text("修改服务点信息")))),
                .if(context.may(.inspectServicePoints) && point.kind != .bankBranch,
                    .p(.class("actions"), .a(.class("button"), .href(SiteURL.servicePointAcceptance(id: point.id).path), .text("验收")))),
                .if(context.may(.manageServicePoints),
                    point.status == .active ? disableForm(point, errors: disableErrors, today: today, typed: typed, context: context)
                        : enableForm(point, context: context)),
            ])
    }

    static func demoMark(_ point: ServicePointSummary) -> Node<HTML.BodyContext> {
        .if(point.coordinatesAreDemo, .span(.class("tag tag-demo"), .text("演示坐标，非实测")))
    }

    static func disableForm(
        _ point: ServicePointSummary, errors: FieldErrors, today: CalendarDate, typed: (reason: String?, date: String?),
        context: PageContext
    ) -> Node<HTML.BodyContext> {
        .section(
            .class("panel"),
            .h2("停用服务点"),
            .form(
                .class("form"), .method(.post), .action(SiteURL.disableServicePoint(id: point.id).path), .csrf(context),
                // A refused form shows what was typed; a fresh one offers today.
                FormFields.text("reason", label: "停用原因", value: typed.reason, errors: errors, maxLength: 100),
                FormFields.text("date", label: "停用日期", value: typed.date ?? today.iso, errors: errors, hint: "格式 YYYY-MM-DD，不晚于今天；不填即为今天", required: false),
                .div(.class("form-actions"), .button(.type(.submit), .class("button danger"),
                                                     .data(named: "confirm", value: "确认停用\(point.institution)？停用后该服务点不能受理业务。"),
                                                     .text("停用")))
            )
        )
    }

    static func enableForm(_ point: ServicePointSummary, context: PageContext) -> Node<HTML.BodyContext> {
        .section(
            .class("panel"),
            .h2("恢复运行"),
            .form(
                .method(.post), .action(SiteURL.enableServicePoint(id: point.id).path), .csrf(context),
                .button(.type(.submit), .class("button primary"), .text("恢复为运行中"))
            )
        )
    }
}
