import Foundation
import JiujinbanRules
import Plot

enum HomePage {
    static func render(rows: [HomeController.CountyRow], catalogue: ServiceCatalogue, context: PageContext) -> HTML {
        PageShell.render(
            title: "首页", context: context,
            content: [
                .section(
                    .class("groups"),
                    .forEach(catalogue.categories) { category in
                        .a(.class("group-card"), .href(SiteURL.serviceCategory(key: category.key).path),
                           .strong(.text(category.name)), .span(.text("\(category.count)项服务事项")))
                    }
                ),
                .h2("服务点覆盖情况"),
                .table(
                    .class("data-table"),
                    .thead(.tr(.th("县（市、区）"), .th(.class("num"), "合计"), .th(.class("num"), "乡镇"),
                               .th(.class("num"), "行政村"), .th(.class("num"), "社区"), .th(.class("num"), "银行网点"),
                               .th(.class("num"), "已停用"))),
                    .tbody(.forEach(rows) { row in
                        .tr(
                            .td(.link(to: .division(code: row.county.code), row.county.name, context: context)),
                            .td(.class("num"), .strong(.text(String(row.counts.total)))),
                            .td(.class("num"), .text(String(row.counts.township))),
                            .td(.class("num"), .text(String(row.counts.village))),
                            .td(.class("num"), .text(String(row.counts.community))),
                            .td(.class("num"), .text(String(row.counts.bankBranch))),
                            .td(.class("num"), .text(String(row.counts.disabled)))
                        )
                    })
                ),
            ])
    }
}
