import Foundation
import JiujinbanRules
import Testing

@Suite("办件统计: counts, overdue rate, average handling time in working days")
struct CaseStatisticsTests {
    let calendar = try! BundledCalendar.calendar()
    let d = { (iso: String) in CalendarDate(iso: iso)! }

    @Test("grouping by township; National Day 2025 does not count as handling time")
    func byTownship() {
        let rows = [
            // Accepted 2025-09-26, finished 2025-10-10: 5 working days across National Day (domain-rules example).
            CaseStatistics.Row(item: 11, township: "古魏镇", servicePoint: "A", acceptedOn: d("2025-09-26"),
                               deadline: d("2025-10-10"), finishedOn: d("2025-10-10")),
            // Late: finished two working days after its deadline (Saturday 10-11 was a make-up workday).
            CaseStatistics.Row(item: 11, township: "古魏镇", servicePoint: "B", acceptedOn: d("2025-09-26"),
                               deadline: d("2025-10-10"), finishedOn: d("2025-10-13")),
            // Open and past its deadline on "today".
            CaseStatistics.Row(item: 21, township: "风陵渡镇", servicePoint: "C", acceptedOn: d("2025-11-03"),
                               deadline: d("2025-11-10"), finishedOn: nil),
            // Instant item: never late.
            CaseStatistics.Row(item: 1, township: "风陵渡镇", servicePoint: "C", acceptedOn: d("2025-11-03"),
                               deadline: nil, finishedOn: d("2025-11-03")),
        ]
        let stats = CaseStatistics(rows, by: .township, calendar: calendar, today: d("2025-11-20"))
        #expect(stats.groups.map(\.key) == ["古魏镇", "风陵渡镇"])
        let guwei = stats.groups[0]
        #expect(guwei.cases == 2 && guwei.finished == 2 && guwei.overdue == 1 && guwei.overdueRate == 0.5)
        #expect(guwei.averageHandlingDays == 6.0 && !guwei.averageIsProvisional)
        let fenglingdu = stats.groups[1]
        #expect(fenglingdu.timed == 1 && fenglingdu.overdue == 1 && fenglingdu.averageHandlingDays == 0)
        #expect(stats.total.cases == 4 && stats.total.overdue == 2 && stats.total.overdueRate == 2.0 / 3.0)
    }

    @Test("nothing finished: no average; no timed case: no rate; past the loaded years: provisional")
    func edges() {
        let open = CaseStatistics.Row(item: 1, township: "x", servicePoint: "y", acceptedOn: d("2026-12-30"), deadline: nil,
                                      finishedOn: nil)
        let stats = CaseStatistics([open], by: .item, calendar: calendar, today: d("2026-12-31"))
        #expect(stats.total.averageHandlingDays == nil && stats.total.overdueRate == nil)
        let late = CaseStatistics.Row(item: 1, township: "x", servicePoint: "y", acceptedOn: d("2026-12-30"), deadline: nil,
                                      finishedOn: d("2027-01-05"))
        #expect(CaseStatistics([late], by: .item, calendar: calendar, today: d("2027-01-06")).total.averageIsProvisional)
    }
}
