/// 报送月份: a calendar month of the monthly report (`2026-11`).
public struct ReportMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (2000...2999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// `2026-11` (full-width digits and spaces tolerated).
    public init?(_ raw: String) {
        let text = String(String.UnicodeScalarView(TypedInput.halfWidthWithoutSpaces(raw)))
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        self.init(year: year, month: month)
    }

    public init(containing date: CalendarDate) {
        self.init(year: date.year, month: date.month)!
    }

    public var description: String { "\(year)-" + (month < 10 ? "0" : "") + String(month) }
    public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))! }

    public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    /// A month that can be reported on `today`: a valid month that has begun. Refusals name the field.
    public static func parse(_ raw: String?, today: CalendarDate, field: String = "month") -> Result<ReportMonth, FieldErrors> {
        var errors = FieldErrors()
        guard let raw, !raw.isEmpty else {
            errors.add(field, "请填写报送月份，如\(ReportMonth(containing: today))")
            return .failure(errors)
        }
        guard let month = ReportMonth(raw) else {
            errors.add(field, "报送月份应为“年-月”，如\(ReportMonth(containing: today))")
            return .failure(errors)
        }
        guard month <= ReportMonth(containing: today) else {
            errors.add(field, "报送月份\(month)尚未开始，不能填报或查看未来月份")
            return .failure(errors)
        }
        return .success(month)
    }
}
