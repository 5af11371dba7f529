import Foundation
import JiujinbanRules
import Testing

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
private func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }

private func row(_ n: Int, key: PolicyFigureKey = .centralBasicPension, _ from: String, to: String? = nil, _ value: PolicyFigureValue?,
                 status: PolicyFigureStatus = .unconfirmed, supersession: PolicyFigureSupersession? = nil) -> PolicyFigureRow {
    PolicyFigureRow(id: id(n), key: key, county: nil, validFrom: day(from), validTo: to.map(day), value: value, source: "文件\(n)",
                    confidence: status == .confirmed ? .official : .inferred, status: status, supersession: supersession)
}

@Suite("政策参数: correcting a 待核实 row wherever it sits (更正并确认)")
struct PolicyFigureCorrectionTests {
    /// The central minimum: 103 元 confirmed in 2023; 123 元 (2024), 143 元 (2025) and 163 元 (from 2026) 待核实.
    static let rows = [
        row(1, "2023-07-01", to: "2023-12-31", .amount(fen: 10300), status: .confirmed),
        row(2, "2024-01-01", to: "2024-12-31", .amount(fen: 12300)),
        row(3, "2025-01-01", to: "2025-12-31", .amount(fen: 14300)),
        row(4, "2026-01-01", .amount(fen: 16300)),
    ]
    let book = PolicyFigureBook(rows: Self.rows)

    @Test("a 待核实 row that is not the latest is corrected: the check keeps its key, county and period and takes the new value")
    func correctsEarlierRow() throws {
        let correction = try PolicyFigureChange.correction(of: book.row(id: id(2))!, value: "113", source: "人社部发〔2024〕9号").get()
        #expect(correction.replacing.id == id(2) && correction.replacing.validFrom == day("2024-01-01"))
        #expect(correction.replacing.validTo == day("2024-12-31") && correction.replacing.key == .centralBasicPension)
        #expect(correction.value == .amount(fen: 11300) && correction.source == "人社部发〔2024〕9号")
    }

    /// The book as the store holds it after row 2 was corrected to 113 元 by row 9.
    static let corrected = PolicyFigureBook(rows: rows.map { $0.id == id(2) ? row(2, "2024-01-01", to: "2024-12-31", .amount(fen: 12300),
        supersession: PolicyFigureSupersession(correctionID: id(9), at: Date(timeIntervalSince1970: 1_796_000_000), byAccount: id(77))) : $0 }
        + [PolicyFigureRow(id: id(9), key: .centralBasicPension, county: nil, validFrom: day("2024-01-01"), validTo: day("2024-12-31"),
                           value: .amount(fen: 11300), source: "人社部发〔2024〕9号", confidence: .administrator, status: .confirmed)])

