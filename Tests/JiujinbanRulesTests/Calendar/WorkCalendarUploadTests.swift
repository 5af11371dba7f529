import Foundation
import JiujinbanRules
import Testing

private func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

private func upload(_ json: String) -> Result<WorkCalendarYear, WorkCalendarDataError> {
    WorkCalendarYear.decode(uploadedJSON: Data(json.utf8))
}

private func problems(_ result: Result<WorkCalendarYear, WorkCalendarDataError>) -> [WorkCalendarProblem] {
    guard case .failure(let error) = result else { return [] }
    return error.problems
}

@Suite("节假日安排上传 holiday-notice upload")
struct WorkCalendarUploadTests {
    @Test func acceptsAWellFormedYear() throws {
        let year = try upload("""
            {"year": 2027, "notice": " 测试用2027年安排（非官方） ",
             "holidays": {"2027-01-01": "元旦", "2027-01-02": "\\u5143\\u65e6", "2027-01-03": " 元旦 "},
             "makeupWorkdays": ["2027-02-06"]}
            """).get()

        #expect(year.year == 2027)
        #expect(year.notice == "测试用2027年安排（非官方）")
        #expect(year.holidays == [date("2027-01-01"): "元旦", date("2027-01-02"): "元旦", date("2027-01-03"): "元旦"])
        #expect(year.makeupWorkdays == [date("2027-02-06")])
    }

    @Test func acceptsTheYearAsTextAByteOrderMarkAndSurrogatePairs() throws {
        let json = "\u{FEFF}"
            + #"{"year": "2027", "notice": "n", "holidays": {"2027-01-01": "\ud842\udfb7"}, "makeupWorkdays": []}"#
        let year = try upload(json).get()

        #expect(year.holidays == [date("2027-01-01"): "𠮷"])
    }

    @Test("each reference year, uploaded on its own, decodes to the bundled year", arguments: [2024, 2025, 2026])
    func referenceYearsRoundTrip(year: Int) throws {
        let root = try #require(try JSONSerialization.jsonObject(with: BundledCalendar.data()) as? [String: Any])
        var entry = try #require((root["years"] as? [String: Any])?[String(year)] as? [String: Any])
        entry["year"] = year
        let data = try JSONSerialization.data(withJSONObject: entry)
        let bundled = try #require(try BundledCalendar.calendar().years.first { $0.year == year })

        #expect(try WorkCalendarYear.decode(uploadedJSON: data).get() == bundled)
    }

