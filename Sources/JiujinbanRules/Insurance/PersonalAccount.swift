/// 个人账户: the yearly statement of a resident pension personal account (国发〔2014〕8号: the account holds the
/// person's contributions, the government subsidies and collective aid, and "按国家规定计息"; the 记账利率 is a dated
/// figure per year, passed in, which policy-figures.md has not found for Shanxi).
///
/// Convention (the documents fix none for the resident scheme): each year's interest is the rate of that year on
/// the opening balance (the balance at 1 January), rounded to the nearest fen with halves up; the year's
/// contributions, subsidies and aid are credited at the year's end and earn interest from the next year. Resident
/// contributions are paid once a year at a date the person chooses, so a day count would need a date the ledger
/// rarely has; crediting at the year's end never pays interest for money not yet in the account.
public enum PersonalAccount {
    /// One year's credits and the interest rate of that year.
    public struct Year: Sendable, Equatable {
        public var year: Int
        /// The person's own contribution (个人缴费), the government subsidy (政府补贴) and collective aid (集体补助).
        public var contributionFen: Int
        public var subsidyFen: Int
        public var collectiveAidFen: Int
        /// 记账利率 for the year in basis points (2.50 % = 250).
        public var interestRateBasisPoints: Int

        public init(year: Int, contributionFen: Int, subsidyFen: Int = 0, collectiveAidFen: Int = 0, interestRateBasisPoints: Int) {
            self.year = year
            self.contributionFen = contributionFen
            self.subsidyFen = subsidyFen
            self.collectiveAidFen = collectiveAidFen
            self.interestRateBasisPoints = interestRateBasisPoints
        }

        var creditsFen: Int { contributionFen + subsidyFen + collectiveAidFen }
    }

    /// One line of the statement: opening balance, interest on it, the year's credits, closing balance.
    public struct Line: Sendable, Equatable {
        public let year: Int
        public let openingFen: Int
        public let interestFen: Int
        public let creditsFen: Int
        public var closingFen: Int { openingFen + interestFen + creditsFen }

        public init(year: Int, openingFen: Int, interestFen: Int, creditsFen: Int) {
            self.year = year
            self.openingFen = openingFen
            self.interestFen = interestFen
            self.creditsFen = creditsFen
        }

        /// The year's line: interest at the year's rate on the opening balance (halves up), the credits added.
        public static func closing(_ year: Int, openingFen: Int, rateBasisPoints: Int, creditsFen: Int) -> Line {
            Line(year: year, openingFen: openingFen, interestFen: Fen.dividedRounded(openingFen * rateBasisPoints, by: 10_000),
                 creditsFen: creditsFen)
        }
    }

    /// The statement of consecutive `years` from `openingFen` (the balance on 1 January of the first), or every
    /// problem with the input: a negative amount or rate, a year before 1900 or after today's, a repeated or
    /// skipped year.
    public static func statement(openingFen: Int, years: [Year], today: CalendarDate) -> Result<[Line], PensionRefusals> {
        let problems = check(openingFen: openingFen, years: years, today: today)
        guard problems.isEmpty else { return .failure(PensionRefusals(problems)) }
        var balance = openingFen
        var lines: [Line] = []
        for year in years {
            let line = Line.closing(year.year, openingFen: balance, rateBasisPoints: year.interestRateBasisPoints, creditsFen: year.creditsFen)
            lines.append(line)
            balance = line.closingFen
        }
        return .success(lines)
    }

    static func check(openingFen: Int, years: [Year], today: CalendarDate) -> [PensionRefusal] {
        let field = "个人账户"
        var problems = BenefitInput.amounts([("个人账户期初余额", openingFen)])
        for year in years {
            problems += YearInput.check(year.year, field: field, today: today)
            problems += BenefitInput.amounts([("\(year.year)年度个人缴费", year.contributionFen), ("\(year.year)年度政府补贴", year.subsidyFen),
                                              ("\(year.year)年度集体补助", year.collectiveAidFen)])
            if year.interestRateBasisPoints < 0 {
                problems.append(.negativeRate(year: year.year, basisPoints: year.interestRateBasisPoints))
            }
        }
        for (previous, next) in zip(years, years.dropFirst()) where next.year != previous.year + 1 {
            problems.append(next.year == previous.year ? .duplicateYear(field: field, year: next.year)
                                : .yearsNotConsecutive(field: field, after: previous.year, next: next.year))
        }
        return problems
    }
}

/// A contribution year typed or imported: a real year, not before 1900 and not after today's.
public enum YearInput {
    public static func check(_ year: Int, field: String, today: CalendarDate) -> [PensionRefusal] {
        if year < 1900 { return [.yearBefore1900(field: field, year: year)] }
        if year > today.year { return [.yearInFuture(field: field, year: year, today: today)] }
        return []
    }
}