    @Test("the book reads the correction, confirmed, on every day of its period and never the old row; the neighbours are untouched")
    func bookReadsCorrection() {
        let book = Self.corrected
        for date in ["2024-01-01", "2024-06-30", "2024-12-31"] {
            let resolved = book.resolve(.centralBasicPension, on: day(date))
            #expect(resolved == .confirmed(PolicyFigureUse(key: .centralBasicPension, rowID: id(9), value: .amount(fen: 11300),
                                                           status: .confirmed, source: "人社部发〔2024〕9号")), "\(date)")
        }
        #expect(book.resolve(.centralBasicPension, on: day("2023-12-31")).use?.rowID == id(1))
        let after = book.resolve(.centralBasicPension, on: day("2025-01-01"))
        #expect(after.use?.rowID == id(3) && after.value == .amount(fen: 14300) && !after.isConfirmed)
        // Never read, but found by its id, marked 已更正 with the row that replaced it.
        #expect(!book.rows.contains { $0.id == id(2) } && book.superseded.map(\.id) == [id(2)])
        #expect(book.row(id: id(2))?.supersession?.correctionID == id(9) && book.row(id: id(2))?.value == .amount(fen: 12300))
        #expect(book.history(.centralBasicPension, county: nil).map(\.id) == [id(4), id(3), id(9), id(1)])
        #expect(book.record(.centralBasicPension, county: nil).map(\.id) == [id(4), id(3), id(9), id(2), id(1)])
        #expect(book.latest(.centralBasicPension, county: nil)?.id == id(4))
    }

    @Test("a whole-number figure's schedule reads the correction, not the row it replaced")
    func scheduleReadsCorrection() {
        let book = PolicyFigureBook(rows: [
            row(1, key: .problemReplyWorkingDays, "2009-01-01", .count(3),
                supersession: PolicyFigureSupersession(correctionID: id(2), at: Date(timeIntervalSince1970: 0), byAccount: nil)),
            row(2, key: .problemReplyWorkingDays, "2009-01-01", .count(5), status: .confirmed),
        ])
        let schedule = book.schedule(.problemReplyWorkingDays)
        #expect(schedule?.entries == [DatedSchedule.Entry(from: day("2009-01-01"), value: 5)])
    }

    @Test("refused: a confirmed row (only ended and succeeded), a row already corrected, a row with no value, the same value")
    func refusals() {
        func problem(_ row: PolicyFigureRow, _ value: String = "113", _ source: String = "文件") -> [String: String] {
            guard case .failure(let errors) = PolicyFigureChange.correction(of: row, value: value, source: source) else { return [:] }
            return Dictionary(errors.problems.map { ($0.field, $0.message) }) { first, _ in first }
        }
        #expect(problem(book.row(id: id(1))!)["correct_value"] == "该参数已确认，不能更正：已确认的取值只能由新值接续（录入新值及生效日期）")
        let replaced = Self.corrected.row(id: id(2))!
        #expect(problem(replaced)["correct_value"] == "该取值已更正，不能再次更正：请查看更正后的取值")
        #expect(problem(Self.corrected.row(id: id(9))!)["correct_value"]?.hasPrefix("该参数已确认，不能更正") == true)
        guard case .failure(let again) = PolicyFigureChange.confirmation(of: replaced, source: "文件", value: "") else {
            Issue.record("a corrected row was confirmed"); return
        }
        #expect(again.message(for: "confirm_source") == "该取值已更正，不能再确认：请查看更正后的取值")
        #expect(problem(row(5, key: .ruralPensionStart, "2009-01-01", nil), "2010-07-01")["correct_value"] == "该取值尚无数值，无需更正：请用“依文件确认”填写数值")
        #expect(problem(book.row(id: id(3))!, "143.00")["correct_value"] == "更正后的数值：与原值143元相同；数值无误时请用“依文件确认”")
    }

    @Test("bad input is named by its field: the value as typed, the document required")
    func badInput() {
        func problems(_ value: String, _ source: String) -> [String: String] {
            guard case .failure(let errors) = PolicyFigureChange.correction(of: book.row(id: id(3))!, value: value, source: source) else { return [:] }
            return Dictionary(errors.problems.map { ($0.field, $0.message) }) { first, _ in first }
        }
        #expect(problems("-5", "文件")["correct_value"] == "更正后的数值：金额（元）不能为负数，收到“-5”")
        #expect(problems("", "文件")["correct_value"] == "更正后的数值：请填写数值")
        #expect(problems("150", " ")["correct_source"] == "依据文件：更正参数须填写文件名称及文号")
        #expect(problems("150", String(repeating: "文", count: 201))["correct_source"] == "依据文件：不超过200个字")
        #expect(problems("150", "文件").isEmpty)
    }

    @Test("a stored computation's figure whose row was corrected: 已更正, no longer waited for, named with its correction")
    func storedEntryCorrected() {
        let used = FigureReading.Entry(key: .centralBasicPension, rowID: id(2), value: .amount(fen: 12300), status: .unconfirmed, source: "文件2")
        #expect(used.isWaiting && used.statusLabel == "待核实")
        let corrected = FigureReading.Entry(key: .centralBasicPension, rowID: id(2), value: .amount(fen: 12300), status: .unconfirmed,
                                            source: "文件2", correction: .init(rowID: id(9), value: .amount(fen: 11300),
                                                                               source: "人社部发〔2024〕9号", on: day("2026-12-07")))
        #expect(!corrected.isWaiting && corrected.statusLabel == "已更正")
        #expect(corrected.described == "中央基础养老金最低标准（123元，已更正为113元）")
    }
}
