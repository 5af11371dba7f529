import Fluent
import Foundation
import JiujinbanRules
import Plot
import Vapor

/// 办件统计: the cases accepted in a period within the user's division, by item, township or service point.
/// Figures only, no personal data.
enum CaseStatisticsController {
    static func register(_ app: Application) {
        app.get(.caseStatistics(), .capability(.viewCaseStatistics), use: show)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let today = req.jiujinban.clock.today
        let from = (try? req.query.get(String.self, at: "from")).flatMap(CalendarDate.init(iso:))
            ?? CalendarDate(year: today.year, month: today.month, day: 1)!
        let to = (try? req.query.get(String.self, at: "to")).flatMap(CalendarDate.init(iso:)) ?? today
        let grouping = (try? req.query.get(String.self, at: "by")).flatMap(CaseStatistics.Grouping.init(rawValue:)) ?? .item
        let root = staff.scopeRoot
        let records = try await CaseSummary.list(in: .subtree(root), .acceptedBetween(from, to), on: req.db)
        let divisions = try await Division.query(on: req.db).filter(\.$id =~ root.scopePrefix).all()
        let divisionNames = Dictionary(divisions.compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
        let points = try await ServicePoint.query(on: req.db).filter(\.$divisionCode =~ root.scopePrefix).all()
        let pointNames = Dictionary(points.compactMap { p in p.id.map { ($0, p.institution) } }, uniquingKeysWith: { a, _ in a })
        let itemNames = Dictionary(uniqueKeysWithValues: req.jiujinban.catalogue.items.map { (String($0.seq), "\($0.seq). \($0.name)") })
        let rows: [CaseStatistics.Row] = records.compactMap { record in
            guard let accepted = CalendarDate(iso: record.acceptedOn) else { return nil }
            let township = (try? DivisionCode(record.divisionCode))?.ancestor(atDepth: 3).flatMap { divisionNames[$0.value] } ?? "（县级）"
            return CaseStatistics.Row(
                item: record.itemSeq, township: township, servicePoint: pointNames[record.servicePointID] ?? "服务点",
                acceptedOn: accepted, deadline: record.deadline.flatMap(CalendarDate.init(iso:)),
                finishedOn: record.finishedAt.map { CalendarDate($0) })
        }
        let calendar = try await WorkCalendarStore.calendar(req: req)
        let statistics = CaseStatistics(rows, by: grouping, calendar: calendar, today: today)
        return HTMLResponse.make(CaseStatisticsPage.render(
            statistics, from: from, to: to, grouping: grouping, label: { grouping == .item ? itemNames[$0] ?? $0 : $0 },
            context: PageContext(req)))
    }
}

enum CaseStatisticsPage {
    static func render(
        _ statistics: CaseStatistics, from: CalendarDate, to: CalendarDate, grouping: CaseStatistics.Grouping,
        label: (String) -> String, context: PageContext
    ) -> HTML {
        func row(_ group: CaseStatistics.Group, name: String) -> Node<HTML.TableContext> {
            let rate = group.overdueRate.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
            let average = group.averageHandlingDays.map { String(format: "%.1f", $0) + (group.averageIsProvisional ? "（暂定）" : "") } ?? "—"
            return .tr(.td(.text(name)), .td(.class("num"), .text(String(group.cases))), .td(.class("num"), .text(String(group.finished))),
                       .td(.class("num"), .text(String(group.timed))), .td(.class("num"), .text(String(group.overdue))),
                       .td(.class("num"), .text(rate)), .td(.class("num"), .text(average)))
        }
        return PageShell.render(
            title: "办件统计", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "办件统计", url: nil)],
            content: [
                .form(.method(.get), .action(SiteURL.caseStatistics().path), .class("filters"),
                      .label(.for("from"), .text("受理日期 自 ")), .input(.type(.date), .name("from"), .id("from"), .value(from.iso)),
                      .label(.for("to"), .text(" 至 ")), .input(.type(.date), .name("to"), .id("to"), .value(to.iso)),
                      .label(.for("by"), .text(" ")),
                      .select(.attribute(named: "name", value: "by"), .id("by"),
                              .forEach(CaseStatistics.Grouping.allCases) { .choice($0.rawValue, $0.label, selected: $0 == grouping) }),
                      .button(.type(.submit), .class("button small"), .text("统计"))),
                .table(
                    .class("data-table"),
                    .thead(.tr(.th(.text(grouping.label.replacingOccurrences(of: "按", with: ""))), .th("办件数"), .th("已办结"),
                               .th("有时限"), .th("超期"), .th("超期率"), .th("平均办理工作日"))),
                    .tbody(.forEach(statistics.groups) { row($0, name: label($0.key)) }, row(statistics.total, name: "合计"))),
                .p(.class("hint"), .text("超期：办结晚于期限，或至今未办结且已过期限；超期率按有时限的办件计算。办理时间按工作日计，受理当日不计。")),
            ])
    }
}
