import Foundation

/// 办件统计: a county's cases of a period grouped by item, township or service point, with the overdue rate and the
/// average handling time in working days.
public struct CaseStatistics: Sendable, Equatable {
    /// One case as the statistics see it.
    public struct Row: Sendable, Equatable {
        public let item: Int
        public let township: String
        public let servicePoint: String
        public let acceptedOn: CalendarDate
        /// The last day allowed; nil for 即时办结 items.
        public let deadline: CalendarDate?
        /// The day it finished (approved or rejected); nil while open.
        public let finishedOn: CalendarDate?

        public init(item: Int, township: String, servicePoint: String, acceptedOn: CalendarDate, deadline: CalendarDate?,
                    finishedOn: CalendarDate?) {
            self.item = item
            self.township = township
            self.servicePoint = servicePoint
            self.acceptedOn = acceptedOn
            self.deadline = deadline
            self.finishedOn = finishedOn
        }

        /// Late: finished after its deadline, or still open after it.
        func isOverdue(today: CalendarDate) -> Bool {
            guard let deadline else { return false }
            return (finishedOn ?? today) > deadline
        }
    }

    public struct Group: Sendable, Equatable {
        public let key: String
        public let cases: Int
        public let finished: Int
        /// Cases with a time limit: what the overdue rate is counted over.
        public let timed: Int
        public let overdue: Int
        /// Average working days from acceptance to finishing, over finished cases; nil when none finished.
        public let averageHandlingDays: Double?
        /// True when a working day counted lies in a year whose holiday notice is not loaded.
        public let averageIsProvisional: Bool

        /// 超期率 over the cases with a time limit; nil when there are none.
        public var overdueRate: Double? { timed == 0 ? nil : Double(overdue) / Double(timed) }
    }

    public enum Grouping: String, CaseIterable, Sendable {
        case item
        case township
        case servicePoint = "service_point"

        public var label: String {
            switch self {
            case .item: "按服务事项"
            case .township: "按乡镇"
            case .servicePoint: "按服务点"
            }
        }
    }

    public let groups: [Group]
    public let total: Group

    /// Groups `rows` by `grouping`, largest first; `today` decides what is late among open cases.
    public init(_ rows: [Row], by grouping: Grouping, calendar: WorkCalendar, today: CalendarDate) {
        let keyed = Dictionary(grouping: rows) { row -> String in
            switch grouping {
            case .item: String(row.item)
            case .township: row.township
            case .servicePoint: row.servicePoint
            }
        }
        groups = keyed.map { Self.group($0.key, $0.value, calendar: calendar, today: today) }
            .sorted { ($0.cases, $1.key) > ($1.cases, $0.key) }
        total = Self.group("合计", rows, calendar: calendar, today: today)
    }

    static func group(_ key: String, _ rows: [Row], calendar: WorkCalendar, today: CalendarDate) -> Group {
        var handling = 0
        var provisional = false
        var finished = 0
        for row in rows {
            guard let end = row.finishedOn else { continue }
            finished += 1
            let count = calendar.workingDaysBetween(row.acceptedOn, end)
            handling += count.days
            provisional = provisional || count.isProvisional
        }
        return Group(
            key: key, cases: rows.count, finished: finished, timed: rows.filter { $0.deadline != nil }.count,
            overdue: rows.filter { $0.isOverdue(today: today) }.count,
            averageHandlingDays: finished == 0 ? nil : Double(handling) / Double(finished),
            averageIsProvisional: provisional)
    }
}
