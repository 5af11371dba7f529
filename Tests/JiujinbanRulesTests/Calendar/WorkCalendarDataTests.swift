import Foundation
import JiujinbanRules
import Testing

/// Every day of the reference years, checked against the JSON read by Foundation and weekdays computed by
/// Foundation's calendar: an oracle that shares no code with the calendar under test.
@Suite("工作日历 reference data, day by day")
struct WorkCalendarDataTests {
    struct ReferenceYear {
        let holidays: [String: String]
        let makeupWorkdays: Set<String>
    }

    static func referenceYear(_ year: Int) throws -> ReferenceYear {
        let root = try #require(try JSONSerialization.jsonObject(with: BundledCalendar.data()) as? [String: Any])
        let years = try #require(root["years"] as? [String: Any])
        let entry = try #require(years[String(year)] as? [String: Any])
        return ReferenceYear(
            holidays: try #require(entry["holidays"] as? [String: String]),
            makeupWorkdays: Set(try #require(entry["makeupWorkdays"] as? [String])))
    }

    @Test("every day is classified as the JSON says", arguments: [2024, 2025, 2026])
    func everyDay(year: Int) throws {
        let reference = try Self.referenceYear(year)
        let calendar = try BundledCalendar.calendar()
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        var instant = try #require(gregorian.date(from: DateComponents(year: year, month: 1, day: 1)))
        var daysChecked = 0

        while gregorian.component(.year, from: instant) == year {
            let c = gregorian.dateComponents([.year, .month, .day, .weekday], from: instant)
            let iso = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            let isWeekend = c.weekday == 1 || c.weekday == 7 // Foundation: 1 = Sunday, 7 = Saturday
            let expected: WorkdayStatus =
                if reference.makeupWorkdays.contains(iso) { .workday }
                else if let name = reference.holidays[iso] { .dayOff(holiday: name) }
                else if isWeekend { .dayOff(holiday: nil) }
                else { .workday }

            #expect(calendar.isWorkday(try #require(CalendarDate(iso: iso))) == expected, "\(iso)")
            daysChecked += 1
            instant = try #require(gregorian.date(byAdding: .day, value: 1, to: instant))
        }
        #expect(daysChecked == (year == 2024 ? 366 : 365))
    }

    @Test("the decoded years hold exactly the JSON's dates", arguments: [2024, 2025, 2026])
    func decodedYearMatchesJSON(year: Int) throws {
        let reference = try Self.referenceYear(year)
        let decoded = try #require(try BundledCalendar.calendar().years.first { $0.year == year })

        #expect(Dictionary(uniqueKeysWithValues: decoded.holidays.map { ($0.key.iso, $0.value) }) == reference.holidays)
        #expect(Set(decoded.makeupWorkdays.map(\.iso)) == reference.makeupWorkdays)
        #expect(decoded.notice.hasPrefix("国务院办公厅关于\(year)年部分节假日安排的通知"))
    }
}
