import Foundation
import JiujinbanRules
import Testing

@Suite("六类重点群体: from the records, or declared with proof")
struct KeyGroupTests {
    @Test("an open unemployment registration makes 城镇登记失业人员 by record; a declared graduate with proof joins it")
    func recordAndDeclared() throws {
        let members = try KeyGroupCheck.resolve(records: .init(unemployedSince: ymd("2026-03-01")),
                                                declared: [.graduate: " 山西大学2026届毕业证书 "]).get()
        #expect(members == [
            KeyGroupMembership(group: .graduate, basis: .declared(proof: "山西大学2026届毕业证书")),
            KeyGroupMembership(group: .registeredUnemployed, basis: .record("失业登记（2026-03-01起）")),
        ])
        #expect(members[1].basis.text == "据失业登记（2026-03-01起）")
    }

    @Test("a record-decided group declared without the record is refused with where to go; a declared group needs its proof")
    func refusals() {
        let errors = KeyGroupCheck.resolve(records: .init(), declared: [.hardToEmploy: "残疾证", .ruralMigrant: "  "]).failure
        #expect(errors?.message(for: "groups")?.contains("请向县人社部门申请就业困难人员认定") == true)
        #expect(errors?.message(for: "proof_rural-migrant") == "农村转移就业劳动者：请填写查验的证明材料（如户口簿（农村户籍）及务工证明）")
    }

    @Test("in none of the six: refused naming them all")
    func none() {
        let message = KeyGroupCheck.resolve(records: .init(), declared: [:]).failure?.message(for: "groups") ?? ""
        #expect(KeyGroup.allCases.allSatisfy { message.contains($0.chinese) })
    }

    @Test("the monitoring list and a recognition count without any declaration")
    func listed() throws {
        let members = try KeyGroupCheck.resolve(records: .init(hardshipRecognisedOn: ymd("2025-08-12"), monitoringListBatch: "2026年第3批"),
                                                declared: [:]).get()
        #expect(members.map(\.group) == [.povertyMonitoring, .hardToEmploy])
    }
}

@Suite("开班计划: checked by field against the classification and the institution's approvals")
struct ClassPlanDraftTests {
    static let cook = ClassPlanDraft.Approval(occupationCode: "4-03", level: .five)

    func parse(occupation: String = "4-03", level: String = "5", starts: String = "2027-01-05", ends: String = "2027-01-25",
               place: String = "风陵渡镇便民服务中心", capacity: String = "30", enrolled: String = "0") -> Result<ClassPlanDraft, FieldErrors> {
        ClassPlanDraft.parse(occupation: occupation, level: level, starts: starts, ends: ends, place: place, capacity: capacity, enrolled: enrolled,
                             classification: ["4-03", "6-01"], approvals: [Self.cook])
    }

    @Test("a good plan reads whole")
    func good() throws {
        let plan = try parse().get()
        #expect(plan.level == .five && plan.capacity == 30 && plan.enrolled == 0 && plan.ends == ymd("2027-01-25"))
    }

    @Test("ending before it starts, capacity 0, enrolment over capacity, an unknown or unapproved occupation: each named")
    func refused() {
        #expect(parse(ends: "2027-01-04").failure?.message(for: "ends") == "结业日期2027-01-04早于开班日期2027-01-05")
        #expect(parse(capacity: "0").failure?.message(for: "capacity") == "计划人数：应为1至1000之间的整数，收到“0”")
        #expect(parse(enrolled: "31").failure?.message(for: "enrolled") == "已报名人数31超过计划人数30")
        #expect(parse(occupation: "9-99").failure?.message(for: "occupation") == "职业：职业分类中没有代码“9-99”")
        #expect(parse(occupation: "6-01").failure?.message(for: "occupation")?.contains("未获准开展此职业五级/初级工的培训") == true)
        #expect(parse(level: "6").failure?.fields == ["level"])
    }
}

@Suite("培训机构推荐: free places first, then nearest, each with its reason")
struct TrainingRecommendationTests {
    static let home = GeoCoordinate(longitude: 110.69, latitude: 34.70)!
    static let cook = ClassPlanDraft.Approval(occupationCode: "4-03", level: .five)

