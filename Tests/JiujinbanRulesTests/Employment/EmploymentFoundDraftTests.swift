import JiujinbanRules
import Testing

@Suite("登记就业: the employer and the start date a job seeker reports")
struct EmploymentFoundDraftTests {
    let today = CalendarDate(iso: "2026-11-25")!
    let registered = CalendarDate(iso: "2026-03-02")!

    func problems(_ draft: EmploymentFoundDraft) -> [String: String] {
        guard case .failure(let errors) = draft.validate(today: today, registeredOn: registered) else { return [:] }
        return Dictionary(errors.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("a start between registration and today is kept with the employer as the reason")
    func accepted() throws {
        let facts = try EmploymentFoundDraft(employer: "  芮城县某果品厂 ", startedOn: "2026-03-02").validate(today: today, registeredOn: registered).get()
        #expect(facts.employer == "芮城县某果品厂" && facts.startedOn == registered)
        #expect(facts.endReason == "已就业：芮城县某果品厂（2026-03-02起）")
        #expect((try? EmploymentFoundDraft(employer: "某厂", startedOn: "2026-11-25").validate(today: today, registeredOn: registered).get()) != nil)
    }

    @Test("each bad field is named: empty or marked-up employer, missing, unreal, future, pre-registration or old dates")
    func refused() {
        #expect(problems(EmploymentFoundDraft(employer: "", startedOn: "")) == ["employer": "请填写就业单位或岗位", "started_on": "请填写就业开始日期"])
        #expect(problems(EmploymentFoundDraft(employer: "<b>厂</b>", startedOn: "2026-02-30"))
                == ["employer": "就业单位或岗位不能包含“<”“>”符号", "started_on": "就业开始日期应为有效日期，如2026-11-25"])
        #expect(problems(EmploymentFoundDraft(employer: "某厂", startedOn: "2026-11-26")) == ["started_on": "就业开始日期不能晚于今天（2026-11-25）"])
        #expect(problems(EmploymentFoundDraft(employer: "某厂", startedOn: "2026-03-01")) == ["started_on": "就业开始日期不能早于求职登记日期（2026-03-02）"])
        #expect(problems(EmploymentFoundDraft(employer: String(repeating: "厂", count: 61), startedOn: "2026-11-25"))
                == ["employer": "就业单位或岗位不能超过60个字（现为61个）"])
        let longAgo = CalendarDate(iso: "2024-01-01")!
        #expect(!(EmploymentFoundDraft(employer: "某厂", startedOn: "2025-11-23").validate(today: today, registeredOn: longAgo).isSuccess))
    }
}

private extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
}
