import JiujinbanRules
import Testing

@Suite("固定工求职登记: wanted occupations, wage, distance, schooling; working age only")
struct JobSeekerDraftTests {
    let today = CalendarDate(iso: "2026-11-30")!
    let known: Set<String> = ["4-03", "4-10", "6-01", "5-01"]
    let born = CalendarDate(iso: "1990-05-05")!

    @Test("a registration: codes kept once, wage in fen, distance in metres, available from today at the earliest")
    func accepted() throws {
        let draft = JobSeekerDraft(occupations: ["4-03", "", "4-03", "6-01"], expectedWage: "3500", maximumDistanceKm: "12.5", education: "3",
                                   skills: "叉车证", availableFrom: "2026-01-01")
        let facts = try draft.validate(today: today, born: born, group: .man, occupations: known).get()
        #expect(facts.occupations == ["4-03", "6-01"] && facts.expectedWageFen == 350_000 && facts.maximumDistanceMeters == 12_500)
        #expect(facts.education == .seniorMiddle && facts.skills == "叉车证" && facts.availableFrom == today)
        #expect(facts.places.isEmpty)
    }

    @Test("acceptable places: chosen from those offered, each once, at most three; another is refused by field")
    func places() throws {
        let offered: Set<String> = ["140830000000", "140830100000", "140830101000", "140830102000", "140830103000"]
        let twice = JobSeekerDraft(places: ["140830100000", "", "140830100000", "140830101000"], education: "2")
        let facts = try twice.validate(today: today, born: born, group: .man, occupations: known, places: offered).get()
        #expect(facts.places.map(\.value) == ["140830100000", "140830101000"])
        let elsewhere = JobSeekerDraft(places: ["140881000000"], education: "2")
        guard case .failure(let errors) = elsewhere.validate(today: today, born: born, group: .man, occupations: known, places: offered) else {
            Issue.record("accepted")
            return
        }
        #expect(errors.message(for: "places") == "可接受的工作地点“140881000000”不在可选范围内，请从列表中选择")
        let four = JobSeekerDraft(places: ["140830000000", "140830100000", "140830101000", "140830102000"], education: "2")
        guard case .failure(let tooMany) = four.validate(today: today, born: born, group: .man, occupations: known, places: offered) else {
            Issue.record("accepted")
            return
        }
        #expect(tooMany.message(for: "places") == "可接受的工作地点最多选3个（现为4个）")
    }

    @Test("unknown codes, too many, a negative wage, no schooling, under 16 and past retirement are refused by field")
    func refused() {
        let draft = JobSeekerDraft(occupations: ["4-03", "4-10", "6-01", "5-01", "9-99"], expectedWage: "-5", maximumDistanceKm: "0",
                                   education: "", availableFrom: "2028-01-01")
        guard case .failure(let errors) = draft.validate(today: today, born: CalendarDate(iso: "2010-12-01")!, group: .man, occupations: known) else {
            Issue.record("accepted")
            return
        }
        #expect(errors.message(for: "occupations") == "职业代码“9-99”不在职业分类中，请从列表中选择")
        #expect(errors.message(for: "expected_wage") == "期望月薪不能为负数")
        #expect(errors.message(for: "max_distance_km") == "可接受的通勤距离应为0.1至500公里")
        #expect(errors.message(for: "education") == "请选择学历")
        #expect(errors.message(for: "available_from") == "可到岗日期应在一年以内")
        #expect(errors.message(for: "citizen") == "求职登记面向年满16周岁的劳动者")
        let retired = JobSeekerDraft(education: "2").validate(today: today, born: CalendarDate(iso: "1960-01-01")!, group: .man, occupations: known)
        if case .failure(let errors) = retired { #expect(errors.message(for: "citizen") == "已达到法定退休年龄，不能办理求职登记") }
        else { Issue.record("accepted") }
    }
}
