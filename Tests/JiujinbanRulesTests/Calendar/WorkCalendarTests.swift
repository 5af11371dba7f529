import JiujinbanRules
import Testing

private func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

@Suite("工作日历 working days")
struct WorkCalendarTests {
    @Test func loadsTheThreeReferenceYears() throws {
        let calendar = try BundledCalendar.calendar()

        #expect(calendar.loadedYears == [2024, 2025, 2026])
        #expect(calendar.isLoaded(year: 2025))
        #expect(!calendar.isLoaded(year: 2027))
        #expect(calendar.years.map(\.year) == [2024, 2025, 2026])
    }

    @Test("domain-rules §2 deadline examples", arguments: [
        ("2025-09-26", 5, "2025-10-10"),
        ("2025-09-26", 10, "2025-10-16"),
        ("2026-02-12", 5, "2026-02-26"),
        ("2026-02-12", 10, "2026-03-04"),
        ("2024-12-30", 5, "2025-01-07"),
    ])
    func deadlines(accepted: String, days: Int, expected: String) throws {
        let deadline = try BundledCalendar.calendar().addingWorkingDays(days, to: date(accepted))

        #expect(deadline == Deadline(date: date(expected), isProvisional: false))
    }

    @Test("zero working days is the same day (即时办结), even on a holiday", arguments: [
        "2025-10-01", "2025-09-26", "2027-06-01",
    ])
    func sameDay(accepted: String) throws {
        let deadline = try BundledCalendar.calendar().addingWorkingDays(0, to: date(accepted))

        #expect(deadline == Deadline(date: date(accepted), isProvisional: false))
    }

    @Test("a deadline that reaches into an unloaded year is provisional", arguments: [
        ("2026-12-30", 5, "2027-01-06"),
        ("2027-03-01", 5, "2027-03-08"),
        ("2023-12-29", 1, "2024-01-02"),
    ])
    func provisional(accepted: String, days: Int, expected: String) throws {
        let deadline = try BundledCalendar.calendar().addingWorkingDays(days, to: date(accepted))

        #expect(deadline == Deadline(date: date(expected), isProvisional: true))
    }

    @Test func aDeadlineInsideLoadedYearsIsNotProvisional() throws {
        let deadline = try BundledCalendar.calendar().addingWorkingDays(3, to: date("2026-12-24"))

        #expect(deadline == Deadline(date: date("2026-12-29"), isProvisional: false))
    }

