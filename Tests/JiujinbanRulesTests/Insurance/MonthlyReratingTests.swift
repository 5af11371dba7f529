import Foundation
import JiujinbanRules
import Testing

/// The month's amount under the dated figures, on hand-computed cases.
@Suite("MonthlyRerating: a confirmed raise reaches existing pensioners, an unconfirmed one waits, 出口补 follows the age")
struct MonthlyReratingTests {
    static let ruicheng = try! DivisionCode.county("140830")
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func month(_ text: String) -> PensionMonth { PensionMonth(text)! }

    static func row(_ key: PolicyFigureKey, from: String, to: String? = nil, fen: Int, _ status: PolicyFigureStatus,
                    county: DivisionCode? = nil) -> PolicyFigureRow {
        PolicyFigureRow(id: UUID(), key: key, county: county, validFrom: day(from), validTo: to.map(day), value: .amount(fen: fen),
                        source: "文件", confidence: .administrator, status: status)
    }

    /// Central 143 元 until 2026-06-30, 163 元 from 2026-07-01 (`raise` status); provincial 20 元, county 10 元 since 2020.
    static func basicBook(raise: PolicyFigureStatus) -> PolicyFigureBook {
        PolicyFigureBook(rows: [
            row(.centralBasicPension, from: "2024-01-01", to: "2026-06-30", fen: 14_300, .confirmed),
            row(.centralBasicPension, from: "2026-07-01", fen: 16_300, raise),
            row(.provincialBasicPension, from: "2020-01-01", fen: 2_000, .confirmed),
            row(.countyBasicPension, from: "2020-01-01", fen: 1_000, .confirmed, county: ruicheng),
        ])
    }

    /// Awarded from 2025-03: 143 + 20 + 10 + 长缴多得 2 + account 56.12 = 231.12 元.
    static let basic = MonthlyRerating.Composition(centralFen: 14_300, provincialFen: 2_000, countyFen: 1_000, extraFen: 200, accountFen: 5_612)

    func basicAmount(_ book: PolicyFigureBook, in month: String, start: String = "2025-03") -> MonthlyRerating.Amount {
        MonthlyRerating.amount(scheme: InsuranceScheme.residentBasic.rawValue, storedFen: 23_112, composition: Self.basic, start: Self.month(start),
                               born: Self.day("1965-02-10"), figures: .init(book: book, month: Self.month(month), county: Self.ruicheng))
    }

    @Test("a raise of the central part from 2026-07, confirmed: 2026-06 pays 231.12 元, 2026-07 pays 251.12 元 (account and extra unchanged)")
    func confirmedRaise() {
        let book = Self.basicBook(raise: .confirmed)
        let june = basicAmount(book, in: "2026-06")
        let july = basicAmount(book, in: "2026-07")
        #expect(june.fen == 23_112 && !june.isRerated && june.waiting.isEmpty)
        #expect(july.fen == 25_112 && july.isRerated && july.waiting.isEmpty)
    }

    @Test("the same raise 待核实: 2026-07 still pays 231.12 元 and names the central figure as waiting")
    func unconfirmedRaise() {
        let july = basicAmount(Self.basicBook(raise: .unconfirmed), in: "2026-07")
        #expect(july.fen == 23_112 && !july.isRerated)
        #expect(july.waiting == [.centralBasicPension])
    }

    @Test("an entitlement awarded from the raise's first day has it in its composition already: nothing changes, nothing waits")
    func awardedUnderTheRaise() {
        let awarded = MonthlyRerating.Composition(centralFen: 16_300, provincialFen: 2_000, countyFen: 1_000, accountFen: 5_612)
        let amount = MonthlyRerating.amount(scheme: InsuranceScheme.residentBasic.rawValue, storedFen: 24_912, composition: awarded,
                                            start: Self.month("2026-07"), born: Self.day("1966-07-01"),
                                            figures: .init(book: Self.basicBook(raise: .unconfirmed), month: Self.month("2026-09"),
                                                           county: Self.ruicheng))
        #expect(amount.fen == 24_912 && amount.waiting.isEmpty)
    }

