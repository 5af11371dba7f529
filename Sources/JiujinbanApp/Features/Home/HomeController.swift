import Fluent
import JiujinbanRules
import Plot
import Vapor

/// The start page: the four service groups and, per county, its service-point coverage.
enum HomeController {
    struct CountyRow: Sendable {
        let county: DivisionSummary
        let counts: ServicePointCounts
    }

    static func register(_ app: Application) {
        app.get(.home, .signedIn) { req -> Response in
            let staff = try req.requireStaff()
            var rows: [CountyRow] = []
            for county in try await DivisionQueries.descendants(of: nil, level: .county, on: req.db) {
                // The counties of the account's subtree, or the one county it works in.
                guard let code = county.divisionCode, staff.scopeRoot.contains(code) || code.contains(staff.scopeRoot) else { continue }
                rows.append(CountyRow(county: county, counts: try await ServicePointQueries.counts(in: code, on: req.db)))
            }
            return HTMLResponse.make(HomePage.render(rows: rows, catalogue: req.jiujinban.catalogue, context: PageContext(req)))
        }
    }
}

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
                            .td(.a(.href(SiteURL.division(code: row.county.code).path), .text(row.county.name))),
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
