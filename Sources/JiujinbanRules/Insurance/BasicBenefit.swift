/// 城乡居民基本养老保险待遇计发 (item 34): monthly = basic pension + personal account balance ÷ 139
/// (国发〔2014〕8号; domain-rules §4), "whatever the age when first drawn": the divisor is the one for 60 and is
/// not changed for a later claim.
///
/// The basic pension is the central minimum plus the provincial and county parts, and, where the county grants it,
/// an extra amount per contribution year beyond 15 (长缴多得; policy-figures.md marks Shanxi's 1 元 待核实). Every
/// figure is a dated policy figure in force for the month, passed in by the caller.
///
/// Rounding: only the account part can have a fraction of a fen; it is rounded once, to the nearest fen with halves
/// up (`Fen.dividedRounded`). With the odd divisor 139 an exact half never occurs, so the choice only matters for
/// even divisors (120 in the supplementary scheme), where 四舍五入 is what a person checking by hand expects.
public enum BasicBenefit {
    /// The figures in force for the month computed.
    public struct Figures: Sendable, Equatable {
        /// 中央基础养老金 (the central minimum: 123 元 = 12_300 from 2024-01-01).
        public var centralFen: Int
        /// 省级基础养老金 (Shanxi's addition, 待核实 in policy-figures.md).
        public var provincialFen: Int
        /// 县级基础养老金 (the county's own addition, if any).
        public var countyFen: Int
        /// 长缴多得: the monthly amount per contribution year beyond 15, or nil where the county grants none.
        public var extraPerYearBeyondFifteenFen: Int?
        /// 个人账户养老金计发月数: 139.
        public var accountDivisor: Int

        public init(centralFen: Int, provincialFen: Int = 0, countyFen: Int = 0, extraPerYearBeyondFifteenFen: Int? = nil,
                    accountDivisor: Int) {
            self.centralFen = centralFen
            self.provincialFen = provincialFen
            self.countyFen = countyFen
            self.extraPerYearBeyondFifteenFen = extraPerYearBeyondFifteenFen
            self.accountDivisor = accountDivisor
        }
    }

    public static let basicPension = "基础养老金"
    public static let accountPension = "个人账户养老金"

    /// The monthly benefit with its parts, or every problem with the input.
    public static func monthly(_ figures: Figures, contributionYears: Int, accountBalanceFen: Int) -> Result<MonthlyBenefit, PensionRefusals> {
        var problems = BenefitInput.amounts([("中央基础养老金", figures.centralFen), ("省级基础养老金", figures.provincialFen),
                                             ("县级基础养老金", figures.countyFen), ("长缴多得加发标准", figures.extraPerYearBeyondFifteenFen ?? 0),
                                             ("个人账户余额", accountBalanceFen)])
        problems += BenefitInput.divisor("个人账户养老金计发月数", figures.accountDivisor)
        if contributionYears < 0 { problems.append(.negativeCount(field: "缴费年限", value: contributionYears)) }
        guard problems.isEmpty else { return .failure(PensionRefusals(problems)) }

        var basic = [MonthlyBenefit.Part(name: "中央基础养老金", amountFen: figures.centralFen)]
        if figures.provincialFen > 0 { basic.append(.init(name: "省级基础养老金", amountFen: figures.provincialFen)) }
        if figures.countyFen > 0 { basic.append(.init(name: "县级基础养老金", amountFen: figures.countyFen)) }
        let beyond = contributionYears - PensionScheme.fullContributionYears
        if let perYear = figures.extraPerYearBeyondFifteenFen, beyond > 0 {
            basic.append(.init(name: "长缴多得加发", amountFen: beyond * perYear,
                               basis: "缴费\(contributionYears)年，超过15年的\(beyond)年 × \(Fen.yuan(perYear))"))
        }
        let account = MonthlyBenefit.Part(name: accountPension, amountFen: Fen.dividedRounded(accountBalanceFen, by: figures.accountDivisor),
                                          basis: "个人账户\(Fen.yuan(accountBalanceFen)) ÷ \(figures.accountDivisor)，四舍五入到分")
        return .success(MonthlyBenefit(scheme: .residentBasic, parts: [.init(name: basicPension, parts: basic), account]))
    }
}
