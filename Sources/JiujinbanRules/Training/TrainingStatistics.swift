/// 培训统计 (issue 24): the intentions registered, the recommendations made, the enrolments and the completions of a
/// period, by key group, by occupation and by township. Each event is one fact; a person in several groups counts in
/// each of their groups, so the group rows may add up to more than the total, which counts every event once.
public struct TrainingStatistics: Sendable, Equatable {
    public enum Measure: String, CaseIterable, Sendable {
        case intentions, recommendations, enrolments, completions

        public var label: String {
            switch self {
            case .intentions: "意向登记"
            case .recommendations: "机构推荐"
            case .enrolments: "报名参训"
            case .completions: "培训结业"
            }
        }
    }

    /// One event: its kind, its day, and the intention it belongs to (groups, occupation, township).
    public struct Fact: Sendable, Equatable {
        public let measure: Measure
        public let on: CalendarDate
        public let groups: [KeyGroup]
        public let occupation: String
        /// The township (乡镇) of the point that registered the intention; the county's code for a county-level point.
        public let township: String

        public init(measure: Measure, on: CalendarDate, groups: [KeyGroup], occupation: String, township: String) {
            self.measure = measure
            self.on = on
            self.groups = groups
            self.occupation = occupation
            self.township = township
        }
    }

    public struct Row: Sendable, Equatable {
        public let key: String
        public var counts: [Measure: Int]

        public func count(_ measure: Measure) -> Int { counts[measure] ?? 0 }
    }

    public enum Dimension: String, CaseIterable, Sendable {
        case group, occupation, township

        public var label: String {
            switch self {
            case .group: "重点群体"
            case .occupation: "职业（工种）"
            case .township: "乡镇"
            }
        }
    }

    public let from: CalendarDate
    public let to: CalendarDate
    /// The six groups always, in their order; occupations and townships as they occur, by key.
    public let byGroup: [Row]
    public let byOccupation: [Row]
    public let byTownship: [Row]
    public let total: Row

    /// The facts dated from `from` to `to`, both included.
    public init(_ facts: [Fact], from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
        let inPeriod = facts.filter { $0.on >= from && $0.on <= to }
        var groups = Dictionary(uniqueKeysWithValues: KeyGroup.allCases.map { ($0.rawValue, [Measure: Int]()) })
        var occupations: [String: [Measure: Int]] = [:]
        var townships: [String: [Measure: Int]] = [:]
        var total: [Measure: Int] = [:]
        for fact in inPeriod {
            for group in Set(fact.groups) { groups[group.rawValue, default: [:]][fact.measure, default: 0] += 1 }
            occupations[fact.occupation, default: [:]][fact.measure, default: 0] += 1
            townships[fact.township, default: [:]][fact.measure, default: 0] += 1
            total[fact.measure, default: 0] += 1
        }
        byGroup = KeyGroup.allCases.map { Row(key: $0.rawValue, counts: groups[$0.rawValue] ?? [:]) }
        byOccupation = occupations.keys.sorted().map { Row(key: $0, counts: occupations[$0] ?? [:]) }
        byTownship = townships.keys.sorted().map { Row(key: $0, counts: townships[$0] ?? [:]) }
        self.total = Row(key: "", counts: total)
    }

    public func rows(_ dimension: Dimension) -> [Row] {
        switch dimension {
        case .group: byGroup
        case .occupation: byOccupation
        case .township: byTownship
        }
    }

    /// The export's table: one section per dimension (its name in the first column), then the total.
    public func table(label: (Dimension, String) -> String) -> [[String]] {
        var lines: [[String]] = []
        for dimension in Dimension.allCases {
            for row in rows(dimension) {
                lines.append([dimension.label, label(dimension, row.key)] + Measure.allCases.map { String(row.count($0)) })
            }
        }
        lines.append(["合计", "全部"] + Measure.allCases.map { String(total.count($0)) })
        return lines
    }

    public static let header = ["维度", "分类"] + Measure.allCases.map(\.label)
}
