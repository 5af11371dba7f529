import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// One line of 问题台账 as the ledger shows it: labels, the current desk's name, the description cut to 40
/// characters and the time limit already worded. Built by `ProblemLedgerQuery.rows`, rendered by `ProblemLedgerPage`.
struct ProblemLedgerRow: Sendable {
    let id: UUID
    let number: String
    let filedAt: Date
    /// The reporting unit and person (古魏镇综合便民服务中心 李娜).
    let reporter: String
    let categoryLabel: String
    let areaLabel: String
    /// The description's first 40 characters, with … when it is longer.
    let summary: String
    let deskName: String
    let escalations: Int
    let assignmentGap: Bool
    let stateLabel: String
    /// 答复 <date>（暂定）, or 承诺 <date> once answered with a promise; empty otherwise.
    let limitText: String
    let isOverdue: Bool
}

/// The ledger's filters as the query string carries them, the county choices a user has, and the ledger's lines.
enum ProblemLedgerQuery {
    static func filter(from req: Request) -> ProblemReportStore.Filter {
        func value(_ name: String) -> String? {
            (try? req.query.get(String.self, at: name)).map { TextField.clean($0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        return ProblemReportStore.Filter(
            state: value("state").flatMap(ProblemReport.State.init(rawValue:)),
            category: value("category").flatMap(ProblemCategory.init(rawValue:)),
            area: value("area").flatMap(BusinessArea.init(rawValue:)),
            group: value("county").flatMap { try? DivisionCode($0) }.map(\.value),
            overdueOnly: value("overdue") == "1")
    }

    static func query(of filter: ProblemReportStore.Filter) -> [(String, String)] {
        [("state", filter.state?.rawValue ?? ""), ("category", filter.category?.rawValue ?? ""),
         ("area", filter.area?.rawValue ?? ""), ("county", filter.group ?? ""), ("overdue", filter.overdueOnly ? "1" : "")]
    }

    /// The counties an overseer can filter by (those of its division); none for others.
    static func groups(for staff: SignedInStaff, on db: any Database) async throws -> [DivisionSummary] {
        guard staff.may(.problemOversight), case .subtree(let root) = staff.scope, root.depth < 2 else { return [] }
        return try await DivisionQueries.descendants(of: root, level: .county, on: db)
    }

    /// The ledger's lines for `records`, in their order, with the names of the desks they sit at.
    static func rows(_ records: [ProblemReportRecord], calendar: WorkCalendar, limits: DatedSchedule<Int>, today: CalendarDate,
                     on db: any Database) async throws -> [ProblemLedgerRow] {
        let deskNames = try await ProblemDesks.names(of: records.flatMap(\.chainValue), on: db)
        return try records.map { try row($0, deskNames: deskNames, today: today, calendar: calendar, limits: limits) }
    }

    static func row(_ record: ProblemReportRecord, deskNames: [ProblemDesk: String], today: CalendarDate,
                    calendar: WorkCalendar, limits: DatedSchedule<Int>) throws -> ProblemLedgerRow {
        let report = record.report
        let limit: String = if let due = report?.replyDue(calendar: calendar, limits: limits) {
            "答复 \(due.date)" + (due.isProvisional ? "（暂定）" : "")
        } else if let promised = record.promisedBy, record.stateValue == .answered {
            "承诺 \(promised)"
        } else { "" }
        let description = record.problemDescription
        return ProblemLedgerRow(
            id: try record.requireID(), number: record.number, filedAt: record.filedAt,
            reporter: "\(record.reporterUnitName) \(record.reporterName)",
            categoryLabel: record.categoryValue?.label ?? record.category, areaLabel: record.areaValue?.label ?? record.area,
            summary: String(description.prefix(40)) + (description.count > 40 ? "…" : ""),
            deskName: record.deskValue.flatMap { deskNames[$0] } ?? record.desk, escalations: record.escalations,
            assignmentGap: record.assignmentGap, stateLabel: record.stateValue?.label ?? record.state, limitText: limit,
            isOverdue: report?.isOverdue(today: today, calendar: calendar, limits: limits) == true)
    }
}
