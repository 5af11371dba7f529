/// 问题处理情况: how each county's reports are handled, for the province's (or a city's) follow-up of attachment 4:
/// how many, how long to the first reply and to solution in working days, how many overdue, how many escalated.
public struct ProblemHandlingFigures: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The group the report counts under: the reporter's county (or city or province for staff above counties).
        public let group: String
        public let filedOn: CalendarDate
        public let firstReplyOn: CalendarDate?
        public let solvedOn: CalendarDate?
        public let isOverdue: Bool
        public let escalations: Int

        public init(group: String, filedOn: CalendarDate, firstReplyOn: CalendarDate?, solvedOn: CalendarDate?, isOverdue: Bool,
                    escalations: Int) {
            self.group = group
            self.filedOn = filedOn
            self.firstReplyOn = firstReplyOn
            self.solvedOn = solvedOn
            self.isOverdue = isOverdue
            self.escalations = escalations
        }
    }

    public struct Group: Sendable, Equatable {
        public let key: String
        public let reports: Int
        public let solved: Int
        public let overdue: Int
        /// Reports that went up at least one step.
        public let escalated: Int
        /// Average working days from filing to the first reply, over replied reports; nil when none was replied.
        public let averageDaysToFirstReply: Double?
        /// Average working days from filing to solution, over solved reports; nil when none is solved.
        public let averageDaysToSolution: Double?
        /// True when a counted day lies in a year whose holiday notice is not loaded.
        public let isProvisional: Bool

        public var open: Int { reports - solved }
    }

    public let groups: [Group]
    public let total: Group

    public init(_ rows: [Row], calendar: WorkCalendar) {
        groups = Dictionary(grouping: rows, by: \.group).map { Self.group($0.key, $0.value, calendar: calendar) }
            .sorted { ($0.reports, $1.key) > ($1.reports, $0.key) }
        total = Self.group("合计", rows, calendar: calendar)
    }

    static func group(_ key: String, _ rows: [Row], calendar: WorkCalendar) -> Group {
        var provisional = false
        func average(_ pairs: [(CalendarDate, CalendarDate)]) -> Double? {
            guard !pairs.isEmpty else { return nil }
            let total = pairs.reduce(0) { sum, pair in
                let count = calendar.workingDaysBetween(pair.0, pair.1)
                provisional = provisional || count.isProvisional
                return sum + count.days
            }
            return Double(total) / Double(pairs.count)
        }
        let toReply = average(rows.compactMap { row in row.firstReplyOn.map { (row.filedOn, $0) } })
        let toSolution = average(rows.compactMap { row in row.solvedOn.map { (row.filedOn, $0) } })
        return Group(key: key, reports: rows.count, solved: rows.filter { $0.solvedOn != nil }.count,
                     overdue: rows.filter(\.isOverdue).count, escalated: rows.filter { $0.escalations > 0 }.count,
                     averageDaysToFirstReply: toReply, averageDaysToSolution: toSolution, isProvisional: provisional)
    }
}
