import Foundation

/// One problem found in holiday-notice data, with a message in Chinese for the admin who uploaded it.
public enum WorkCalendarProblem: Hashable, Sendable {
    /// The file is not JSON; carries the line near which reading stopped.
    case malformedJSON(line: Int)
    /// `field` is a dotted path such as `years.2024.holidays`; empty for the whole file.
    case wrongType(field: String, expected: WorkCalendarJSONKind)
    case missingField(String)
    case duplicateField(String)
    /// The year is not an integer in `WorkCalendarYear.supportedYears`; carries the text found.
    case invalidYear(String)
    case duplicateYear(Int)
    case noYears
    case emptyNotice(year: Int)
    case noHolidays(year: Int)
    /// Not a `YYYY-MM-DD` string naming a real date; carries the text found.
    case invalidDate(String, in: WorkCalendarList)
    case duplicateDate(CalendarDate, in: WorkCalendarList)
    case dateOutsideYear(CalendarDate, year: Int)
    case dateInBothLists(CalendarDate)
    case makeupWorkdayNotWeekend(CalendarDate)
    case emptyHolidayName(CalendarDate)

    public var message: String {
        switch self {
        case .malformedJSON(let line):
            "文件不是有效的JSON：第\(line)行附近有语法错误"
        case .wrongType(let field, let expected):
            field.isEmpty ? "文件内容应为\(expected.chinese)" : "字段“\(field)”应为\(expected.chinese)"
        case .missingField(let field):
            "缺少字段“\(field)”"
        case .duplicateField(let field):
            "字段“\(field)”重复出现"
        case .invalidYear(let text):
            "年份“\(Self.excerpt(text))”无效：应为\(WorkCalendarYear.supportedYears.lowerBound)至"
                + "\(WorkCalendarYear.supportedYears.upperBound)之间的整数"
        case .duplicateYear(let year):
            "\(year)年的数据出现了不止一次"
        case .noYears:
            "文件中没有任何年份的数据"
        case .emptyNotice(let year):
            "\(year)年的通知名称（notice）不能为空"
        case .noHolidays(let year):
            "\(year)年没有任何放假日期"
        case .invalidDate(let text, let list):
            "\(list.chinese)中的“\(Self.excerpt(text))”不是有效日期：应为YYYY-MM-DD格式的真实日期，例如2027-10-01"
        case .duplicateDate(let date, let list):
            "\(list.chinese)中\(date.iso)重复出现"
        case .dateOutsideYear(let date, let year):
            "\(year)年的通知中出现了\(date.iso)"
        case .dateInBothLists(let date):
            "\(date.iso)同时出现在放假日期和调休上班日期中"
        case .makeupWorkdayNotWeekend(let date):
            "调休上班日期\(date.iso)是\(date.chineseWeekday)，调休上班日只能是星期六或星期日"
        case .emptyHolidayName(let date):
            "放假日期\(date.iso)的节日名称为空"
        }
    }

    /// Uploaded text is echoed back to the admin; a pasted paragraph should not fill the screen.
    private static func excerpt(_ text: String) -> String {
        text.count <= 32 ? text : String(text.prefix(32)) + "…"
    }
}

/// The two date lists of a holiday notice.
public enum WorkCalendarList: String, Hashable, Sendable {
    /// 放假日期: every day off inside an official holiday period, weekends inside the period included.
    case holidays
    /// 调休上班日期: a Saturday or Sunday worked in exchange for a day off.
    case makeupWorkdays

    public var chinese: String {
        switch self {
        case .holidays: "放假日期（holidays）"
        case .makeupWorkdays: "调休上班日期（makeupWorkdays）"
        }
    }
}

/// The JSON shapes a field may be expected to have.
public enum WorkCalendarJSONKind: String, Hashable, Sendable {
    case object, array, text, integer

    public var chinese: String {
        switch self {
        case .object: "JSON对象"
        case .array: "数组"
        case .text: "文本"
        case .integer: "整数"
        }
    }
}

/// Every problem found in one file or one year, so the admin can fix them in one pass; nothing is loaded while
/// any remains.
public struct WorkCalendarDataError: Error, Hashable, Sendable, LocalizedError {
    public let problems: [WorkCalendarProblem]

    public init(problems: [WorkCalendarProblem]) {
        self.problems = problems
    }

    public var messages: [String] { problems.map(\.message) }

    public var errorDescription: String? { messages.joined(separator: "\n") }
}

extension CalendarDate {
    /// 星期一 … 星期日.
    var chineseWeekday: String {
        ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][isoWeekday - 1]
    }
}
