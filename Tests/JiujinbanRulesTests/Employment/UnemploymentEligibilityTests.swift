import JiujinbanRules
import Testing

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

@Suite("失业登记条件: working age by the day, no job, able and willing")
struct UnemploymentEligibilityTests {
    @Test("the 16th birthday is the first day; the day before is refused with the date")
    func sixteen() {
        let born = day("2010-12-01")
        #expect(UnemploymentEligibility.check(born: born, group: .man, employment: nil, ableAndWilling: true, today: day("2026-11-30"))
                == [.underSixteen(turnsSixteenOn: day("2026-12-01"))])
        #expect(UnemploymentEligibility.check(born: born, group: .man, employment: nil, ableAndWilling: true, today: day("2026-12-01")).isEmpty)
    }

    @Test("retirement age by cohort: a woman worker born March 1976 retires at 50 years 8 months")
    func retirement() {
        let born = day("1976-03-10")
        #expect(StatutoryRetirement.date(.womanFifty, born: born) == day("2026-11-10"))
        #expect(UnemploymentEligibility.check(born: born, group: .womanFifty, employment: nil, ableAndWilling: true, today: day("2026-11-30"))
                == [.pastRetirement(on: day("2026-11-10"))])
        #expect(UnemploymentEligibility.check(born: born, group: .womanFiftyFive, employment: nil, ableAndWilling: true,
                                              today: day("2026-11-30")).isEmpty)
    }

    @Test("employed, or not able and willing: every reason at once, in words")
    func employed() {
        let refusals = UnemploymentEligibility.check(born: day("1990-05-05"), group: .man, employment: "芮城县某公司", ableAndWilling: false,
                                                     today: day("2026-11-30"))
        #expect(refusals.map(\.message) == ["系统中登记为在业（芮城县某公司），请先办理就业登记的终止", "失业登记须本人有劳动能力和就业愿望，请核实后勾选"])
    }

    @Test("recorded work stands until an unemployment registration starts after it; then a 失业日期 on or after its start is needed")
    func recordedEmployment() {
        let found = UnemploymentEligibility.RecordedEmployment(record: "登记就业：某厂", since: day("2026-10-01"))
        let ended = UnemploymentEligibility.RecordedEmployment(record: "失业登记因就业终止", since: day("2026-06-01"))
        #expect(UnemploymentEligibility.standing([ended, found], latestUnemploymentStart: nil) == found)
        #expect(UnemploymentEligibility.standing([ended, found], latestUnemploymentStart: day("2026-10-01")) == found)
        #expect(UnemploymentEligibility.standing([ended, found], latestUnemploymentStart: day("2026-10-02")) == nil)
        #expect(UnemploymentEligibility.standing([], latestUnemploymentStart: nil) == nil)
        #expect(UnemploymentEligibility.separationProblem(nil, separatedOn: nil) == nil)
        #expect(UnemploymentEligibility.separationProblem(found, separatedOn: nil)
                == "系统中登记为已就业（登记就业：某厂，2026-10-01起），请填写失业日期（劳动关系解除或终止之日）")
        #expect(UnemploymentEligibility.separationProblem(found, separatedOn: day("2026-09-30")) == "失业日期2026-09-30早于系统登记的就业日期2026-10-01，请核实")
        #expect(UnemploymentEligibility.separationProblem(found, separatedOn: day("2026-10-01")) == nil)
    }
}
