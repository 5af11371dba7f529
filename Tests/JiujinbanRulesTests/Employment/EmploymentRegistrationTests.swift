import JiujinbanRules
import Testing

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

@Suite("就业失业登记: item 10's form, the recorded status, the reasons a registration ends")
struct EmploymentRegistrationTests {
    let today = day("2026-11-25")

    @Test("flexible employment: a type from the list, a start neither in the future nor before the 16th birthday, a short description")
    func flexibleDraft() throws {
        let born = day("2008-03-10")
        let good = FlexibleEmploymentDraft(employmentType: "platform", startedOn: "2024-03-10", description: " 外卖配送 ").validate(today: today, born: born)
        let facts = try good.get()
        #expect(facts.type == .platform && facts.startedOn == day("2024-03-10") && facts.description == "外卖配送")
        let messages = { (draft: FlexibleEmploymentDraft) -> [String] in
            guard case .failure(let errors) = draft.validate(today: self.today, born: born) else { return [] }
            return errors.problems.map { "\($0.field): \($0.message)" }
        }
        #expect(messages(FlexibleEmploymentDraft(employmentType: "", startedOn: "", description: nil))
                == ["employment_type: 请选择就业形式", "started_on: 请填写就业开始日期"])
        #expect(messages(FlexibleEmploymentDraft(employmentType: "boss", startedOn: "2026-11-26"))
                == ["employment_type: 请从列表中选择就业形式", "started_on: 就业开始日期不能晚于今天（2026-11-25）"])
        // The day before the 16th birthday is refused with the date; the birthday itself is the first day.
        #expect(messages(FlexibleEmploymentDraft(employmentType: "part_time", startedOn: "2024-03-09"))
                == ["started_on: 就业开始日期不能早于年满16周岁之日（2024-03-10）"])
        #expect(messages(FlexibleEmploymentDraft(employmentType: "part_time", startedOn: "2026-02-30")) == ["started_on: 就业开始日期应为有效日期，如2026-11-25"])
        #expect(messages(FlexibleEmploymentDraft(employmentType: "other", startedOn: "2025-01-01", description: String(repeating: "摊", count: 101)))
                .first?.hasPrefix("description:") == true)
        #expect(FlexibleEmploymentType.allCases.map(\.label) == ["个体经营", "非全日制就业", "新就业形态（平台从业）", "其他灵活就业"])
    }

    @Test("the recorded status: active flexible employment is employment, named as a record for item 11's refusal")
    func status() {
        let flexible = EmploymentStatus(active: .flexible, type: "self_employed", since: day("2026-11-01"))
        #expect(flexible == .flexiblyEmployed(.selfEmployed, since: day("2026-11-01")))
        #expect(flexible.employmentRecord == "灵活就业登记：个体经营，2026-11-01起" && flexible.cardStatus == "就业")
        let refusals = UnemploymentEligibility.check(born: day("1990-01-01"), group: .man, employment: flexible.employmentRecord,
                                                     ableAndWilling: true, today: today)
        #expect(refusals.map(\.message) == ["系统中登记为在业（灵活就业登记：个体经营，2026-11-01起），请先办理就业登记的终止"])
        let unemployed = EmploymentStatus(active: .unemployed, type: nil, since: day("2026-10-01"))
        #expect(unemployed.employmentRecord == nil && unemployed.cardStatus == "失业")
        #expect(EmploymentStatus(active: nil, type: nil, since: nil) == .unrecorded && EmploymentStatus.unrecorded.employmentRecord == nil)
    }

    @Test("working age at the edges: the 16th birthday (29 February too) and a man's raised retirement age (domain-rules §5)")
    func workingAgeEdges() {
        #expect(StatutoryRetirement.sixteenthBirthday(born: day("2008-02-29")) == day("2024-02-29"))
        #expect(StatutoryRetirement.sixteenthBirthday(born: day("2010-02-28")) == day("2026-02-28"))
        #expect(UnemploymentEligibility.check(born: day("2010-11-25"), group: .man, employment: nil, ableAndWilling: true, today: today).isEmpty)
        #expect(UnemploymentEligibility.check(born: day("2010-11-26"), group: .man, employment: nil, ableAndWilling: true, today: today)
                == [.underSixteen(turnsSixteenOn: day("2026-11-26"))])
        // Born January 1966: 60 years and 4 months.
        #expect(StatutoryRetirement.date(.man, born: day("1966-01-15")) == day("2026-05-15"))
        #expect(UnemploymentEligibility.check(born: day("1966-01-15"), group: .man, employment: nil, ableAndWilling: true,
                                              today: day("2026-05-14")).isEmpty)
        #expect(UnemploymentEligibility.check(born: day("1966-01-15"), group: .man, employment: nil, ableAndWilling: true,
                                              today: day("2026-05-15")) == [.pastRetirement(on: day("2026-05-15"))])
        // A woman born January 1976: 50 years 7 months as a worker, 56 years 7 months in the later cohort.
        #expect(StatutoryRetirement.date(.womanFifty, born: day("1976-01-10")) == day("2026-08-10"))
        #expect(StatutoryRetirement.date(.womanFiftyFive, born: day("1976-01-10")) == day("2032-08-10"))
    }

    @Test("ending: §3's reasons for unemployment, others for flexible work; 6 months without contact counted from the start")
    func ending() {
        #expect(RegistrationEndReason.reasons(for: .unemployed).map(\.label) == ["就业", "领取养老金", "入学或参军", "出境定居", "服刑", "6个月无联系"])
        #expect(RegistrationEndReason.validate("employed", kind: .unemployed, startedOn: today, today: today) == .success(.employed))
        let wrongKind = RegistrationEndReason.validate("stopped_working", kind: .unemployed, startedOn: today, today: today)
        #expect(wrongKind == .failure({ var e = FieldErrors(); e.add("reason", "请从列表中选择失业登记的终止原因"); return e }()))
        let empty = RegistrationEndReason.validate("", kind: .flexible, startedOn: today, today: today)
        #expect(empty == .failure({ var e = FieldErrors(); e.add("reason", "请选择终止原因"); return e }()))
        let started = day("2026-05-31")
        #expect(started.addingMonths(6) == day("2026-11-30"))
        let early = RegistrationEndReason.validate("no_contact", kind: .unemployed, startedOn: started, today: day("2026-11-29"))
        #expect(early == .failure({ var e = FieldErrors(); e.add("reason", "登记于2026-05-31，须满6个月无联系（2026-11-30起）方可按此原因终止"); return e }()))
        #expect(RegistrationEndReason.validate("no_contact", kind: .unemployed, startedOn: started, today: day("2026-11-30")) == .success(.noContact))
        #expect(RegistrationEndReason.employed.cardStatusAfterEnding == "就业" && RegistrationEndReason.pension.cardStatusAfterEnding == "无有效登记")
        #expect(day("2024-01-31").addingMonths(1) == day("2024-02-29") && day("2025-12-15").addingMonths(2) == day("2026-02-15"))
    }
}
