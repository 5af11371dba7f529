import Foundation
import JiujinbanRules
import Testing

/// Re-rating by the figure rows an entitlement was awarded under (its `figure_ids`), and the 集体出口补 kept apart,
/// on hand-computed cases.
@Suite("MonthlyRerating: a part follows a figure row other than the one it was awarded under; 集体出口补 is never re-rated")
struct MonthlyReratingAwardTests {
    static let ruicheng = try! DivisionCode.county("140830")
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func month(_ text: String) -> PensionMonth { PensionMonth(text)! }
    static func id(_ last: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", last))! }

    static func row(_ id: UUID, _ key: PolicyFigureKey, from: String, to: String? = nil, fen: Int, county: DivisionCode? = nil)
        -> PolicyFigureRow {
        PolicyFigureRow(id: id, key: key, county: county, validFrom: day(from), validTo: to.map(day), value: .amount(fen: fen),
                        source: "文件", confidence: .administrator, status: .confirmed)
    }

    /// The central part: 143 元 (row 1) ended 2026-06-30 and succeeded by 163 元 (row 2) from 2026-07-01; provincial
    /// 20 元 (row 3) and Ruicheng's 10 元 (row 4) since 2020. Row 9 is a figure the re-rating does not follow (the divisor).
    static let book = PolicyFigureBook(rows: [
        row(id(1), .centralBasicPension, from: "2024-01-01", to: "2026-06-30", fen: 14_300),
        row(id(2), .centralBasicPension, from: "2026-07-01", fen: 16_300),
        row(id(3), .provincialBasicPension, from: "2020-01-01", fen: 2_000),
        row(id(4), .countyBasicPension, from: "2020-01-01", fen: 1_000, county: ruicheng),
        PolicyFigureRow(id: id(9), key: .residentDivisor, county: nil, validFrom: day("2009-01-01"), validTo: nil, value: .count(139),
                        source: "文件", confidence: .administrator, status: .confirmed),
    ])
    static let underFirst = [id(1), id(3), id(4), id(9)].map { $0.uuidString.lowercased() }
    static let underSuccessor = [id(2), id(3), id(4), id(9)].map { $0.uuidString.lowercased() }

    func basic(_ fen: Int64, central: Int64, start: String, in month: String, awardedUnder ids: [String]) -> MonthlyRerating.Amount {
        let composition = MonthlyRerating.Composition(centralFen: central, provincialFen: 2_000, countyFen: 1_000, accountFen: fen - central - 3_000)
        return MonthlyRerating.amount(scheme: InsuranceScheme.residentBasic.rawValue, storedFen: fen, composition: composition,
                                      start: Self.month(start), born: Self.day("1965-02-10"), awardedUnder: ids,
                                      figures: .init(book: Self.book, month: Self.month(month), county: Self.ruicheng))
    }

    @Test("awarded under the 143 元 row from 2025-03 (143 + 20 + 10 + account 56.12 = 229.12 元): 2026-06 pays 229.12, 2026-07 pays 249.12")
    func successionMidYear() {
        let june = basic(22_912, central: 14_300, start: "2025-03", in: "2026-06", awardedUnder: Self.underFirst)
        let july = basic(22_912, central: 14_300, start: "2025-03", in: "2026-07", awardedUnder: Self.underFirst)
        #expect(june.fen == 22_912 && !june.isRerated && june.waiting.isEmpty)
        #expect(july.fen == 24_912 && july.isRerated && july.waiting.isEmpty)
    }

    @Test("a raise entered after the award, dated back to 2026-07-01, reaches a pension that started 2026-08 under the 143 元 row; the date rule could not see it")
    func backdatedSuccession() {
        let byIDs = basic(22_912, central: 14_300, start: "2026-08", in: "2026-09", awardedUnder: Self.underFirst)
        #expect(byIDs.fen == 24_912 && byIDs.isRerated)
        let byDate = basic(22_912, central: 14_300, start: "2026-08", in: "2026-09", awardedUnder: [])
        #expect(byDate.fen == 22_912 && !byDate.isRerated)
    }

    @Test("ids naming no row of this platform's figures (another system's) keep the date rule")
    func unknownIDs() {
        let amount = basic(22_912, central: 14_300, start: "2026-08", in: "2026-09", awardedUnder: ["core-0001", "core-0002"])
        #expect(amount.fen == 22_912 && !amount.isRerated)
    }

    @Test("ids naming the central row only: the central part follows by its row, the provincial part (20 → 25 元 from 2026-07) by the date rule: 2026-07 pays 254.12 元")
    func keyNotNamed() {
        let book = PolicyFigureBook(rows: Self.book.rows.filter { $0.key != .provincialBasicPension } + [
            Self.row(Self.id(5), .provincialBasicPension, from: "2020-01-01", to: "2026-06-30", fen: 2_000),
            Self.row(Self.id(6), .provincialBasicPension, from: "2026-07-01", fen: 2_500),
        ])
        let amount = MonthlyRerating.amount(
            scheme: InsuranceScheme.residentBasic.rawValue, storedFen: 22_912,
            composition: .init(centralFen: 14_300, provincialFen: 2_000, countyFen: 1_000, accountFen: 5_612), start: Self.month("2025-03"),
            born: Self.day("1965-02-10"), awardedUnder: [Self.id(1).uuidString.lowercased()],
            figures: .init(book: book, month: Self.month("2026-07"), county: Self.ruicheng))
        #expect(amount.fen == 25_412 && amount.waiting.isEmpty)
    }

    @Test("in 2026-09's batch, the pension awarded under the 163 元 row is paid as awarded and only the one under 143 元 is re-rated (+20 元)")
    func notReratedTwice() {
        let under143 = PaymentBatch.Entitlement(
            person: "甲", scheme: InsuranceScheme.residentBasic.rawValue, startMonth: "2025-03", status: "正常", monthlyFen: 22_912,
            bank: "芮城农商银行", account: "6228", alreadyRecorded: false,
            composition: .init(centralFen: 14_300, provincialFen: 2_000, countyFen: 1_000, accountFen: 5_612), born: Self.day("1965-02-10"),
            figureIDs: Self.underFirst)
        let under163 = PaymentBatch.Entitlement(
            person: "乙", scheme: InsuranceScheme.residentBasic.rawValue, startMonth: "2026-07", status: "正常", monthlyFen: 24_912,
            bank: "芮城农商银行", account: "6229", alreadyRecorded: false,
            composition: .init(centralFen: 16_300, provincialFen: 2_000, countyFen: 1_000, accountFen: 5_612), born: Self.day("1966-06-10"),
            figureIDs: Self.underSuccessor)
        let month = Self.month("2026-09")
        let plan = PaymentBatch.plan([under143, under163], month: month, figures: .init(book: Self.book, month: month, county: Self.ruicheng))
        #expect(plan.lines.map(\.amountFen) == [24_912, 24_912])
        #expect(plan.rerated == 1 && plan.reratedDeltaFen == 2_000 && plan.waitingForFigures == 0)
    }

    /// Born 1946-11-20 (80 on 2026-11-20); awarded from 2022-01 under the 65–79 出口补 (row 11): account 15 元 + 出口补
    /// 20 元 + 集体出口补 10 元 = 45.00 元. The 80-and-over 出口补 is 30 元 (row 12).
    func supplementary(in month: String, awardedUnder ids: [String]) -> MonthlyRerating.Amount {
        let book = PolicyFigureBook(rows: [Self.row(Self.id(11), .supplementaryExit65to79, from: "2021-01-01", fen: 2_000),
                                           Self.row(Self.id(12), .supplementaryExit80, from: "2021-01-01", fen: 3_000)])
        return MonthlyRerating.amount(scheme: InsuranceScheme.residentSupplementary.rawValue, storedFen: 4_500,
                                      composition: .init(accountFen: 1_500, exitSubsidyFen: 2_000, collectiveExitFen: 1_000),
                                      start: Self.month("2022-01"), born: Self.day("1946-11-20"), awardedUnder: ids,
                                      figures: .init(book: book, month: Self.month(month), county: Self.ruicheng))
    }

    @Test("turning 80: the 出口补 goes 20 → 30 元 from 2026-12 and the 集体出口补 stays 10 元 (45.00 → 55.00 元), by ids and by date alike")
    func collectiveAtEighty() {
        for ids in [[Self.id(11).uuidString.lowercased()], []] {
            let november = supplementary(in: "2026-11", awardedUnder: ids)
            let december = supplementary(in: "2026-12", awardedUnder: ids)
            #expect(november.fen == 4_500 && !november.isRerated)
            #expect(december.fen == 5_500 && december.isRerated && december.waiting.isEmpty)
        }
    }
}
