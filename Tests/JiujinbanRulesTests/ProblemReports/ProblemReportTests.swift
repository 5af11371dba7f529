import Foundation
import JiujinbanRules
import Testing

@Suite("Problem reports (attachment 4): routing, the escalation chain, replies, deadlines")
struct ProblemReportTests {
    let village = try! DivisionCode("140830100204")
    let county = try! DivisionCode("140830000000")
    let city = try! DivisionCode("140800000000")
    let reporter = UUID(), countyExpert = UUID(), cityOfficer = UUID(), taskForce = UUID(), stranger = UUID()
    let monday = CalendarDate(year: 2026, month: 11, day: 23)!

    var reporterActor: ProblemReport.Actor { .init(account: reporter, desk: nil) }
    var countyActor: ProblemReport.Actor { .init(account: countyExpert, desk: .department(county)) }
    var cityActor: ProblemReport.Actor { .init(account: cityOfficer, desk: .department(city)) }
    var taskForceActor: ProblemReport.Actor { .init(account: taskForce, desk: .taskForce) }

    @Test("system and functional problems go to the provincial task force; guidance to the reporter's county")
    func routing() {
        #expect(ProblemDesk.first(for: .system, reporterDivision: village) == .taskForce)
        #expect(ProblemDesk.first(for: .functional, reporterDivision: village) == .taskForce)
        #expect(ProblemDesk.first(for: .guidance, reporterDivision: village) == .department(county))
        #expect(ProblemDesk.first(for: .guidance, reporterDivision: try! DivisionCode("140830100000")) == .department(county))
        #expect(ProblemDesk.first(for: .guidance, reporterDivision: county) == .department(county))
        #expect(ProblemDesk.first(for: .guidance, reporterDivision: city) == nil)
    }

    @Test("the chain climbs county → city → task force and stops there")
    func escalationChain() {
        #expect(ProblemDesk.department(county).escalation == .department(city))
        #expect(ProblemDesk.department(city).escalation == .taskForce)
        #expect(ProblemDesk.taskForce.escalation == nil)
    }

    @Test("the responsibility list names the expert of the area; a gap falls back to the business admin, flagged")
    func responsibility() {
        let admin = UUID()
        let list = ResponsibilityList(entries: [.insurance: countyExpert])
        #expect(list.assignee(for: .insurance, businessAdmin: admin) == .responsible(countyExpert))
        #expect(list.assignee(for: .insurance, businessAdmin: admin).isGap == false)
        #expect(list.assignee(for: .card, businessAdmin: admin) == .fallback(admin))
        #expect(list.assignee(for: .card, businessAdmin: admin).isGap)
        #expect(list.assignee(for: .card, businessAdmin: nil) == .unassigned)
        #expect(list.gaps == BusinessArea.allCases.filter { $0 != .insurance })
    }