    static func place(eastKm km: Double) -> GeoCoordinate {
        // One degree of longitude at 34.7° N is about 91.5 km.
        GeoCoordinate(longitude: 110.69 + km / 91.47, latitude: 34.70)!
    }

    @Test("hand-built county: B (5 km, free places) before F (no position, free), then C (1 km, no class) and A (2 km, full)")
    func order() {
        let today = ymd("2026-12-07")
        func institution(_ name: String, _ location: GeoCoordinate?, _ approvals: Set<ClassPlanDraft.Approval> = [Self.cook]) -> TrainingCatalogue.Institution {
            .init(id: UUID(), name: name, location: location, approvals: approvals, subsidised: name != "C")
        }
        let a = institution("A", Self.place(eastKm: 2)), b = institution("B", Self.place(eastKm: 5)), c = institution("C", Self.place(eastKm: 1))
        let d = institution("D", Self.place(eastKm: 0.5), [.init(occupationCode: "6-01", level: .five)])
        let e = institution("E", Self.place(eastKm: 0.3), [.init(occupationCode: "4-03", level: .four)])
        let f = institution("F", nil)
        func plan(_ institution: TrainingCatalogue.Institution, _ starts: String, capacity: Int = 30, enrolled: Int = 0,
                  level: SkillLevel = .five) -> TrainingCatalogue.Plan {
            .init(id: UUID(), institutionID: institution.id, occupationCode: "4-03", level: level, starts: ymd(starts),
                  ends: ymd(starts).adding(days: 20), capacity: capacity, enrolled: enrolled)
        }
        let plans = [
            plan(a, "2026-12-20", enrolled: 30), plan(a, "2026-11-01"), // full, and one already started
            plan(b, "2027-01-10", enrolled: 18), plan(b, "2026-12-28", capacity: 20, enrolled: 20),
            plan(f, "2027-02-01"), plan(e, "2026-12-15", level: .four),
        ]
        let found = TrainingCatalogue(institutions: [a, b, c, d, e, f], plans: plans)
            .recommend(occupation: "4-03", level: .five, from: Self.home, today: today)
        #expect(found.map(\.institution.name) == ["B", "F", "C", "A"])
        #expect(found[0].nextPlan?.starts == ymd("2027-01-10"))
        #expect(found[0].reason == "距离约5.0公里；2027-01-10开班，尚余12个名额；可享受职业培训补贴")
        #expect(found[1].reason.hasPrefix("距离未知"))
        #expect(found[2].reason == "距离约1.0公里；暂无开班计划；不在补贴性培训机构目录内")
        #expect(found[3].reason == "距离约2.0公里；近期1个班次已满；可享受职业培训补贴")
    }

    @Test("no institution teaches it: nothing, and the limit is kept")
    func emptyAndLimit() {
        let many = (0..<30).map { TrainingCatalogue.Institution(id: UUID(), name: "机构\($0)", location: Self.place(eastKm: Double($0)),
                                                                 approvals: [Self.cook], subsidised: true) }
        let catalogue = TrainingCatalogue(institutions: many, plans: [])
        #expect(catalogue.recommend(occupation: "6-01", level: .five, from: Self.home, today: ymd("2026-12-07")).isEmpty)
        let ten = catalogue.recommend(occupation: "4-03", level: .five, from: Self.home, today: ymd("2026-12-07"))
        #expect(ten.map(\.institution.name) == (0..<10).map { "机构\($0)" })
    }
}

@Suite("培训意向跟踪: due after the wait in working days, the case 5 working days later, across the National Day holiday")
struct TrainingFollowUpTests {
    @Test("registered 2026-09-22, wait 10 working days: due 2026-10-13 (中秋、国庆 skipped, 10-10 a make-up day); its case due 10-20")
    func acrossHoliday() throws {
        let calendar = try BundledCalendar.calendar()
        let intention = TrainingFollowUp.Intention(registeredOn: ymd("2026-09-22"), lastFollowUpOn: nil, followUpOpen: false, hasClass: false)
        #expect(TrainingFollowUp.dueOn(intention, waitWorkingDays: 10, calendar: calendar) == ymd("2026-10-13"))
        #expect(!TrainingFollowUp.opensToday(intention, waitWorkingDays: 10, calendar: calendar, today: ymd("2026-10-12")))
        #expect(TrainingFollowUp.opensToday(intention, waitWorkingDays: 10, calendar: calendar, today: ymd("2026-10-13")))
        #expect(TrainingFollowUp.deadline(openedOn: ymd("2026-10-13"), calendar: calendar).date == ymd("2026-10-20"))
        #expect(TrainingFollowUp.deadline(openedOn: ymd("2026-09-29"), calendar: calendar).date == ymd("2026-10-12"))
    }

