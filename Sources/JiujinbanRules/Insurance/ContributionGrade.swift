/// 缴费档次: one contribution grade of a resident pension scheme, with its government subsidy (入口补, 缴费补贴),
/// and the days it is in force (domain-rules §4; policy-figures.md lists Shanxi's tables, partly 待核实).
///
/// The grades are dated policy figures kept by the caller; this value is how they reach the rules, so a rule never
/// holds a grade of its own and never depends on how the figures are stored.
public struct ContributionGrade: Sendable, Equatable, Hashable {
    /// The yearly amount of the grade, in fen (200 元 = 20_000).
    public let amountFen: Int
    /// The government subsidy credited with a normal contribution at this grade, in fen.
    public let subsidyFen: Int
    /// The first day the grade is in force.
    public let validFrom: CalendarDate
    /// The last day the grade is in force (inclusive), or nil while it has no end.
    public let validThrough: CalendarDate?

    public init(amountFen: Int, subsidyFen: Int, validFrom: CalendarDate, validThrough: CalendarDate? = nil) {
        self.amountFen = amountFen
        self.subsidyFen = subsidyFen
        self.validFrom = validFrom
        self.validThrough = validThrough
    }

    public func isInForce(on date: CalendarDate) -> Bool {
        validFrom <= date && validThrough.map { date <= $0 } ?? true
    }

    /// The grade of `amountFen` in force on `date`, or the refusal that names the grades that are.
    public static func chosen(_ amountFen: Int, among grades: [ContributionGrade], on date: CalendarDate)
        -> Result<ContributionGrade, PensionRefusal> {
        guard amountFen >= 0 else { return .failure(.negativeAmount(field: "缴费档次", fen: amountFen)) }
        let inForce = grades.filter { $0.isInForce(on: date) }.sorted { $0.amountFen < $1.amountFen }
        if let grade = inForce.first(where: { $0.amountFen == amountFen }) { return .success(grade) }
        return .failure(.gradeNotInForce(amountFen: amountFen, on: date, inForce: inForce.map(\.amountFen)))
    }
}

/// Amounts are whole fen; 元 with two decimals is how people read them (41700.00 → "41700.00元").
public enum Fen {
    public static func yuan(_ fen: Int) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return sign + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents) + "元"
    }

    /// `numerator ÷ divisor` to the nearest fen, halves rounded up (四舍五入), for non-negative numerators and
    /// positive divisors. Chosen because amounts paid to people are published and checked by hand to the fen with
    /// 四舍五入, and the pension documents say nothing that asks for truncation.
    public static func dividedRounded(_ numerator: Int, by divisor: Int) -> Int {
        precondition(numerator >= 0 && divisor > 0, "rounded division needs a non-negative amount and a positive divisor")
        return (numerator * 2 + divisor) / (divisor * 2)
    }
}
