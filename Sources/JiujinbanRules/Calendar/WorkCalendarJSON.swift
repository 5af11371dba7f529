import Foundation

extension WorkCalendar {
    /// Reads the built-in data file `cn-workday-calendar.json`: `{"years": {"2024": {"notice": "…",
    /// "holidays": {"2024-01-01": "元旦", …}, "makeupWorkdays": ["2024-02-04", …]}, …}}`.
    /// Other top-level fields (`source`, `rule`) are documentation and ignored. Every problem is reported at once.
    public static func decode(bundledJSON data: Data) -> Result<WorkCalendar, WorkCalendarDataError> {
        var problems: [WorkCalendarProblem] = []
        var years: [WorkCalendarYear] = []
        if let root = WorkCalendarJSONReading.document(data, problems: &problems),
           let fields = WorkCalendarJSONReading.fields(of: root, path: "", problems: &problems) {
            switch fields["years"] {
            case nil:
                problems.append(.missingField("years"))
            case .object(let members):
                if members.isEmpty { problems.append(.noYears) }
                var seen: Set<Int> = []
                for member in members {
                    let year = WorkCalendarJSONReading.year(member.key, problems: &problems)
                    if let year, !seen.insert(year).inserted { problems.append(.duplicateYear(year)) }
                    let path = "years.\(member.key)"
                    if let body = WorkCalendarJSONReading.fields(of: member.value, path: path, problems: &problems),
                       let decoded = WorkCalendarJSONReading.year(body, year: year, path: path, problems: &problems) {
                        years.append(decoded)
                    }
                }
            case .some:
                problems.append(.wrongType(field: "years", expected: .object))
            }
        }
        guard problems.isEmpty else { return .failure(WorkCalendarDataError(problems: problems)) }
        return .success(WorkCalendar(years: years))
    }
}

extension WorkCalendarYear {
    /// Reads one year uploaded by an admin once the State Council publishes its notice:
    /// `{"year": 2027, "notice": "…", "holidays": {"2027-01-01": "元旦", …}, "makeupWorkdays": ["2027-…", …]}`.
    /// Every problem is reported at once; the year is usable only when there are none.
    public static func decode(uploadedJSON data: Data) -> Result<WorkCalendarYear, WorkCalendarDataError> {
        var problems: [WorkCalendarProblem] = []
        var decoded: WorkCalendarYear?
        if let root = WorkCalendarJSONReading.document(data, problems: &problems),
           let fields = WorkCalendarJSONReading.fields(of: root, path: "", problems: &problems) {
            var year: Int?
            switch fields["year"] {
            case nil: problems.append(.missingField("year"))
            case .number(let text), .string(let text): year = WorkCalendarJSONReading.year(text, problems: &problems)
            case .some: problems.append(.wrongType(field: "year", expected: .integer))
            }
            decoded = WorkCalendarJSONReading.year(fields, year: year, path: "", problems: &problems)
        }
        guard problems.isEmpty, let decoded else { return .failure(WorkCalendarDataError(problems: problems)) }
        return .success(decoded)
    }
}

/// The shared steps of both file formats, each appending what it finds wrong and carrying on.
enum WorkCalendarJSONReading {
    static func document(_ data: Data, problems: inout [WorkCalendarProblem]) -> OrderedJSON? {
        do {
            return try OrderedJSON.parse(data)
        } catch {
            problems.append(.malformedJSON(line: error.line))
            return nil
        }
    }

    /// The members of an object by key; a repeated key is reported and its first value kept.
    static func fields(
        of value: OrderedJSON, path: String, problems: inout [WorkCalendarProblem]
    ) -> [String: OrderedJSON]? {
        guard case .object(let members) = value else {
            problems.append(.wrongType(field: path, expected: .object))
            return nil
        }
        var fields: [String: OrderedJSON] = [:]
        for member in members {
            if fields[member.key] == nil {
                fields[member.key] = member.value
            } else {
                problems.append(.duplicateField(join(path, member.key)))
            }
        }
        return fields
    }

    /// A year written as four ASCII digits, as a key (`"2024"`) or a value (`2027`).
    static func year(_ text: String, problems: inout [WorkCalendarProblem]) -> Int? {
        guard text.count == 4, text.allSatisfy({ $0.isASCII && $0.isWholeNumber }), let year = Int(text),
              WorkCalendarYear.supportedYears.contains(year) else {
            problems.append(.invalidYear(text))
            return nil
        }
        return year
    }

    /// One year from the fields `notice`, `holidays` and `makeupWorkdays`; `year` is nil when it could not be read,
    /// and then the checks that need it are skipped.
    static func year(
        _ fields: [String: OrderedJSON], year: Int?, path: String, problems: inout [WorkCalendarProblem]
    ) -> WorkCalendarYear? {
        let before = problems.count
        var notice = ""
        switch fields["notice"] {
        case nil: problems.append(.missingField(join(path, "notice")))
        case .string(let text):
            notice = text
            if let year { problems += WorkCalendarYear.noticeProblems(text, year: year) }
        case .some: problems.append(.wrongType(field: join(path, "notice"), expected: .text))
        }
        let holidays = holidayList(fields["holidays"], path: join(path, "holidays"), problems: &problems)
        let makeup = makeupList(fields["makeupWorkdays"], path: join(path, "makeupWorkdays"), problems: &problems)
        problems += WorkCalendarYear.dateProblems(year: year, holidays: holidays, makeupWorkdays: makeup)
        guard let year, problems.count == before else { return nil }
        return WorkCalendarYear(unchecked: year, notice: notice, holidays: holidays, makeupWorkdays: makeup)
    }

    private static func holidayList(
        _ value: OrderedJSON?, path: String, problems: inout [WorkCalendarProblem]
    ) -> [CalendarDate: String] {
        guard let value else { problems.append(.missingField(path)); return [:] }
        guard case .object(let members) = value else {
            problems.append(.wrongType(field: path, expected: .object))
            return [:]
        }
        var holidays: [CalendarDate: String] = [:]
        for member in members {
            guard let date = CalendarDate(iso: member.key) else {
                problems.append(.invalidDate(member.key, in: .holidays))
                continue
            }
            guard case .string(let name) = member.value else {
                problems.append(.wrongType(field: join(path, member.key), expected: .text))
                continue
            }
            if holidays[date] == nil {
                holidays[date] = name
            } else {
                problems.append(.duplicateDate(date, in: .holidays))
            }
        }
        return holidays
    }

    private static func makeupList(
        _ value: OrderedJSON?, path: String, problems: inout [WorkCalendarProblem]
    ) -> Set<CalendarDate> {
        guard let value else { problems.append(.missingField(path)); return [] }
        guard case .array(let elements) = value else {
            problems.append(.wrongType(field: path, expected: .array))
            return []
        }
        var makeup: Set<CalendarDate> = []
        for (offset, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                problems.append(.wrongType(field: "\(path)[\(offset)]", expected: .text))
                continue
            }
            guard let date = CalendarDate(iso: text) else {
                problems.append(.invalidDate(text, in: .makeupWorkdays))
                continue
            }
            if !makeup.insert(date).inserted { problems.append(.duplicateDate(date, in: .makeupWorkdays)) }
        }
        return makeup
    }

    private static func join(_ path: String, _ field: String) -> String {
        path.isEmpty ? field : "\(path).\(field)"
    }
}
