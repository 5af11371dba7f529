import Foundation
import JiujinbanRules
import Testing

/// What a computation records of the figures it read, and when approval must wait.
@Suite("FigureReading: the figures a computation used, and the wait for 待核实 ones")
struct FigureReadingTests {
    static let ruicheng = try! DivisionCode.county("140830")
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    func row(_ key: PolicyFigureKey, from: String, to: String? = nil, _ value: PolicyFigureValue?, _ status: PolicyFigureStatus,
             county: DivisionCode? = nil) -> PolicyFigureRow {
        PolicyFigureRow(id: UUID(), key: key, county: county, validFrom: Self.day(from), validTo: to.map(Self.day), value: value,
                        source: "文件", confidence: .administrator, status: status)
    }

    @Test("each figure read is recorded once with its row, value and status; a missing required one is recorded as waiting")
    func records() {
        let central = row(.centralBasicPension, from: "2024-01-01", .amount(fen: 12_300), .confirmed)
        let divisor = row(.residentDivisor, from: "2014-01-01", .count(139), .unconfirmed)
        var reading = FigureReading(book: PolicyFigureBook(rows: [central, divisor]), on: Self.day("2024-06-01"), county: Self.ruicheng)
        #expect(reading.fen(.centralBasicPension) == 12_300)
        #expect(reading.fen(.centralBasicPension) == 12_300)
        #expect(reading.count(.residentDivisor) == 139)
        #expect(reading.fen(.extraPerYearBeyond15, required: false) == nil)
        #expect(reading.fen(.provincialBasicPension) == nil)
        #expect(reading.entries.map(\.key) == [.centralBasicPension, .residentDivisor, .provincialBasicPension])
        #expect(reading.entries[0].rowID == central.id && !reading.entries[0].isWaiting)
        #expect(reading.waiting.map(\.key) == [.residentDivisor, .provincialBasicPension])
        #expect(reading.waiting[1].rowID == nil && reading.waiting[1].described == "省级提高的基础养老金（未录入，待核实）")
        #expect(reading.approvalRefusal == "计算所用政策参数个人账户养老金计发月数（60岁）（139，待核实）、省级提高的基础养老金（未录入，待核实）尚未确认，待业务管理员核实后方可审批")
    }

    @Test("a figure ended and succeeded: the day before reads the old row, the day itself the new one")
    func succession() {
        let old = row(.centralBasicPension, from: "2024-01-01", to: "2025-06-30", .amount(fen: 12_300), .confirmed)
        let new = row(.centralBasicPension, from: "2025-07-01", .amount(fen: 14_300), .confirmed)
        let book = PolicyFigureBook(rows: [old, new])
        var before = FigureReading(book: book, on: Self.day("2025-06-30"), county: nil)
        var after = FigureReading(book: book, on: Self.day("2025-07-01"), county: nil)
        #expect(BenefitFigures.basic(&before).centralFen == 12_300 && before.entries.first?.rowID == old.id)
        #expect(BenefitFigures.basic(&after).centralFen == 14_300 && after.entries.first?.rowID == new.id)
        // With every part but the central one missing, the divisor falls back to 139 and approval waits for them.
        #expect(BenefitFigures.basic(&after).accountDivisor == 139 && after.approvalRefusal != nil)
    }

    @Test("the supplementary benefit reads the 出口补 of the person's band only")
    func supplementaryBand() {
        let rows = [row(.supplementaryDivisor, from: "2021-01-01", .count(120), .confirmed),
                    row(.supplementaryExit65to79, from: "2021-01-01", .amount(fen: 2_000), .confirmed),
                    row(.supplementaryExit80, from: "2021-01-01", .amount(fen: 3_000), .unconfirmed)]
        var reading = FigureReading(book: PolicyFigureBook(rows: rows), on: Self.day("2026-12-01"), county: nil)
        let figures = BenefitFigures.supplementary(&reading, band: .sixtyFiveToSeventyNine)
        #expect(figures.exitSubsidyFromSixtyFiveFen == 2_000 && reading.approvalRefusal == nil)
        #expect(reading.entries.map(\.key) == [.supplementaryDivisor, .supplementaryExit65to79])
        var eighty = FigureReading(book: PolicyFigureBook(rows: rows), on: Self.day("2026-12-01"), county: nil)
        #expect(BenefitFigures.supplementary(&eighty, band: .eightyAndOver).exitSubsidyFromEightyFen == 3_000)
        #expect(eighty.approvalRefusal?.contains("出口补（80周岁及以上）（30元，待核实）") == true)
    }
}
