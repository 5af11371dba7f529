import JiujinbanRules
import Plot

/// The one page layout: title, demonstration-data warning, navigation by the four service groups and the
/// governance areas (what the features registered, `NavigationEntry`), breadcrumbs, content. No external fonts, scripts or CDNs.
enum PageShell {
    static let systemTitle = "就业社保服务信息系统（“就近办”平台）"

    static func render(
        title: String, context: PageContext, crumbs: [Crumb] = [], content: [Node<HTML.BodyContext>]
    ) -> HTML {
        HTML(
            .attribute(named: "lang", value: "zh-CN"),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                .title("\(title) - 就近办"),
                .stylesheet(SiteURL.stylesheet.path + "?v=" + context.stylesheetVersion),
                .link(.rel(.icon), .href(SiteURL.favicon.path)),
                .script(.src(SiteURL.siteScript.path), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .header(
                    .class("site-header"),
                    .div(.class("header-row"),
                        .a(.class("brand"), .href(SiteURL.home.path), .text(systemTitle)),
                        .unwrap(context.user) { userBox($0, context: context) }),
                    .if(context.holdsDemoData, .p(
                        .class("demo-banner"),
                        .strong("演示数据"),
                        .text("：本系统载入的是演示数据。区划名称与代码真实（国家统计局2023年），服务点坐标、面积、人口为生成值，不得作为实际数据使用。")
                    ))
                ),
                .if(context.user != nil, navigation(context)),
                .if(!crumbs.isEmpty, breadcrumbs(crumbs, context: context)),
                .main(.id("main"), .h1(.text(title)),
                      .unwrap(context.notice) { .div(.class("notice notice-success"), .attribute(named: "role", value: "status"),
                                                     .p(.text($0))) },
                      .group(content)),
                .footer(.class("site-footer"), .text("山西省就业社保服务社区村村全覆盖 · 就近办"))
            )
        )
    }

    /// Who is signed in, in which unit, and the way out (article 6: log out when leaving the computer); between them
    /// the links the features add (`HeaderLink`).
    static func userBox(_ user: PageContext.User, context: PageContext) -> Node<HTML.BodyContext> {
        .div(
            .class("user-box"),
            .unwrap(context.headerLinks.first { $0.label == nil }, {
                .a(.class("user-name"), .href($0.url.path), .text(user.name))
            }, else: .span(.class("user-name"), .text(user.name))),
            .forEach(context.headerLinks.filter { $0.label != nil }) { link in
                let count = link.count.map { user.counts[$0.key] ?? 0 } ?? 0
                return .a(.class(count > 0 ? link.cssClass + " unread" : link.cssClass), .href(link.url.path),
                          .text(count > 0 ? link.count!.label(count) : link.label ?? ""))
            },
            .span(.class("user-role"), .text("\(user.post.label) · \(user.unitName)")),
            .form(.method(.post), .action(SiteURL.logout.path), .class("inline"),
                  .csrf(context), .button(.type(.submit), .class("button small"), .text("退出登录")))
        )
    }

    static func navigation(_ context: PageContext) -> Node<HTML.BodyContext> {
        func item(_ item: NavigationEntry) -> Node<HTML.ListContext> {
            let current = context.path == item.url.path || context.path.hasPrefix(item.url.path + "/")
            // Only counts above zero: a badge says something waits.
            let badges = context.badges.filter { $0.path == item.url.path && $0.count > 0 }
            return .li(.a(
                .href(item.url.path), .text(item.label),
                .forEach(badges) { .group(.text(" "), .span(.class("badge"), .text("\($0.label) \($0.count)"))) },
                .if(current, .attribute(named: "aria-current", value: "page"))
            ))
        }
        let shown = context.navigation.filter { entry in
            context.mayOpen(entry.url) && (entry.requires.isEmpty || entry.requires.contains(where: context.may))
        }
        return .nav(
            .class("main-nav"), .attribute(named: "aria-label", value: "主导航"),
            .ul(.class("nav-services"), .forEach(shown.filter { $0.line == .services }, item)),
            .ul(.class("nav-governance"), .forEach(shown.filter { $0.line == .governance }, item))
        )
    }

    /// The trail; a step the user may not open (a service point's province, for its operator) is named, not linked.
    static func breadcrumbs(_ crumbs: [Crumb], context: PageContext) -> Node<HTML.BodyContext> {
        .nav(
            .class("breadcrumbs"), .attribute(named: "aria-label", value: "当前位置"),
            .ol(.forEach(crumbs.enumerated()) { index, crumb in
                let isLast = index == crumbs.count - 1
                if let url = crumb.url, !isLast, context.mayOpen(url) {
                    return .li(.a(.href(url.path), .text(crumb.label)))
                }
                return .li(.text(crumb.label))
            })
        )
    }
}