    @Test("a composition that does not add up to the stored amount (an import with the total only) is paid as stored")
    func totalOnly() {
        let amount = MonthlyRerating.amount(scheme: InsuranceScheme.residentBasic.rawValue, storedFen: 20_000, composition: .init(),
                                            start: Self.month("2025-03"), born: Self.day("1965-02-10"),
                                            figures: .init(book: Self.basicBook(raise: .confirmed), month: Self.month("2026-07"),
                                                           county: Self.ruicheng))
        #expect(amount.fen == 20_000 && !amount.isRerated && amount.waiting.isEmpty)
    }

    /// Born 1946-11-20: 80 on 2026-11-20, so 30 元 from 2026-12 (the month after the birthday's month).
    func supplementaryAmount(in month: String, exit80: PolicyFigureStatus) -> MonthlyRerating.Amount {
        let book = PolicyFigureBook(rows: [
            Self.row(.supplementaryExit65to79, from: "2021-01-01", fen: 2_000, .confirmed),
            Self.row(.supplementaryExit80, from: "2021-01-01", fen: 3_000, exit80),
        ])
        // Awarded from 2022-01: account 15.00 元 + 出口补 20 元 = 35.00 元.
        return MonthlyRerating.amount(scheme: InsuranceScheme.residentSupplementary.rawValue, storedFen: 3_500,
                                      composition: .init(accountFen: 1_500, exitSubsidyFen: 2_000), start: Self.month("2022-01"),
                                      born: Self.day("1946-11-20"), figures: .init(book: book, month: Self.month(month), county: Self.ruicheng))
    }

    @Test("79 turning 80 in 2026-11: 出口补 20 元 that month, 30 元 from 2026-12 (35.00 → 45.00 元)")
    func turningEighty() {
        let november = supplementaryAmount(in: "2026-11", exit80: .confirmed)
        let december = supplementaryAmount(in: "2026-12", exit80: .confirmed)
        #expect(november.fen == 3_500 && !november.isRerated)
        #expect(december.fen == 4_500 && december.isRerated)
    }

    @Test("the 80-and-over 出口补 待核实: 2026-12 still pays 35.00 元 and names that figure")
    func eightyBandUnconfirmed() {
        let december = supplementaryAmount(in: "2026-12", exit80: .unconfirmed)
        #expect(december.fen == 3_500 && december.waiting == [.supplementaryExit80])
    }

    @Test("the batch pays each line its month's amount and counts what changed and what waits")
    func plan() {
        let book = Self.basicBook(raise: .unconfirmed)
        let central = PolicyFigureRow(id: UUID(), key: .centralBasicPension, county: nil, validFrom: Self.day("2026-07-01"), validTo: nil,
                                      value: .amount(fen: 16_300), source: "文件", confidence: .administrator, status: .confirmed)
        let confirmedBook = PolicyFigureBook(rows: book.rows.filter { $0.validFrom != Self.day("2026-07-01") } + [central])
        func entitlement(_ person: String) -> PaymentBatch.Entitlement {
            PaymentBatch.Entitlement(person: person, scheme: InsuranceScheme.residentBasic.rawValue, startMonth: "2025-03", status: "正常",
                                     monthlyFen: 23_112, bank: "芮城农商银行", account: "6228", alreadyRecorded: false,
                                     composition: Self.basic, born: Self.day("1965-02-10"))
        }
        let month = Self.month("2026-07")
        let confirmed = PaymentBatch.plan([entitlement("甲"), entitlement("乙")], month: month,
                                          figures: .init(book: confirmedBook, month: month, county: Self.ruicheng))
        #expect(confirmed.lines.map(\.amountFen) == [25_112, 25_112] && confirmed.totalFen == 50_224)
        #expect(confirmed.rerating == "按现行政策参数调整待遇 2 笔，合计增加 40.00 元")
        let waiting = PaymentBatch.plan([entitlement("甲")], month: month, figures: .init(book: book, month: month, county: Self.ruicheng))
        #expect(waiting.lines.map(\.amountFen) == [23_112] && waiting.rerated == 0)
        #expect(waiting.rerating == "1 笔因政策参数“中央基础养老金最低标准”待核实仍按原待遇发放，业务管理员确认后按新标准发放")
    }
}
