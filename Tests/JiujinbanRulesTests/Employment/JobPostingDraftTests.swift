import JiujinbanRules
import Testing

@Suite("岗位发布: a posting's fields checked, every problem named by its field")
struct JobPostingDraftTests {
    let today = CalendarDate(iso: "2026-11-30")!
    let county = try! DivisionCode("140830000000")
    let occupations: Set<String> = ["4-03", "6-01"]

    var good: JobPostingDraft {
        JobPostingDraft(occupation: "4-03", headcount: "３", wageMinimum: "3000", wageMaximum: "4500.5", education: "2",
                        ageMinimum: "18", ageMaximum: "", workplace: "140830100204", address: "古魏镇太安村", hours: "8:00-17:00",
                        validUntil: "2026-12-31")
    }

    @Test("a good posting: fen, the age range to the highest retirement age, the workplace division")
    func accepted() throws {
        let facts = try good.validate(today: today, occupations: occupations, within: county).get()
        #expect(facts.headcount == 3 && facts.wageMinimumFen == 300_000 && facts.wageMaximumFen == 450_050)
        #expect(facts.ages == 18...63 && facts.minimumEducation == .juniorMiddle && facts.workplace.value == "140830100204")
    }

    @Test("the issue's bad input: upside-down or negative wages, ages outside 16–63, a past date, no one to hire, unknown codes")
    func refused() {
        var draft = good
        draft.wageMinimum = "5000"; draft.wageMaximum = "4000"
        draft.ageMinimum = "15"; draft.ageMaximum = "70"
        draft.validUntil = "2026-11-29"; draft.headcount = "0"; draft.occupation = "9-99"
        draft.workplace = "140829100201"
        guard case .failure(let errors) = draft.validate(today: today, occupations: occupations, within: county) else {
            Issue.record("accepted")
            return
        }
        #expect(errors.message(for: "wage_max") == "月薪上限不能低于下限（下限5000元）")
        #expect(errors.message(for: "age_min") == "年龄下限应在16至63周岁之间（劳动年龄）")
        #expect(errors.message(for: "age_max") == "年龄上限应在16至63周岁之间（劳动年龄）")
        #expect(errors.message(for: "valid_until") == "岗位有效期不能早于今天（2026-11-30）")
        #expect(errors.message(for: "headcount") == "招聘人数应至少为1人")
        #expect(errors.message(for: "occupation") == "职业代码“9-99”不在职业分类中，请从列表中选择")
        #expect(errors.message(for: "workplace") == "工作地点应在本辖区内")
        var negative = good
        negative.wageMinimum = "-1"
        negative.ageMinimum = "40"; negative.ageMaximum = "30"
        if case .failure(let errors) = negative.validate(today: today, occupations: occupations, within: county) {
            #expect(errors.message(for: "wage_min") == "月薪下限不能为负数")
            #expect(errors.message(for: "age_max") == "年龄上限不能低于下限（40岁）")
        } else {
            Issue.record("accepted")
        }
        var empty = JobPostingDraft()
        empty.validUntil = "2028-01-01"
        if case .failure(let errors) = empty.validate(today: today, occupations: occupations, within: county) {
            #expect(errors.message(for: "headcount") == "请填写招聘人数" && errors.message(for: "wage_min") == "请填写月薪下限（元/月）")
            #expect(errors.message(for: "valid_until") == "岗位有效期最长一年，请在到期后重新发布")
        } else {
            Issue.record("accepted")
        }
    }
}