    @Test("reply, reopen, escalate twice, reply and confirm: every holder stays on the chain")
    func fullFlow() throws {
        let calendar = try BundledCalendar.calendar()
        var report = ProblemReport(reporter: reporter, desk: .department(county), assignedOn: monday)
        report = try report.applying(.reply(text: "请在“办社保”菜单中选择……", promisedWorkingDays: 2), by: countyActor,
                                     today: monday, calendar: calendar).get()
        #expect(report.state == .answered)
        #expect(report.promisedBy == CalendarDate(year: 2026, month: 11, day: 25))
        report = try report.applying(.reopen(comment: "按此操作仍然报错"), by: reporterActor, today: monday, calendar: calendar).get()
        #expect(report.state == .waiting && report.promisedBy == nil)
        report = try report.applying(.escalate(reason: "县级无法解决"), by: countyActor, today: monday, calendar: calendar).get()
        #expect(report.desk == .department(city))
        report = try report.applying(.escalate(reason: "市级无法解决"), by: cityActor, today: monday, calendar: calendar).get()
        #expect(report.desk == .taskForce)
        #expect(report.chain == [.department(county), .department(city), .taskForce])
        for actor in [reporterActor, countyActor, cityActor, taskForceActor] { #expect(report.isVisible(to: actor)) }
        #expect(!report.isVisible(to: .init(account: stranger, desk: .department(try! DivisionCode("140802000000")))))
        report = try report.applying(.reply(text: "已修复", promisedWorkingDays: 1), by: taskForceActor, today: monday,
                                     calendar: calendar).get()
        report = try report.applying(.markSolved, by: reporterActor, today: monday, calendar: calendar).get()
        #expect(report.state == .solved)
    }

    @Test("refused: a reply or escalation from outside the holding desk, the top of the chain, others confirming, bad text")
    func refusals() throws {
        let calendar = try BundledCalendar.calendar()
        let report = ProblemReport(reporter: reporter, desk: .department(county), assignedOn: monday)
        func refusal(_ action: ProblemReport.Action, _ actor: ProblemReport.Actor, _ on: ProblemReport? = nil) -> ProblemReport.Problem? {
            if case .failure(let problem) = (on ?? report).applying(action, by: actor, today: monday, calendar: calendar) { return problem }
            return nil
        }
        #expect(refusal(.reply(text: "答复", promisedWorkingDays: 2), cityActor) == .notHoldingDesk)
        #expect(refusal(.escalate(reason: "上报"), cityActor) == .notHoldingDesk)
        #expect(refusal(.escalate(reason: "上报"), reporterActor) == .notHoldingDesk)
        #expect(refusal(.markSolved, reporterActor) == .notAnsweredYet)
        #expect(refusal(.reply(text: "答复", promisedWorkingDays: 0), countyActor) == .promisedDaysOutOfRange)
        #expect(refusal(.reply(text: "答复", promisedWorkingDays: 31), countyActor) == .promisedDaysOutOfRange)
        #expect(refusal(.reply(text: "  ", promisedWorkingDays: 2), countyActor) == .badText("请填写答复内容"))
        #expect(refusal(.escalate(reason: "\u{202E}隐藏"), countyActor) == .badText("上报原因含有不可见的控制字符，请重新输入"))
        let top = ProblemReport(reporter: reporter, desk: .taskForce, assignedOn: monday)
        #expect(refusal(.escalate(reason: "上报"), taskForceActor, top) == .nothingAbove)
        let answered = try report.applying(.reply(text: "答复", promisedWorkingDays: 2), by: countyActor, today: monday,
                                           calendar: calendar).get()
        #expect(refusal(.markSolved, countyActor, answered) == .onlyReporter)
        #expect(refusal(.reopen(comment: "未解决"), countyActor, answered) == .onlyReporter)
    }

    @Test("overdue: no reply within the working days (a weekend does not count), or not solved by the promised day")
    func overdue() throws {
        let calendar = try BundledCalendar.calendar()
        let friday = CalendarDate(year: 2026, month: 11, day: 27)!
        let report = ProblemReport(reporter: reporter, desk: .department(county), assignedOn: friday)
        // Two working days after Friday: Monday and Tuesday; overdue from Wednesday.
        #expect(!report.isOverdue(today: CalendarDate(year: 2026, month: 12, day: 1)!, replyWorkingDays: 2, calendar: calendar))
        #expect(report.isOverdue(today: CalendarDate(year: 2026, month: 12, day: 2)!, replyWorkingDays: 2, calendar: calendar))
        let answered = try report.applying(.reply(text: "答复", promisedWorkingDays: 3), by: countyActor, today: friday,
                                           calendar: calendar).get()
        #expect(answered.promisedBy == CalendarDate(year: 2026, month: 12, day: 2))
        #expect(!answered.isOverdue(today: CalendarDate(year: 2026, month: 12, day: 2)!, replyWorkingDays: 2, calendar: calendar))
        #expect(answered.isOverdue(today: CalendarDate(year: 2026, month: 12, day: 3)!, replyWorkingDays: 2, calendar: calendar))
    }

    @Test("the form: category, area, description required; text limits; at most 3 screenshots, PNG or JPEG by content, 2 MB")
    func draft() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]
        let good = ProblemReportDraft(category: "guidance", area: "insurance", description: "参保登记时提示错误\r\n第二行",
                                      suggestion: "", screenshots: [.init(name: "a.png", bytes: png), .init(name: "b.jpg", bytes: jpeg)])
        let facts = try? good.validate().get()
        #expect(facts?.description == "参保登记时提示错误\n第二行")
        #expect(facts?.suggestion == nil)
        #expect(facts?.screenshots.map(\.kind) == [.png, .jpeg])

        func fields(_ draft: ProblemReportDraft) -> [String] {
            if case .failure(let errors) = draft.validate() { return errors.fields }
            return []
        }
        #expect(fields(ProblemReportDraft()) == ["category", "area", "description"])
        #expect(fields(ProblemReportDraft(category: "bug", area: "job", description: "x")) == ["category"])
        #expect(fields(ProblemReportDraft(category: "system", area: "job",
                                          description: String(repeating: "字", count: 2_001))) == ["description"])
        let fake = ProblemReportDraft.Upload(name: "x.png", bytes: Array("<svg onload=alert(1)>".utf8))
        #expect(fields(ProblemReportDraft(category: "system", area: "job", description: "x", screenshots: [fake])) == ["screenshots"])
        let four = Array(repeating: ProblemReportDraft.Upload(name: "a.png", bytes: png), count: 4)
        #expect(fields(ProblemReportDraft(category: "system", area: "job", description: "x", screenshots: four)) == ["screenshots"])
        let big = ProblemReportDraft.Upload(name: "big.png", bytes: png + Array(repeating: 0, count: Screenshot.maximumBytes))
        #expect(fields(ProblemReportDraft(category: "system", area: "job", description: "x", screenshots: [big])) == ["screenshots"])
    }

    @Test("a file is held for the retry only when it passes on its own: an image of the allowed size, not empty")
    func heldOnlyWhenSound() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 1]
        #expect(Screenshot.passesOnItsOwn(png) && Screenshot.passesOnItsOwn(jpeg))
        #expect(!Screenshot.passesOnItsOwn([UInt8]()))
        #expect(!Screenshot.passesOnItsOwn(Array("not an image".utf8)))
        #expect(!Screenshot.passesOnItsOwn(png + Array(repeating: 0, count: Screenshot.maximumBytes)))
    }
}
