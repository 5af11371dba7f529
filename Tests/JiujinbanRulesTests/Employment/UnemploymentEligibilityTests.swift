import Foundation
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

    @Test("recorded work stands until an unemployment registration is approved after it; then a 失业日期 on or after its start is needed")
    func recordedEmployment() {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        // Work from 10-01, recorded on 10-20: the job's own start bounds the 失业日期, not the day it was recorded.
        let job = UnemploymentEligibility.FoundJob(employer: "某厂", startedOn: day("2026-10-01"), recordedAt: t0)
        let found = job.employment
        #expect(found == UnemploymentEligibility.RecordedEmployment(record: "登记就业：某厂", since: day("2026-10-01")))
        #expect(UnemploymentEligibility.standing(found: [job], latest: nil) == found)
        // The job ended the registration it was recorded against (the same event): still the job, with its start.
        let endedByIt = UnemploymentEligibility.LatestRegistration(approvedAt: t0 - 86_400, endedAsEmployedOn: day("2026-10-20"))
        #expect(UnemploymentEligibility.standing(found: [job], latest: endedByIt) == found)
        // A registration approved after the job, even the same day, means the job ended.
        let later = UnemploymentEligibility.LatestRegistration(approvedAt: t0 + 60, endedAsEmployedOn: nil)
        #expect(UnemploymentEligibility.standing(found: [job], latest: later) == nil)
        // A registration ended as 就业 with no job recorded: its last day is the bound; once another is approved, none.
        let endedEmployed = UnemploymentEligibility.LatestRegistration(approvedAt: t0, endedAsEmployedOn: day("2026-06-01"))
        #expect(UnemploymentEligibility.standing(found: [], latest: endedEmployed)?.since == day("2026-06-01"))
        #expect(UnemploymentEligibility.standing(found: [], latest: later) == nil)
        #expect(UnemploymentEligibility.separationProblem(nil, separatedOn: nil) == nil)
        #expect(UnemploymentEligibility.separationProblem(found, separatedOn: nil)
                == "系统中登记为已就业（登记就业：某厂，2026-10-01起），请填写失业日期（劳动关系解除或终止之日）")
        #expect(UnemploymentEligibility.separationProblem(found, separatedOn: day("2026-09-30")) == "失业日期2026-09-30早于系统登记的就业日期2026-10-01，请核实")
        #expect(UnemploymentEligibility.separationProblem(found, separatedOn: day("2026-10-01")) == nil)
    }
}
