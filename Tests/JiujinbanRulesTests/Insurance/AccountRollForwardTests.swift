import Foundation
import JiujinbanRules
import Testing

/// The personal account brought forward from the ledger's last closed year, each year at its own 记账利率, the
/// money credited in the year it arrived.
@Suite("个人账户结转: from the last closed year, year by year at each year's rate")
struct AccountRollForwardTests {
    static let rates = [2022: 250, 2023: 250, 2024: 262, 2025: 200]

    @Test("from a closed 2022 (1,000.00): 2023 at 2.50 %, 2024 at 2.62 %, then 2025's money without interest")
    func fromClosedYear() {
        var asked: [Int] = []
        let result = AccountRollForward.balance(
            closed: .init(year: 2022, closingFen: 100_000),
            // 2021's money is in the closed balance already; 2025's arrived while 2025 runs.
            creditsByYear: [2021: 99_999, 2023: 56_000, 2024: 56_000, 2025: 56_000], throughYear: 2024) { year in
                asked.append(year)
                return Self.rates[year]!
            }
        // 2023: 1,000.00 × 2.50 % = 25.00; + 560.00 → 1,585.00.
        // 2024: 1,585.00 × 2.62 % = 41.527 → 41.53; + 560.00 → 2,186.53. 2025: + 560.00 without interest → 2,746.53.
        #expect(result.lines.map(\.year) == [2023, 2024])
        #expect(result.lines.map(\.interestFen) == [2_500, 4_153])
        #expect(result.lines.map(\.closingFen) == [158_500, 218_653])
        #expect(result.laterCredits.map(\.year) == [2025] && result.laterCredits.map(\.fen) == [56_000])
        #expect(result.balanceFen == 274_653)
        #expect(asked == [2023, 2024])
    }

    @Test("with no closed year: from the first money, whose year needs no rate; an empty year between still earns")
    func fromFirstCredit() {
        var asked: [Int] = []
        let result = AccountRollForward.balance(closed: nil, creditsByYear: [2022: 56_000, 2024: 56_000], throughYear: 2024) { year in
            asked.append(year)
            return Self.rates[year]!
        }
        // 2022: opens empty, no rate asked; 560.00. 2023: 560.00 × 2.50 % = 14.00, nothing arrived → 574.00.
        // 2024: 574.00 × 2.62 % = 15.0388 → 15.04; + 560.00 → 1,149.04.
        #expect(result.lines.map(\.closingFen) == [56_000, 57_400, 114_904])
        #expect(asked == [2023, 2024])
        #expect(result.balanceFen == 114_904 && result.laterCredits.isEmpty)
    }

    @Test("money recorded as arrived in a closed year after it was closed is credited in the first open year, not lost")
    func lateMoney() {
        // 2024 closed crediting 560.00, but 2024 now shows 560.00 + 300.00 arrived (a back payment recorded late).
        let result = AccountRollForward.balance(closed: .init(year: 2024, closingFen: 100_000, creditedByYear: [2023: 56_000, 2024: 56_000]),
                                                creditsByYear: [2023: 56_000, 2024: 86_000, 2025: 56_000], throughYear: 2025) { _ in 250 }
        // 2025: 1,000.00 × 2.50 % = 25.00; + 560.00 + the late 300.00 → 1,885.00.
        #expect(result.lateFen == 30_000)
        #expect(result.lines.map(\.creditsFen) == [86_000] && result.balanceFen == 188_500)
        // The same late money while 2025 still runs: added without interest.
        let running = AccountRollForward.balance(closed: .init(year: 2024, closingFen: 100_000, creditedByYear: [2024: 56_000]),
                                                 creditsByYear: [2024: 86_000], throughYear: 2024) { _ in 250 }
        #expect(running.lines.isEmpty && running.laterCredits.map(\.fen) == [30_000] && running.balanceFen == 130_000)
    }

    @Test("nothing in the ledger: no lines, no rate asked, 0")
    func empty() {
        let result = AccountRollForward.balance(closed: nil, creditsByYear: [:], throughYear: 2025) { _ in
            Issue.record("no rate is needed")
            return 0
        }
        #expect(result.lines.isEmpty && result.balanceFen == 0)
    }

    @Test("a ledger closed through the claim's year already: its closing, plus only money after it")
    func closedAhead() {
        let result = AccountRollForward.balance(closed: .init(year: 2025, closingFen: 300_000), creditsByYear: [2025: 56_000, 2026: 10_000],
                                                throughYear: 2025) { _ in 0 }
        #expect(result.lines.isEmpty && result.balanceFen == 310_000)
    }
}

@Suite("FigureReading.yearlyRate: a rate per year, one entry per row and run of years")
struct YearlyRateReadingTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test("a 待核实 row for 2009–2023 and a confirmed successor from 2024: two entries, 2020—2023 waiting, 2024—2025 confirmed")
    func runs() {
        let old = PolicyFigureRow(id: UUID(), key: .personalAccountInterest, county: nil, validFrom: Self.day("2009-01-01"),
                                  validTo: Self.day("2023-12-31"), value: nil, source: "未找到", confidence: .notFound, status: .unconfirmed)
        let new = PolicyFigureRow(id: UUID(), key: .personalAccountInterest, county: nil, validFrom: Self.day("2024-01-01"), validTo: nil,
                                  value: .rate(basisPoints: 262), source: "文件", confidence: .administrator, status: .confirmed)
        var reading = FigureReading(book: PolicyFigureBook(rows: [old, new]), on: Self.day("2026-12-01"), county: nil)
        let rates = (2020...2025).map { reading.yearlyRate(.personalAccountInterest, year: $0) }
        #expect(rates == [nil, nil, nil, nil, 262, 262])
        #expect(reading.entries.map(\.rowID) == [old.id, new.id])
        #expect(reading.entries.map(\.name) == ["个人账户记账利率（2020—2023年度）", "个人账户记账利率（2024—2025年度）"])
        #expect(reading.waiting.map(\.rowID) == [old.id])
        #expect(reading.approvalRefusal?.contains("个人账户记账利率（2020—2023年度）（数值未知，待核实）") == true)
        // Read again: nothing new recorded.
        _ = reading.yearlyRate(.personalAccountInterest, year: 2021)
        #expect(reading.entries.count == 2)
    }
}
