import Fluent
import Foundation
import JiujinbanRules
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