    @Test func loadingTheNextYearSettlesItsDeadlines() throws {
        let year2027 = try WorkCalendarYear(
            year: 2027, notice: "测试用安排（非官方）",
            holidays: [date("2027-01-01"): "元旦"], makeupWorkdays: [])
        let calendar = try BundledCalendar.calendar().loading(year2027)

        #expect(calendar.loadedYears == [2024, 2025, 2026, 2027])
        #expect(calendar.addingWorkingDays(5, to: date("2026-12-30"))
            == Deadline(date: date("2027-01-07"), isProvisional: false))
    }

    @Test func loadingAYearAgainReplacesIt() throws {
        let replacement = try WorkCalendarYear(
            year: 2026, notice: "测试用更正", holidays: [date("2026-12-31"): "测试"], makeupWorkdays: [])
        let calendar = try BundledCalendar.calendar().loading(replacement)

        #expect(calendar.loadedYears == [2024, 2025, 2026])
        #expect(calendar.isWorkday(date("2026-12-31")) == .dayOff(holiday: "测试"))
        #expect(calendar.isWorkday(date("2026-10-01")) == .workday)
    }

    @Test("years that are not loaded give no answer, only a labelled guess", arguments: [
        ("2027-01-01", true), ("2027-01-02", false), ("2023-12-29", true), ("2023-12-30", false),
    ])
    func notLoaded(day: String, guess: Bool) throws {
        #expect(try BundledCalendar.calendar().isWorkday(date(day)) == .notLoaded(provisionalWeekdayGuess: guess))
    }

    @Test("the 2024/2025 year boundary", arguments: [
        ("2024-12-28", WorkdayStatus.dayOff(holiday: nil)),
        ("2024-12-30", .workday),
        ("2024-12-31", .workday),
        ("2025-01-01", .dayOff(holiday: "元旦")),
        ("2025-01-02", .workday),
        ("2025-01-04", .dayOff(holiday: nil)),
        ("2025-01-26", .workday),
    ])
    func yearBoundary(day: String, status: WorkdayStatus) throws {
        #expect(try BundledCalendar.calendar().isWorkday(date(day)) == status)
    }

    @Test func nationalDay2025() throws {
        let calendar = try BundledCalendar.calendar()

        for day in 1...8 {
            let holiday = CalendarDate(year: 2025, month: 10, day: day)!
            #expect(calendar.isWorkday(holiday) == .dayOff(holiday: "国庆节、中秋节"), "\(holiday)")
        }
        #expect(calendar.isWorkday(date("2025-09-27")) == .dayOff(holiday: nil))
        #expect(calendar.isWorkday(date("2025-09-28")) == .workday) // Sunday, makeup
        #expect(calendar.isWorkday(date("2025-09-30")) == .workday)
        #expect(calendar.isWorkday(date("2025-10-09")) == .workday)
        #expect(calendar.isWorkday(date("2025-10-11")) == .workday) // Saturday, makeup
        #expect(calendar.isWorkday(date("2025-10-12")) == .dayOff(holiday: nil))
        #expect(calendar.workingDaysBetween(date("2025-09-30"), date("2025-10-08")).days == 0)
    }

    @Test func springFestival2026() throws {
        let calendar = try BundledCalendar.calendar()

        for day in 15...23 {
            let holiday = CalendarDate(year: 2026, month: 2, day: day)!
            #expect(calendar.isWorkday(holiday) == .dayOff(holiday: "春节"), "\(holiday)")
        }
        #expect(calendar.isWorkday(date("2026-02-13")) == .workday)
        #expect(calendar.isWorkday(date("2026-02-14")) == .workday) // Saturday, makeup
        #expect(calendar.isWorkday(date("2026-02-24")) == .workday)
        #expect(calendar.isWorkday(date("2026-02-28")) == .workday) // Saturday, makeup
        #expect(calendar.isWorkday(date("2026-03-01")) == .dayOff(holiday: nil))
    }

    @Test("working days between two dates", arguments: [
        ("2025-09-26", "2025-10-10", 5, false),
        ("2025-09-26", "2025-10-16", 10, false),
        ("2024-12-30", "2025-01-07", 5, false),
        ("2025-10-01", "2025-10-01", 0, false),
        ("2025-10-10", "2025-09-26", 0, false),
        ("2024-01-01", "2024-12-31", 251, false),
        ("2026-12-30", "2027-01-06", 5, true),
    ])
    func between(start: String, end: String, days: Int, provisional: Bool) throws {
        let count = try BundledCalendar.calendar().workingDaysBetween(date(start), date(end))

        #expect(count == WorkingDayCount(days: days, isProvisional: provisional))
    }

    @Test("counting back a deadline gives the time limit", arguments: [0, 1, 5, 10, 15, 20])
    func deadlineAndCountAgree(days: Int) throws {
        let calendar = try BundledCalendar.calendar()
        var accepted = date("2024-01-01")

        while accepted <= date("2026-11-30") {
            let deadline = calendar.addingWorkingDays(days, to: accepted)
            #expect(!deadline.isProvisional)
            #expect(calendar.workingDaysBetween(accepted, deadline.date).days == days, "\(accepted)")
            if days > 0 { #expect(calendar.isWorkday(deadline.date) == .workday, "\(accepted)") }
            accepted = accepted.adding(days: 1)
        }
    }
}