    @Test func reportsEveryDateProblemAtOnce() {
        let result = upload("""
            {"year": 2027, "notice": "",
             "holidays": {"2027-10-01": "国庆节", "2027-10-01": "国庆节", "2027-02-30": "春节", "2026-12-31": "元旦",
                          "2027-05-01": "  ", "2027-10-09": "国庆节", "20271002": "国庆节"},
             "makeupWorkdays": ["2027-10-09", "2027-10-08", "2027-10-08", "2027/10/10", 20271010]}
            """)

        #expect(problems(result) == [
            .emptyNotice(year: 2027),
            .duplicateDate(date("2027-10-01"), in: .holidays),
            .invalidDate("2027-02-30", in: .holidays),
            .invalidDate("20271002", in: .holidays),
            .duplicateDate(date("2027-10-08"), in: .makeupWorkdays),
            .invalidDate("2027/10/10", in: .makeupWorkdays),
            .wrongType(field: "makeupWorkdays[4]", expected: .text),
            .dateOutsideYear(date("2026-12-31"), year: 2027),
            .emptyHolidayName(date("2027-05-01")),
            .dateInBothLists(date("2027-10-09")),
            .makeupWorkdayNotWeekend(date("2027-10-08")),
        ])
    }

    @Test func messagesNameTheProblemInChinese() throws {
        let error = try #require(upload("""
            {"year": 2027, "notice": "n", "holidays": {"2026-12-31": "元旦", "2027-13-01": "x"},
             "makeupWorkdays": ["2027-10-08", "2027-10-09"], "makeupWorkdays": []}
            """).failureValue)

        #expect(error.messages == [
            "字段“makeupWorkdays”重复出现",
            "放假日期（holidays）中的“2027-13-01”不是有效日期：应为YYYY-MM-DD格式的真实日期，例如2027-10-01",
            "2027年的通知中出现了2026-12-31",
            "调休上班日期2027-10-08是星期五，调休上班日只能是星期六或星期日",
        ])
        #expect(error.localizedDescription == error.messages.joined(separator: "\n"))
    }

    @Test func reportsStructuralProblems() {
        let result = upload(#"{"year": "二〇二七", "holidays": [], "makeupWorkdays": {}}"#)

        #expect(problems(result) == [
            .invalidYear("二〇二七"),
            .missingField("notice"),
            .wrongType(field: "holidays", expected: .object),
            .wrongType(field: "makeupWorkdays", expected: .array),
        ])
    }

    @Test("problems with the year itself", arguments: [
        ("", WorkCalendarProblem.missingField("year")),
        (#""year": 2027.5,"#, .invalidYear("2027.5")),
        (#""year": 1999,"#, .invalidYear("1999")),
        (#""year": true,"#, .wrongType(field: "year", expected: .integer)),
    ])
    func yearProblems(yearField: String, problem: WorkCalendarProblem) {
        let json = "{\(yearField)" + #""notice": "n", "holidays": {"2027-01-01": "元旦"}, "makeupWorkdays": []}"#

        #expect(problems(upload(json)) == [problem])
    }

    @Test func aYearWithoutHolidaysIsRejected() {
        let json = #"{"year": 2027, "notice": "n", "holidays": {}, "makeupWorkdays": []}"#

        #expect(problems(upload(json)) == [.noHolidays(year: 2027)])
    }

    @Test("files that are not JSON objects", arguments: [
        ("{\"year\": 2027,\n \"notice\": ", WorkCalendarProblem.malformedJSON(line: 2)),
        (#"{"year": 2027, "holidays": {"2027-01-01": "元旦",}}"#, .malformedJSON(line: 1)),
        (#"{"year": 2027, "notice": "\ud842"}"#, .malformedJSON(line: 1)),
        (String(repeating: "[", count: 100) + String(repeating: "]", count: 100), .malformedJSON(line: 1)),
        ("", .malformedJSON(line: 1)),
        ("[]", .wrongType(field: "", expected: .object)),
    ])
    func notAnObject(json: String, problem: WorkCalendarProblem) {
        #expect(problems(upload(json)) == [problem])
    }

    @Test func theWholeFileMessageSaysWhatWasExpected() {
        #expect(WorkCalendarProblem.wrongType(field: "", expected: .object).message == "文件内容应为JSON对象")
    }

    @Test func typedConstructionValidatesToo() {
        #expect(throws: WorkCalendarDataError(problems: [.invalidYear("1990"), .emptyNotice(year: 1990)])) {
            try WorkCalendarYear(year: 1990, notice: " ", holidays: [:], makeupWorkdays: [])
        }
        #expect(throws: WorkCalendarDataError(problems: [
            .dateOutsideYear(date("2026-12-31"), year: 2027),
            .emptyHolidayName(date("2027-01-01")),
            .makeupWorkdayNotWeekend(date("2027-01-04")),
        ])) {
            try WorkCalendarYear(
                year: 2027, notice: "n", holidays: [date("2026-12-31"): "元旦", date("2027-01-01"): ""],
                makeupWorkdays: [date("2027-01-04")])
        }
    }
}

@Suite("内置节假日文件 bundled calendar file")
struct BundledCalendarDecodingTests {
    private func decode(_ json: String) -> [WorkCalendarProblem] {
        guard case .failure(let error) = WorkCalendar.decode(bundledJSON: Data(json.utf8)) else { return [] }
        return error.problems
    }

    @Test func reportsProblemsInEveryYear() {
        let found = decode("""
            {"years": {
              "2027": {"notice": "n", "holidays": {"2027-01-01": "元旦"}, "makeupWorkdays": ["2027-01-04"]},
              "20x7": {"notice": "n", "holidays": {}, "makeupWorkdays": []},
              "2028": []}}
            """)

        #expect(found == [
            .makeupWorkdayNotWeekend(date("2027-01-04")),
            .invalidYear("20x7"),
            .wrongType(field: "years.2028", expected: .object),
        ])
    }

    private static let year2027 = #"{"notice": "n", "holidays": {"2027-01-01": "元旦"}, "makeupWorkdays": []}"#

    @Test("structure of the years object", arguments: [
        (#"{"source": "x"}"#, [WorkCalendarProblem.missingField("years")]),
        (#"{"years": {}}"#, [.noYears]),
        (#"{"years": []}"#, [.wrongType(field: "years", expected: .object)]),
        (#"{"years": {"2027": \#(year2027), "2027": \#(year2027)}}"#, [.duplicateYear(2027)]),
        (
            #"{"years": {"2027": {"holidays": {"2027-01-01": "元旦"}}}}"#,
            [.missingField("years.2027.notice"), .missingField("years.2027.makeupWorkdays")]
        ),
    ])
    func structure(json: String, expected: [WorkCalendarProblem]) {
        #expect(decode(json) == expected)
    }
}

extension Result {
    fileprivate var failureValue: Failure? {
        guard case .failure(let error) = self else { return nil }
        return error
    }
}
