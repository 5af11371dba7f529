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
}
