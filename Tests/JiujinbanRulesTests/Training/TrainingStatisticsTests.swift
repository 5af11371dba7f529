import JiujinbanRules
import Testing

@Suite("培训统计: counts by group, occupation and township")
struct TrainingStatisticsTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    static func fact(_ measure: TrainingStatistics.Measure, _ on: String, _ groups: [KeyGroup], _ occupation: String = "6-01",
                     _ township: String = "140830100000") -> TrainingStatistics.Fact {
        TrainingStatistics.Fact(measure: measure, on: day(on), groups: groups, occupation: occupation, township: township)
    }

    @Test("a person in two groups counts in each group and once in the total; facts outside the period are left out")
    func groupsAndTotal() {
        let facts = [
            Self.fact(.intentions, "2026-11-02", [.registeredUnemployed, .hardToEmploy]),
            Self.fact(.intentions, "2026-11-30", [.graduate], "4-03", "140830101000"),
            Self.fact(.recommendations, "2026-11-05", [.registeredUnemployed, .hardToEmploy]),
            Self.fact(.enrolments, "2026-12-01", [.graduate], "4-03", "140830101000"),
            Self.fact(.completions, "2026-10-31", [.graduate], "4-03", "140830101000"),
        ]
        let stats = TrainingStatistics(facts, from: Self.day("2026-11-01"), to: Self.day("2026-11-30"))
        #expect(stats.total.count(.intentions) == 2)
        #expect(stats.total.count(.recommendations) == 1)
        #expect(stats.total.count(.enrolments) == 0, "1 December is after the period")
        #expect(stats.total.count(.completions) == 0, "31 October is before it")
        let groups = Dictionary(uniqueKeysWithValues: stats.byGroup.map { ($0.key, $0) })
        #expect(stats.byGroup.map(\.key) == KeyGroup.allCases.map(\.rawValue), "all six groups, in order, even when empty")
        #expect(groups["registered-unemployed"]?.count(.intentions) == 1)
        #expect(groups["hard-to-employ"]?.count(.recommendations) == 1)
        #expect(groups["graduate"]?.count(.intentions) == 1)
        #expect(groups["poverty-monitoring"]?.count(.intentions) == 0)
        #expect(stats.byGroup.map { $0.count(.intentions) }.reduce(0, +) == 3, "group rows add up to more than the total")
        #expect(stats.byOccupation.map(\.key) == ["4-03", "6-01"])
        #expect(stats.byTownship.map { $0.count(.intentions) } == [1, 1])
    }

    @Test("the export table has a section per dimension and the total last")
    func table() {
        let stats = TrainingStatistics([Self.fact(.intentions, "2026-11-02", [.ruralMigrant])],
                                       from: Self.day("2026-11-01"), to: Self.day("2026-11-30"))
        let lines = stats.table { dimension, key in dimension == .group ? KeyGroup(rawValue: key)!.chinese : key }
        #expect(lines.count == 6 + 1 + 1 + 1)
        #expect(lines.first(where: { $0[1] == "农村转移就业劳动者" }) == ["重点群体", "农村转移就业劳动者", "1", "0", "0", "0"])
        #expect(lines.last == ["合计", "全部", "1", "0", "0", "0"])
        #expect(TrainingStatistics.header == ["维度", "分类", "意向登记", "机构推荐", "报名参训", "培训结业"])
    }
}
