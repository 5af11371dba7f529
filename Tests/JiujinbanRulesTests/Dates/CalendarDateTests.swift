import Foundation
import JiujinbanRules
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test("only real dates exist")
    func realDates() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(iso: "2026-11-29")?.chinese == "2026年11月29日")
        #expect(CalendarDate(iso: "2026-1-29") == nil)
        // Exactly YYYY-MM-DD in ASCII digits: no other separator, width, sign, space or digit script.
        for text in ["", "2026-11-2", "2026-11-290", "2026/11/29", "2026-11-29 ", " 2026-11-29", "+026-11-29", "2026-11-３0",
                     "２０２６-11-29", "2026-00-10", "2026-02-29", "0000-01-01", "2026--1-29"] {
            #expect(CalendarDate(iso: text) == nil, "\(text)")
        }
        #expect(CalendarDate(iso: "2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(iso: "0001-01-01") == CalendarDate(year: 1, month: 1, day: 1))
    }

    @Test("day arithmetic and weekdays across month and year ends")
    func arithmetic() throws {
        let d = try #require(CalendarDate(iso: "2024-12-30"))
        #expect(d.adding(days: 2).iso == "2025-01-01")
        #expect(d.isoWeekday == 1)
        #expect(CalendarDate(dayNumber: 0).iso == "1970-01-01")
        #expect(try #require(CalendarDate(iso: "2026-11-29")).isoWeekday == 7)
    }

    @Test("the date of an instant is taken in Asia/Shanghai, not UTC")
    func shanghai() {
        // 2026-11-29 16:30 UTC is already 2026-11-30 00:30 in Shanghai.
        let instant = Date(timeIntervalSince1970: 1_795_969_800)
        #expect(CalendarDate(instant).iso == "2026-11-30")
    }
}
