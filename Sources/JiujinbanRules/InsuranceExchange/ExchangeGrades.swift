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
    /// A provincial grade row as the check reads it: when it holds and its grades' contributions in fen (nil: 待核实
    /// without a value).
    struct Table: Sendable {
        let from: CalendarDate
        let to: CalendarDate?
        let contributionFen: Set<Int>?
    }

    /// By key, read once: the check runs on every row of a file of millions, and the book holds every figure.
    let tables: [PolicyFigureKey: [Table]]

    public init(_ book: PolicyFigureBook) {
        var tables: [PolicyFigureKey: [Table]] = [:]
        for row in book.rows where row.county == nil && (row.key == .residentGrades || row.key == .supplementaryGrades) {
            var fen: Set<Int>?
            if case .grades(let grades)? = row.value { fen = Set(grades.map(\.contributionFen)) }
            tables[row.key, default: []].append(Table(from: row.validFrom, to: row.validTo, contributionFen: fen))
        }
        self.tables = tables
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
        let all = tables[key] ?? []
        let rows = all.filter { $0.from <= through && ($0.to.map { from <= $0 } ?? true) }
        let name = "政策参数“\(key.definition.name)”"
        guard !rows.isEmpty else {
            let earliest = all.map(\.from).min()
            return "\(when)没有施行的\(scheme.chinese)缴费档次（\(name)" + (earliest.map { "最早自\($0.iso)起" } ?? "没有任何记录")
                + "），无法核对档次\(grade)元"
        }
        // One table holds on most dates: checked without building a union.
        if rows.contains(where: { $0.contributionFen?.contains(grade * 100) == true }) { return nil }
        var inForce: Set<Int> = []
        for row in rows { inForce.formUnion(row.contributionFen ?? []) }
        guard !inForce.isEmpty else { return "\(when)施行的\(name)待核实、尚无数值，无法核对档次\(grade)元" }
        guard !inForce.contains(grade * 100) else { return nil }
        return "缴费档次\(grade)元在\(when)未施行：当时\(scheme.chinese)的档次为"
            + inForce.sorted().map { String($0 / 100) }.joined(separator: "、") + "元"
    }
}