    @Test("again after the last follow-up; never beside an open one, nor once a class is found")
    func repeatOrNot() throws {
        let calendar = try BundledCalendar.calendar()
        let again = TrainingFollowUp.Intention(registeredOn: ymd("2026-09-22"), lastFollowUpOn: ymd("2026-10-13"), followUpOpen: false, hasClass: false)
        #expect(TrainingFollowUp.dueOn(again, waitWorkingDays: 10, calendar: calendar) == ymd("2026-10-27"))
        let open = TrainingFollowUp.Intention(registeredOn: ymd("2026-09-22"), lastFollowUpOn: ymd("2026-10-13"), followUpOpen: true, hasClass: false)
        #expect(TrainingFollowUp.dueOn(open, waitWorkingDays: 10, calendar: calendar) == nil)
        let placed = TrainingFollowUp.Intention(registeredOn: ymd("2026-09-22"), lastFollowUpOn: nil, followUpOpen: false, hasClass: true)
        #expect(!TrainingFollowUp.opensToday(placed, waitWorkingDays: 10, calendar: calendar, today: ymd("2026-12-31")))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

@Suite("培训机构: entered by a county business admin, checked by field, inside the county")
struct TrainingInstitutionDraftTests {
    static let ruicheng = try! DivisionCode.county("140830")

    func parse(name: String = "芮城县职业技能培训学校", code: String = "914403001922038216", division: String = "140830100000",
               longitude: String = "110.6933", latitude: String = "34.6952", approvals: [(String, String)] = [("4-03", "5"), ("4-03", "4")],
               phone: String = "0359-3021234") -> Result<TrainingInstitutionDraft, FieldErrors> {
        TrainingInstitutionDraft.parse(name: name, creditCode: code, division: division, address: "芮城县古魏镇永乐北路12号",
                                       longitude: longitude, latitude: latitude, approvals: approvals, subsidised: true,
                                       contactPhone: phone, county: Self.ruicheng, classification: ["4-03", "6-01"])
    }

    @Test("a good institution: its approvals, its position in decimal degrees or degrees-minutes-seconds")
    func good() throws {
        let draft = try parse().get()
        #expect(draft.approvals == [.init(occupationCode: "4-03", level: .five), .init(occupationCode: "4-03", level: .four)])
        #expect(draft.location == GeoCoordinate(longitude: 110.6933, latitude: 34.6952))
        let dms = try parse(longitude: "110°41′36″", latitude: "34°41′43″").get()
        #expect(abs(dms.location!.longitude - 110.693_333) < 0.000_01)
        #expect(try parse(longitude: "", latitude: "").get().location == nil)
    }

    @Test("outside the county, a bad credit code, one coordinate alone, an unknown occupation, no approval: each named")
    func refused() {
        #expect(parse(division: "140802000000").failure?.message(for: "division") == "所在区划：140802000000不在本县（140830），只能登记本县的培训机构")
        #expect(parse(code: "914403001922038217").failure?.message(for: "credit_code")?.contains("校验位不符") == true)
        #expect(parse(latitude: "").failure?.fields == ["latitude"])
        #expect(parse(approvals: [("4-03", "5"), ("9-99", "5")]).failure?.message(for: "approvals") == "培训资质第2行：职业分类中没有代码“9-99”")
        #expect(parse(approvals: [("", "")]).failure?.message(for: "approvals") == "培训资质：请至少填写一项获准培训的职业及等级")
        #expect(parse(phone: "").failure?.message(for: "contact_phone") == "联系电话：请填写联系电话")
    }
}
