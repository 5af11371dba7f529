import Foundation
import JiujinbanRules
import Testing

@Suite("Case urgency: working days left, overdue first (issue 22, home page)")
struct CaseUrgencyTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test("days left are working days: a deadline across a weekend counts only the workdays")
    func workingDaysLeft() throws {
        let calendar = try BundledCalendar.calendar()
        // Wednesday 2026-11-25 → Monday 2026-11-30: Thursday, Friday, Monday.
        let urgency = CaseUrgency.of(deadline: Self.date("2026-11-30"), today: Self.date("2026-11-25"), calendar: calendar)
        #expect(urgency.workingDaysLeft == 3)
        #expect(urgency.label == "剩3个工作日")
        #expect(!urgency.isOverdue)
        #expect(CaseUrgency.of(deadline: Self.date("2026-11-25"), today: Self.date("2026-11-25"), calendar: calendar).label == "今日到期")
    }

    @Test("an overdue case counts the working days since its deadline, at least one")
    func overdue() throws {
        let calendar = try BundledCalendar.calendar()
        // Deadline Friday 2026-11-20, today Wednesday 2026-11-25: Monday, Tuesday, Wednesday late.
        let late = CaseUrgency.of(deadline: Self.date("2026-11-20"), today: Self.date("2026-11-25"), calendar: calendar)
        #expect(late.workingDaysLeft == -3)
        #expect(late.label == "超期3个工作日")
        #expect(late.isOverdue)
        // Deadline Friday, seen on Saturday: late by a day off only, still overdue.
        let weekend = CaseUrgency.of(deadline: Self.date("2026-11-20"), today: Self.date("2026-11-21"), calendar: calendar)
        #expect(weekend.workingDaysLeft == -1)
    }

    @Test("sorting puts the most overdue first and cases without a deadline last")
    func order() {
        let list = [CaseUrgency(workingDaysLeft: nil), CaseUrgency(workingDaysLeft: 4), CaseUrgency(workingDaysLeft: -1),
                    CaseUrgency(workingDaysLeft: 0), CaseUrgency(workingDaysLeft: -5)]
        #expect(list.sorted().map(\.workingDaysLeft) == [-5, -1, 0, 4, nil])
        #expect(CaseUrgency(workingDaysLeft: nil).label.isEmpty)
    }
}
