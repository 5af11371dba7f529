import JiujinbanRules
import Testing

@Suite("跟踪反馈 answers and 参训 steps: refused by field, and what each step does to the class and the intention")
struct TrainingDeliveryRulesTests {
    static let today = CalendarDate(iso: "2026-11-25")!

    @Test("an answer needs its source and what was said (≤ 200); a class date, if given, is a date from today on")
    func answers() throws {
        let good = try FollowUpAnswer.parse(source: "county", said: "  明年一月开班 ", startsOn: "2027-01-05", place: "古魏镇", today: Self.today).get()
        #expect(good == FollowUpAnswer(source: .county, said: "明年一月开班", classStartsOn: CalendarDate(iso: "2027-01-05"), classPlace: "古魏镇"))
        #expect(try FollowUpAnswer.parse(source: "institution", said: "待定", startsOn: "", place: " ", today: Self.today).get().classPlace == nil)
        guard case .failure(let errors) = FollowUpAnswer.parse(source: "neighbour", said: "", startsOn: "2026-11-24", place: String(repeating: "地", count: 101),
                                                               today: Self.today) else {
            Issue.record("accepted a bad answer")
            return
        }
        #expect(errors.fields == ["source", "said", "class_starts_on", "class_place"])
        guard case .failure(let long) = FollowUpAnswer.parse(source: "county", said: String(repeating: "字", count: 201), startsOn: "2026-13-01",
                                                             place: "", today: Self.today) else {
            Issue.record("accepted a long answer")
            return
        }
        #expect(long.message(for: "said") == "反馈内容不能超过200字（现为201字）" && long.message(for: "class_starts_on") == "开班日期格式应为2026-12-01")
        #expect(good.message(occupation: "电工", level: .four, caseNumber: "140830-20261125-00001")
                == "【就近办】您登记的“电工（四级/中级工）”培训意向，县人社部门答复：明年一月开班；开班日期2027-01-05；地点古魏镇。详情可到就近服务点咨询（办件号140830-20261125-00001）。")
    }

    @Test("the steps: 已通知 → 已报名 takes a place; 已结业 closes the intention; 未到 gives the place back; nothing skips or reopens")
    func steps() throws {
        typealias S = EnrolmentProgress.Status
        #expect(try EnrolmentProgress.step(from: .notified, to: .enrolled, intention: "open").get() == .init(placeChange: 1, intentionStatus: "enrolled", closesIntention: false))
        #expect(try EnrolmentProgress.step(from: .enrolled, to: .attended, intention: "enrolled").get().placeChange == 0)
        let completed = try EnrolmentProgress.step(from: .attended, to: .completed, intention: "enrolled").get()
        #expect(completed.closesIntention && completed.intentionStatus == "completed")
        #expect(try EnrolmentProgress.step(from: .enrolled, to: .absent, intention: "enrolled").get() == .init(placeChange: -1, intentionStatus: "open", closesIntention: false))
        #expect(try EnrolmentProgress.step(from: .notified, to: .absent, intention: "open").get() == .init(placeChange: 0, intentionStatus: nil, closesIntention: false))
        #expect(try EnrolmentProgress.step(from: .attended, to: .dropped, intention: "enrolled").get() == .init(placeChange: 0, intentionStatus: "open", closesIntention: false))
        for (from, to) in [(S.notified, S.attended), (.notified, .completed), (.enrolled, .completed), (.attended, .enrolled), (.completed, .enrolled),
                           (.absent, .enrolled), (.dropped, .attended)] {
            guard case .failure(let errors) = EnrolmentProgress.step(from: from, to: to, intention: "open") else {
                Issue.record("\(from) → \(to) allowed")
                continue
            }
            #expect(errors.fields == ["status"], "\(from) → \(to)")
        }
        #expect(EnrolmentProgress.full(capacity: 30).message(for: "status") == "该开班计划已招满（计划30人），不能再报名")
    }

    @Test("one place at a time: no second class while enrolled in one; 未到 after a notice leaves a place held elsewhere; an ended intention takes no step")
    func onePlace() throws {
        // Enrolled in class A, notified of class B: B may not be taken, and B's 未到 leaves the intention enrolled.
        guard case .failure(let twice) = EnrolmentProgress.step(from: .notified, to: .enrolled, intention: "enrolled") else {
            Issue.record("a second place allowed")
            return
        }
        #expect(twice.message(for: "status")?.contains("已报名同一培训意向的其他开班计划") == true)
        #expect(try EnrolmentProgress.step(from: .notified, to: .absent, intention: "enrolled").get().intentionStatus == nil)
        // Completed (or withdrawn): nothing more on any of its places.
        for (intention, from, to) in [("completed", EnrolmentProgress.Status.notified, EnrolmentProgress.Status.absent),
                                      ("completed", .notified, .enrolled), ("withdrawn", .enrolled, .attended)] {
            guard case .failure(let errors) = EnrolmentProgress.step(from: from, to: to, intention: intention) else {
                Issue.record("\(intention): \(from) → \(to) allowed")
                continue
            }
            #expect(errors.fields == ["status"])
        }
    }
}
