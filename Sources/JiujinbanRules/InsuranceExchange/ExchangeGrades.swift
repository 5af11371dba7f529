/// The contribution grades an exchange file's rows are checked against: the dated policy figures
/// (`resident.grades`, `supplementary.grades`), loaded once per import, so a grade is accepted only if it was in
/// force on the row's date and the figures and the import never disagree.
///
/// A row's date: an enrolment's 参保日期; a normal contribution's year (a grade in force on any day of it, since a
/// table may change mid-year); a back payment's 到账日期, or the import day when it has not arrived, since a back
/// payment is charged at a grade in force on the day it is paid. A value 待核实 still counts (the import records
/// what the core system did; approval is where confirmation matters); a day no row covers, or a row with no value,
/// is refused naming the day, never filled with a guess.
public struct ExchangeGrades: Sendable {
    let book: PolicyFigureBook

    public init(_ book: PolicyFigureBook) {
        self.book = book
    }

    static func key(_ scheme: InsuranceScheme) -> PolicyFigureKey? {
        switch scheme {
        case .residentBasic: .residentGrades
        case .residentSupplementary: .supplementaryGrades
        case .employeePension, .unemployment: nil
        }
    }

    /// The problem with `grade` (元) of `scheme` between `from` and `through` (one day, or a year), described as
    /// `when`; nil when a figure in force then has it.
    public func problem(_ grade: Int, _ scheme: InsuranceScheme, from: CalendarDate, through: CalendarDate, when: String) -> String? {
        guard let key = Self.key(scheme) else { return "\(scheme.chinese)没有缴费档次，此列应为空" }
        let rows = book.rows.filter { $0.key == key && $0.county == nil && $0.validFrom <= through && ($0.validTo.map { from <= $0 } ?? true) }
        let name = "政策参数“\(key.definition.name)”"
        guard !rows.isEmpty else {
            let earliest = book.rows.filter { $0.key == key && $0.county == nil }.map(\.validFrom).min()
            return "\(when)没有施行的\(scheme.chinese)缴费档次（\(name)" + (earliest.map { "最早自\($0.iso)起" } ?? "没有任何记录")
                + "），无法核对档次\(grade)元"
        }
        var inForce: Set<Int> = []
        for row in rows {
            if case .grades(let grades)? = row.value { inForce.formUnion(grades.map(\.contributionFen)) }
        }
        guard !inForce.isEmpty else { return "\(when)施行的\(name)待核实、尚无数值，无法核对档次\(grade)元" }
        guard !inForce.contains(grade * 100) else { return nil }
        return "缴费档次\(grade)元在\(when)未施行：当时\(scheme.chinese)的档次为"
            + inForce.sorted().map { String($0 / 100) }.joined(separator: "、") + "元"
    }
}
