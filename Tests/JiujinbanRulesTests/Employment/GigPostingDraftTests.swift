import JiujinbanRules
import Testing

@Suite("招聘零工登记: a gig's fields; gigs close after their last day or when filled")
struct GigPostingDraftTests {
    let today = CalendarDate(iso: "2026-11-30")!
    let county = try! DivisionCode("140830000000")
    let skills = Set(GigSkill.defaults.map(\.code))

    var good: GigPostingDraft {
        GigPostingDraft(skill: "harvest", content: "苹果采摘，管午饭", place: "140830100204", address: "太安村果园", startOn: "2026-12-01",
                        endOn: "2026-12-05", headcount: "6", dayWage: "150", contactPhone: "139 0359 0011")
    }

    @Test("a good gig: the days, the day wage in fen, the phone")
    func accepted() throws {
        let facts = try good.validate(today: today, skills: skills, within: county).get()
        #expect(facts.days.lowerBound.description == "2026-12-01" && facts.days.upperBound.description == "2026-12-05")
        #expect(facts.dayWageFen == 15_000 && facts.headcount == 6 && facts.contactPhone.value == "13903590011")
    }

    @Test("an end before the start, a past start, nobody to hire, no wage, an unknown skill, a bad phone: each named")
    func refused() {
        var draft = good
        draft.startOn = "2026-11-29"; draft.endOn = "2026-11-28"
        draft.headcount = "0"; draft.dayWage = "0"; draft.skill = "diving"; draft.contactPhone = "12345"
        guard case .failure(let errors) = draft.validate(today: today, skills: skills, within: county) else {
            Issue.record("accepted")
            return
        }
        #expect(errors.message(for: "start_on") == "开始日期不能早于今天（2026-11-30）")
        #expect(errors.message(for: "end_on") == "结束日期不能早于开始日期（2026-11-29）")
        #expect(errors.message(for: "headcount") == "招用人数应至少为1人")
        #expect(errors.message(for: "day_wage") == "日工资应大于0元")
        #expect(errors.message(for: "skill") == "零工技能“diving”不在本县的技能列表中，请从列表中选择")
        #expect(errors.message(for: "contact_phone")?.hasPrefix("联系电话：") == true)
        var long = good
        long.endOn = "2027-06-01"
        if case .failure(let errors) = long.validate(today: today, skills: skills, within: county) {
            #expect(errors.message(for: "end_on") == "零工用工期最长90天，更长的请按固定工岗位发布")
        } else {
            Issue.record("accepted")
        }
    }

    @Test("open until the last day, filled when everyone is hired, ended the day after")
    func state() {
        let last = CalendarDate(iso: "2026-12-05")!
        #expect(GigState.of(lastDay: last, headcount: 6, hired: 5, today: last) == .open)
        #expect(GigState.of(lastDay: last, headcount: 6, hired: 6, today: today) == .filled)
        #expect(GigState.of(lastDay: last, headcount: 6, hired: 0, today: last.adding(days: 1)) == .ended)
    }
}
