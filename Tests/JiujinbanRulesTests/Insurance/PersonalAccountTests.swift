import JiujinbanRules
import Testing

@Suite("个人账户: interest on the opening balance, the year's credits at the year's end")
struct PersonalAccountTests {
    let today = ymd("2026-12-07")

    @Test("three years: 560.00 → 1,134.00 → 1,823.71 元")
    func threeYears() throws {
        let years = [
            // 2022: 500 元 + 60 元 subsidy credited at year end; no interest on an empty opening balance.
            PersonalAccount.Year(year: 2022, contributionFen: 50_000, subsidyFen: 6_000, interestRateBasisPoints: 250),
            // 2023: 560.00 × 2.50 % = 14.00 interest; + 560.00 credits → 1,134.00.
            PersonalAccount.Year(year: 2023, contributionFen: 50_000, subsidyFen: 6_000, interestRateBasisPoints: 250),
            // 2024: 1,134.00 × 2.62 % = 29.7108 → 29.71; + 500 + 60 + 100 collective aid → 1,823.71.
            PersonalAccount.Year(year: 2024, contributionFen: 50_000, subsidyFen: 6_000, collectiveAidFen: 10_000, interestRateBasisPoints: 262),
        ]
        let lines = try PersonalAccount.statement(openingFen: 0, years: years, today: today).get()
        #expect(lines.map(\.interestFen) == [0, 1_400, 2_971])
        #expect(lines.map(\.closingFen) == [56_000, 113_400, 182_371])
        #expect(lines[2].openingFen == 113_400 && lines[2].creditsFen == 66_000)
    }

    @Test("interest is rounded to the nearest fen: 0.20 元 at 2.50 % is 0.005 元 → 0.01 元")
    func interestRounding() throws {
        let lines = try PersonalAccount.statement(openingFen: 20, years: [.init(year: 2025, contributionFen: 0, interestRateBasisPoints: 250)],
                                                  today: today).get()
        #expect(lines.map(\.interestFen) == [1])
    }

    @Test("impossible, repeated and skipped years, negative amounts and rates are refused, each named")
    func badInput() {
        let refusals = PersonalAccount.statement(openingFen: -1, years: [
            .init(year: 1899, contributionFen: 0, interestRateBasisPoints: 0),
            .init(year: 2020, contributionFen: 20_000, subsidyFen: -3_500, interestRateBasisPoints: -10),
            .init(year: 2020, contributionFen: 20_000, interestRateBasisPoints: 0),
            .init(year: 2022, contributionFen: 20_000, interestRateBasisPoints: 0),
            .init(year: 2027, contributionFen: 20_000, interestRateBasisPoints: 0),
        ], today: today).refusals ?? []
        #expect(refusals.contains(.negativeAmount(field: "个人账户期初余额", fen: -1)))
        #expect(refusals.contains(.yearBefore1900(field: "个人账户", year: 1899)))
        #expect(refusals.contains(.negativeAmount(field: "2020年度政府补贴", fen: -3_500)))
        #expect(refusals.contains(.negativeRate(year: 2020, basisPoints: -10)))
        #expect(refusals.contains(.duplicateYear(field: "个人账户", year: 2020)))
        #expect(refusals.contains(.yearsNotConsecutive(field: "个人账户", after: 2020, next: 2022)))
        #expect(refusals.contains(.yearInFuture(field: "个人账户", year: 2027, today: today)))
        #expect(PensionRefusal.yearInFuture(field: "个人账户", year: 2027, today: today).message == "个人账户：2027年晚于今天（2026-12-07），请核实")
    }
}
