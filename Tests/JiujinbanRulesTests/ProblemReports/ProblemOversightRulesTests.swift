import Foundation
import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units
private typealias Codes = AccountFixture.Codes

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

@Suite("问题反映 desks, dated reply limit, handling figures, training sessions")
struct ProblemOversightRulesTests {
    @Test("the desk an account answers for comes from its post and its unit")
    func heldDesks() {
        func desk(_ post: Post, _ unit: OrgUnit) -> ProblemDesk? {
            ProblemDesk.held(by: Capability.granted(to: post, grants: []), in: unit)
        }
        #expect(desk(.taskForce, Units.province) == .taskForce)
        #expect(desk(.cityOfficer, Units.yuncheng) == .department(Codes.yuncheng))
        #expect(desk(.expert, Units.ruicheng) == .department(Codes.ruicheng))
        #expect(desk(.businessAdmin, Units.ruicheng) == .department(Codes.ruicheng))
        // A business admin above the county oversees but holds no desk; operators and reviewers only report.
        #expect(desk(.businessAdmin, Units.province) == nil)
        #expect(desk(.businessAdmin, Units.yuncheng) == nil)
        #expect(desk(.operator, Units.taianVillage) == nil)
        #expect(desk(.reviewer, Units.ruicheng) == nil)
        #expect(desk(.auditor, Units.province) == nil)
    }

    @Test("desks and chains survive storage; anything else is refused")
    func storage() {
        let chain: [ProblemDesk] = [.department(Codes.ruicheng), .department(Codes.yuncheng), .taskForce]
        #expect(ProblemDesk.storage(of: chain) == "140830000000 140800000000 task_force")
        #expect(ProblemDesk.chain(fromStorage: ProblemDesk.storage(of: chain)) == chain)
        #expect(ProblemDesk(storageKey: "140830100204") == nil)
        #expect(ProblemDesk(storageKey: "taskforce") == nil)
    }

    @Test("a dated figure applies from its date on, never backwards")
    func datedSchedule() {
        let schedule = DatedSchedule<Int>([.init(from: day("2027-01-01"), value: 5), .init(from: day("2024-01-01"), value: 3)])
        #expect(schedule.value(on: day("2023-06-01")) == 3)
        #expect(schedule.value(on: day("2026-12-31")) == 3)
        #expect(schedule.value(on: day("2027-01-01")) == 5)
        // The seeded figure, as the book hands it to the rule: 3 working days (待核实), then a decision of 5.
        let seeded = PolicyFigureSeed.platform.first { $0.key == .problemReplyWorkingDays }
        #expect(seeded?.value == .count(3) && seeded?.status == .unconfirmed)
        let report = ProblemReport(reporter: UUID(), desk: .taskForce, assignedOn: day("2026-11-25"))
        #expect(report.replyWorkingDays(limits: schedule) == 3)
        #expect(ProblemReport(reporter: UUID(), desk: .taskForce, assignedOn: day("2027-01-04")).replyWorkingDays(limits: schedule) == 5)
    }

    @Test("reply due and overdue follow the working-day calendar (National Day week)")
    func replyDue() throws {
        let calendar = try BundledCalendar.calendar()
        let report = ProblemReport(reporter: UUID(), desk: .taskForce, assignedOn: day("2026-09-30"))
        // 2026-10-01…07 is the National Day holiday; 10-08 and 10-09 are workdays, 10-10 (Saturday) a make-up workday.
        let three = DatedSchedule<Int>([.init(from: day("2009-01-01"), value: 3)])
        #expect(report.replyDue(calendar: calendar, limits: three)?.date == day("2026-10-10"))
        #expect(!report.isOverdue(today: day("2026-10-10"), calendar: calendar, limits: three))
        #expect(report.isOverdue(today: day("2026-10-11"), calendar: calendar, limits: three))
    }

    @Test("handling figures: averages in working days over replied and solved reports, by county")
    func figures() throws {
        let calendar = try BundledCalendar.calendar()
        let rows = [
            ProblemHandlingFigures.Row(group: "芮城县", filedOn: day("2026-11-23"), firstReplyOn: day("2026-11-24"),
                                       solvedOn: day("2026-11-27"), isOverdue: false, escalations: 0),
            ProblemHandlingFigures.Row(group: "芮城县", filedOn: day("2026-11-27"), firstReplyOn: day("2026-11-30"),
                                       solvedOn: nil, isOverdue: true, escalations: 2),
            ProblemHandlingFigures.Row(group: "永济市", filedOn: day("2026-11-25"), firstReplyOn: nil, solvedOn: nil,
                                       isOverdue: false, escalations: 0),
        ]
        let figures = ProblemHandlingFigures(rows, calendar: calendar)
        #expect(figures.groups.map(\.key) == ["芮城县", "永济市"])
        let ruicheng = figures.groups[0]
        #expect(ruicheng.reports == 2 && ruicheng.solved == 1 && ruicheng.open == 1 && ruicheng.overdue == 1 && ruicheng.escalated == 1)
        // Replies after 1 and 1 working days (Friday → Monday is one); solution after 4.
        #expect(ruicheng.averageDaysToFirstReply == 1.0)
        #expect(ruicheng.averageDaysToSolution == 4.0)
        #expect(figures.groups[1].averageDaysToFirstReply == nil)
        #expect(figures.total.reports == 3 && figures.total.overdue == 1)
    }

    @Test("a training session needs a future day, a clock time, a topic, areas, counties of one's own and a venue")
    func trainingDraft() {
        let today = day("2026-11-25")
        let allowed: Set<DivisionCode> = [Codes.ruicheng, Codes.yongji]
        let good = TrainingSessionDraft(date: "2026-12-08", time: "09:30", topic: "零工登记", areas: ["job", "job"],
                                        counties: ["140830000000"], venue: "https://meeting.example.cn/1")
        let facts = try? good.validate(today: today, counties: allowed).get()
        #expect(facts?.areas == [.job] && facts?.counties == [Codes.ruicheng])
        let bad = TrainingSessionDraft(date: "2026-11-24", time: "9:5", topic: "", areas: ["weather"], counties: ["140105000000"],
                                       venue: "javascript:alert(1)")
        guard case .failure(let errors) = bad.validate(today: today, counties: allowed) else {
            Issue.record("a bad session was accepted")
            return
        }
        #expect(Set(errors.fields) == ["date", "time", "topic", "areas", "counties", "venue"])
        #expect(errors.message(for: "date") == "培训日期不能早于今天（2026-11-25）")
        #expect(TrainingSessionDraft.link("https://meeting.example.cn/1") != nil)
        #expect(TrainingSessionDraft.link("省厅3楼会议室") == nil)
    }
}
