import Foundation
import JiujinbanRules
import Testing

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

@Suite("月度报送: the 20th, exceptions, the county's decision; months; kiosk registration")
struct ReportCycleTests {
    let november = ReportMonth(year: 2026, month: 11)!
    /// The seeded figure: the 20th.
    let twentieth = DatedSchedule<Int>([.init(from: CalendarDate(year: 2009, month: 1, day: 1)!, value: 20)])

    @Test("entry is open until the 20th, then only within a granted exception, never once accepted")
    func deadline() {
        #expect(ReportCycle.deadline(for: november, deadlineDays: twentieth) == day("2026-11-20"))
        #expect(ReportCycle.mayEdit(month: november, state: .draft, today: day("2026-11-20"), exceptionUntil: nil, deadlineDays: twentieth) == nil)
        #expect(ReportCycle.mayEdit(month: november, state: .draft, today: day("2026-11-21"), exceptionUntil: nil, deadlineDays: twentieth)
                == .locked(month: november, deadline: day("2026-11-20")))
        #expect(ReportCycle.mayEdit(month: november, state: .returned, today: day("2026-11-25"), exceptionUntil: day("2026-11-27"), deadlineDays: twentieth) == nil)
        #expect(ReportCycle.mayEdit(month: november, state: .draft, today: day("2026-11-28"), exceptionUntil: day("2026-11-27"), deadlineDays: twentieth)
                == .exceptionExpired(until: day("2026-11-27")))
        #expect(ReportCycle.mayEdit(month: november, state: .accepted, today: day("2026-11-02"), exceptionUntil: nil, deadlineDays: twentieth) == .alreadyAccepted)
        #expect(ReportCycle.Refusal.locked(month: november, deadline: day("2026-11-20")).message.contains("已于2026-11-20截止填报"))
        #expect(ReportCycle.isOnTime(submittedOn: day("2026-11-20"), month: november, deadlineDays: twentieth))
        #expect(!ReportCycle.isOnTime(submittedOn: day("2026-11-21"), month: november, deadlineDays: twentieth))
        // A later decision (the 25th from January 2027) applies from its month, the seeded 20th before it; a day past
        // a short month's end is its last day.
        let later = DatedSchedule<Int>(twentieth.entries + [.init(from: day("2027-01-01"), value: 25)])
        #expect(ReportCycle.deadline(for: ReportMonth(year: 2026, month: 12)!, deadlineDays: later) == day("2026-12-20"))
        #expect(ReportCycle.deadline(for: ReportMonth(year: 2027, month: 1)!, deadlineDays: later) == day("2027-01-25"))
        let thirtyFirst = DatedSchedule<Int>([.init(from: day("2009-01-01"), value: 31)])
        #expect(ReportCycle.deadline(for: ReportMonth(year: 2027, month: 2)!, deadlineDays: thirtyFirst) == day("2027-02-28"))
        #expect(ReportCycle.Refusal.locked(month: november, deadline: day("2026-11-20")).message.contains("每月20日前报送"))
    }

    @Test("the county accepts or returns (with a reason) only what was submitted")
    func decisions() {
        #expect(ReportCycle.decide(state: .submitted, accept: true, comment: "") == .success(.accepted))
        #expect(ReportCycle.decide(state: .submitted, accept: false, comment: " ") == .failure(.commentRequired))
        #expect(ReportCycle.decide(state: .submitted, accept: false, comment: "第23列缺说明") == .success(.returned))
        #expect(ReportCycle.decide(state: .draft, accept: true, comment: "") == .failure(.notSubmitted))
        #expect(ReportCycle.decide(state: .accepted, accept: false, comment: "x") == .failure(.alreadyAccepted))
    }

    @Test("months parse from 年-月, full-width too; a month not yet begun is refused")
    func months() {
        #expect(ReportMonth("２０２６－１１")?.description == "2026-11")
        #expect(ReportMonth("2026-1")?.description == "2026-01")
        #expect(ReportMonth("2026-13") == nil && ReportMonth("26-11") == nil)
        #expect(ReportMonth(year: 2026, month: 2)!.lastDay == day("2026-02-28"))
        guard case .failure(let errors) = ReportMonth.parse("2026-12", today: day("2026-11-30")) else {
            Issue.record("a future month was accepted")
            return
        }
        #expect(errors.message(for: "month") == "报送月份2026-12尚未开始，不能填报或查看未来月份")
        #expect((try? ReportMonth.parse("2026-11", today: day("2026-11-01")).get()) == november)
    }

    @Test("a kiosk needs its point, a plate serial and an installation day not in the future")
    func kioskDraft() {
        let today = day("2026-11-25")
        let good = try? KioskDraft(point: "x", serial: " ks-2026 001 ", installedOn: "2026-11-10").validate(today: today).get()
        #expect(good?.serial == "KS-2026001" && good?.installedOn == day("2026-11-10"))
        guard case .failure(let errors) = KioskDraft(point: "", serial: "机器1", installedOn: "2026-12-01").validate(today: today) else {
            Issue.record("a bad kiosk was accepted")
            return
        }
        #expect(errors.fields == ["point", "serial", "installed_on"])
        #expect(errors.message(for: "installed_on") == "安装日期不能晚于今天（2026-11-25）")
    }
}
