/// 城乡居民补充养老保险待遇计发 (item 35; 《山西省城乡居民补充养老保险条例》, policy-figures.md): monthly =
/// supplementary account ÷ 120 + 出口补 by age (20 元 at 65–79, 30 元 from 80) + a collective 出口补 where one exists.
/// The divisor and the amounts are dated figures passed in.
///
/// The band changes with the 80th birthday, from the month after the month of that birthday: pensions here start
/// "the month after the conditions are met", and the same reading for a higher band keeps a month's amount fixed
/// for the whole month (someone born 1946-03-15 gets 30 元 from 2026-04; someone born 1944-02-29, 80 on
/// 2024-02-29, from 2024-03). The account part is rounded as `BasicBenefit` states.
public enum SupplementaryBenefit {
    public struct Figures: Sendable, Equatable {
        /// 计发月数: 120.
        public var accountDivisor: Int
        /// 出口补 at 65–79 (20 元 = 2_000) and from 80 (30 元 = 3_000).
        public var exitSubsidyFromSixtyFiveFen: Int
        public var exitSubsidyFromEightyFen: Int
        /// 集体出口补, where a village collective grants one; 0 otherwise.
        public var collectiveExitSubsidyFen: Int

        public init(accountDivisor: Int, exitSubsidyFromSixtyFiveFen: Int, exitSubsidyFromEightyFen: Int, collectiveExitSubsidyFen: Int = 0) {
            self.accountDivisor = accountDivisor
            self.exitSubsidyFromSixtyFiveFen = exitSubsidyFromSixtyFiveFen
            self.exitSubsidyFromEightyFen = exitSubsidyFromEightyFen
            self.collectiveExitSubsidyFen = collectiveExitSubsidyFen
        }
    }

    public enum AgeBand: Sendable, Equatable {
        case sixtyFiveToSeventyNine
        case eightyAndOver

        public var chinese: String { self == .eightyAndOver ? "80周岁及以上" : "65至79周岁" }
    }

    public static let accountPension = "补充养老保险个人账户养老金"
    public static let exitSubsidy = "出口补"
    public static let collectiveExitSubsidy = "集体出口补"

    /// The first month paid at the 80-and-over band: the month after the month of the 80th birthday.
    public static func firstMonthOfEightyBand(born: CalendarDate) -> PensionMonth {
        PensionMonth(containing: PensionAge.birthday(80, born: born)).next
    }

    public static func band(born: CalendarDate, month: PensionMonth) -> AgeBand {
        month >= firstMonthOfEightyBand(born: born) ? .eightyAndOver : .sixtyFiveToSeventyNine
    }

    /// The benefit for `month` with its parts, or every problem with the input.
    public static func monthly(_ figures: Figures, accountBalanceFen: Int, born: CalendarDate, month: PensionMonth)
        -> Result<MonthlyBenefit, PensionRefusals> {
        var problems = BenefitInput.amounts([("补充养老保险个人账户余额", accountBalanceFen),
                                             ("出口补（65至79周岁）", figures.exitSubsidyFromSixtyFiveFen),
                                             ("出口补（80周岁及以上）", figures.exitSubsidyFromEightyFen),
                                             ("集体出口补", figures.collectiveExitSubsidyFen)])
        problems += BenefitInput.divisor("补充养老保险计发月数", figures.accountDivisor)
        guard problems.isEmpty else { return .failure(PensionRefusals(problems)) }

        let ageBand = band(born: born, month: month)
        var parts = [
            MonthlyBenefit.Part(name: accountPension, amountFen: Fen.dividedRounded(accountBalanceFen, by: figures.accountDivisor),
                                basis: "补充养老保险个人账户\(Fen.yuan(accountBalanceFen)) ÷ \(figures.accountDivisor)，四舍五入到分"),
            MonthlyBenefit.Part(name: exitSubsidy, amountFen: ageBand == .eightyAndOver ? figures.exitSubsidyFromEightyFen
                                    : figures.exitSubsidyFromSixtyFiveFen, basis: ageBand.chinese),
        ]
        if figures.collectiveExitSubsidyFen > 0 {
            parts.append(.init(name: collectiveExitSubsidy, amountFen: figures.collectiveExitSubsidyFen))
        }
        return .success(MonthlyBenefit(scheme: .residentSupplementary, parts: parts))
    }
}
