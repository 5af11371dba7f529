import JiujinbanRules
import Testing

@Suite("待遇计发 (items 34, 35): basic pension + account ÷ 139; supplementary account ÷ 120 + 出口补, with the parts")
struct PensionBenefitTests {
    @Test("account 41,700 元 ÷ 139 = 300.00 元; with the central 123 元 alone the month is 423.00 元")
    func centralOnly() throws {
        let figures = BasicBenefit.Figures(centralFen: 12_300, accountDivisor: 139)
        let benefit = try BasicBenefit.monthly(figures, contributionYears: 15, accountBalanceFen: 4_170_000).get()
        #expect(benefit.totalFen == 42_300)
        #expect(benefit.parts.map(\.name) == ["基础养老金", "个人账户养老金"])
        #expect(benefit.parts[0].parts == [.init(name: "中央基础养老金", amountFen: 12_300)])
        #expect(benefit.amount(of: "个人账户养老金") == 30_000)
        #expect(benefit.parts[1].basis == "个人账户41700.00元 ÷ 139，四舍五入到分")
    }

    @Test("20 years with 1 元 per year beyond 15: 123 + 10 + 5 + 5 × 1 = 143.00 元, account 10,000 元 ÷ 139 = 71.94 元")
    func withExtraYears() throws {
        let figures = BasicBenefit.Figures(centralFen: 12_300, provincialFen: 1_000, countyFen: 500,
                                           extraPerYearBeyondFifteenFen: 100, accountDivisor: 139)
        // 1,000,000 fen ÷ 139 = 7,194.24 fen → 7,194 fen.
        let benefit = try BasicBenefit.monthly(figures, contributionYears: 20, accountBalanceFen: 1_000_000).get()
        #expect(benefit.parts[0].parts.map(\.name) == ["中央基础养老金", "省级基础养老金", "县级基础养老金", "长缴多得加发"])
        #expect(benefit.parts[0].parts.last?.basis == "缴费20年，超过15年的5年 × 1.00元")
        #expect(benefit.amount(of: "基础养老金") == 14_300 && benefit.amount(of: "个人账户养老金") == 7_194)
        #expect(benefit.totalFen == 21_494)
        // 15 years, or a county with no extra: no extra part, 138.00 元 basic.
        let fifteen = try BasicBenefit.monthly(figures, contributionYears: 15, accountBalanceFen: 1_000_000).get()
        #expect(fifteen.amount(of: "基础养老金") == 13_800 && fifteen.parts[0].parts.count == 3)
        var none = figures
        none.extraPerYearBeyondFifteenFen = nil
        #expect(try BasicBenefit.monthly(none, contributionYears: 20, accountBalanceFen: 1_000_000).get().totalFen == 13_800 + 7_194)
    }

    @Test("rounded to the nearest fen, not truncated: 10,000.70 元 ÷ 139 = 71.9475… → 71.95 元")
    func rounding() throws {
        // 1,000,070 fen ÷ 139 = 7,194.748 fen → 7,195 fen.
        let figures = BasicBenefit.Figures(centralFen: 12_300, accountDivisor: 139)
        #expect(try BasicBenefit.monthly(figures, contributionYears: 15, accountBalanceFen: 1_000_070).get().amount(of: "个人账户养老金") == 7_195)
        #expect(Fen.dividedRounded(1_200_060, by: 120) == 10_001)  // 10,000.5 fen: the half goes up.
        #expect(Fen.dividedRounded(1_200_059, by: 120) == 10_000)
    }

    @Test("a negative figure, balance or year count and a zero divisor are refused, each named")
    func badInput() {
        let figures = BasicBenefit.Figures(centralFen: -1, accountDivisor: 0)
        let refusals = BasicBenefit.monthly(figures, contributionYears: -2, accountBalanceFen: -500).refusals
        #expect(refusals == [.negativeAmount(field: "中央基础养老金", fen: -1), .negativeAmount(field: "个人账户余额", fen: -500),
                             .divisorNotPositive(field: "个人账户养老金计发月数", divisor: 0),
                             .negativeCount(field: "缴费年限", value: -2)])
        #expect(refusals?.first?.message == "中央基础养老金不能为负数（-0.01元）")
    }

    /// Shanxi's figures (policy-figures.md): ÷ 120, 出口补 20 元 at 65–79 and 30 元 from 80.
    let supplementary = SupplementaryBenefit.Figures(accountDivisor: 120, exitSubsidyFromSixtyFiveFen: 2_000, exitSubsidyFromEightyFen: 3_000)

    @Test("at 79 and at 80: 12,000.60 元 ÷ 120 = 100.01 元 (100.005 rounded up), + 20 元, then + 30 元 from the month after the birthday")
    func supplementaryBands() throws {
        let born = ymd("1946-03-15")  // 80 on 2026-03-15.
        let at79 = try SupplementaryBenefit.monthly(supplementary, accountBalanceFen: 1_200_060, born: born, month: ym("2026-02")).get()
        #expect(at79.parts.map(\.amountFen) == [10_001, 2_000] && at79.totalFen == 12_001)
        #expect(at79.parts[1].basis == "65至79周岁")
        // The birthday's month is still the 65–79 band; the next month is the 80 band.
        #expect(try SupplementaryBenefit.monthly(supplementary, accountBalanceFen: 1_200_060, born: born, month: ym("2026-03")).get().totalFen == 12_001)
        let at80 = try SupplementaryBenefit.monthly(supplementary, accountBalanceFen: 1_200_060, born: born, month: ym("2026-04")).get()
        #expect(at80.totalFen == 13_001 && at80.amount(of: "出口补") == 3_000)
        // Born on 29 February 1944: 80 on 2024-02-29 (a leap year), so the 80 band from 2024-03; born on the last
        // day of a month, from the next.
        #expect(SupplementaryBenefit.firstMonthOfEightyBand(born: ymd("1944-02-29")) == ym("2024-03"))
        #expect(SupplementaryBenefit.band(born: ymd("1944-02-29"), month: ym("2024-02")) == .sixtyFiveToSeventyNine)
        #expect(SupplementaryBenefit.firstMonthOfEightyBand(born: ymd("1946-12-31")) == ym("2027-01"))
    }

    @Test("a collective 出口补 is its own part; negative figures are refused")
    func supplementaryCollective() throws {
        var figures = supplementary
        figures.collectiveExitSubsidyFen = 1_000
        // 600,000 fen ÷ 120 = 5,000 fen (50.00 元) + 20 元 + 10 元 = 80.00 元.
        let benefit = try SupplementaryBenefit.monthly(figures, accountBalanceFen: 600_000, born: ymd("1958-01-01"), month: ym("2026-12")).get()
        #expect(benefit.parts.map(\.name) == ["补充养老保险个人账户养老金", "出口补", "集体出口补"] && benefit.totalFen == 8_000)
        figures.exitSubsidyFromEightyFen = -1
        #expect(SupplementaryBenefit.monthly(figures, accountBalanceFen: 600_000, born: ymd("1958-01-01"), month: ym("2026-12")).refusals
                == [.negativeAmount(field: "出口补（80周岁及以上）", fen: -1)])
    }
}
