import Foundation
import JiujinbanRules
import Testing

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
private func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }
private let ruicheng = try! DivisionCode.county("140830")
private let yongji = try! DivisionCode.county("140881")

private func row(_ n: Int, _ key: PolicyFigureKey, county: DivisionCode? = nil, _ from: String, to: String? = nil,
                 _ value: PolicyFigureValue?, status: PolicyFigureStatus = .confirmed) -> PolicyFigureRow {
    PolicyFigureRow(id: id(n), key: key, county: county, validFrom: day(from), validTo: to.map(day), value: value,
                    source: "文件\(n)", confidence: status == .confirmed ? .official : .weak, status: status)
}

@Suite("政策参数: resolving a figure on a date")
struct PolicyFigureResolutionTests {
    /// The central minimum: 103 元 from 2023-07-01 to 2023-12-31, then 123 元 (confirmed), then 143 元 待核实.
    let book = PolicyFigureBook(rows: [
        row(1, .centralBasicPension, "2023-07-01", to: "2023-12-31", .amount(fen: 10300)),
        row(2, .centralBasicPension, "2024-01-01", to: "2024-12-31", .amount(fen: 12300)),
        row(3, .centralBasicPension, "2025-01-01", .amount(fen: 14300), status: .unconfirmed),
        row(4, .countyBasicPension, county: ruicheng, "2020-01-01", .amount(fen: 500)),
        row(5, .ruralPensionStart, county: ruicheng, "2009-01-01", nil, status: .unconfirmed),
    ])

    @Test("either side of a valid_from: the day before reads the old row, the day itself the new one")
    func eitherSideOfValidFrom() {
        let before = book.resolve(.centralBasicPension, on: day("2023-12-31"))
        let on = book.resolve(.centralBasicPension, on: day("2024-01-01"))
        #expect(before == .confirmed(PolicyFigureUse(key: .centralBasicPension, rowID: id(1), value: .amount(fen: 10300), status: .confirmed, source: "文件1")))
        #expect(on.use?.rowID == id(2) && on.value == .amount(fen: 12300) && on.isConfirmed)
        #expect(book.resolve(.centralBasicPension, on: day("2023-06-30")) == .none)
    }

    @Test("a 待核实 row resolves with its value but not confirmed; a row without a value is 待核实 too")
    func unconfirmed() {
        let later = book.resolve(.centralBasicPension, on: day("2026-03-01"))
        #expect(!later.isConfirmed && later.value == .amount(fen: 14300) && later.use?.rowID == id(3))
        guard case .unconfirmed = later else { Issue.record("expected 待核实"); return }
        let start = book.resolve(.ruralPensionStart, on: day("2015-05-05"), county: ruicheng)
        #expect(start == .unconfirmed(PolicyFigureUse(key: .ruralPensionStart, rowID: id(5), value: nil, status: .unconfirmed, source: "文件5")))
    }

    @Test("a county figure reads only that county's rows, from any code inside the county; without a county, none")
    func countyScope() {
        let village = try! DivisionCode("140830100204")
        #expect(book.resolve(.countyBasicPension, on: day("2024-06-01"), county: ruicheng).value == .amount(fen: 500))
        #expect(book.resolve(.countyBasicPension, on: day("2024-06-01"), county: village).value == .amount(fen: 500))
        #expect(book.resolve(.countyBasicPension, on: day("2024-06-01"), county: yongji) == .none)
        #expect(book.resolve(.countyBasicPension, on: day("2024-06-01")) == .none)
        // A provincial figure ignores the county it is asked for.
        #expect(book.resolve(.centralBasicPension, on: day("2024-06-01"), county: yongji).use?.rowID == id(2))
    }

    @Test("a successor mid-year ends the current row the day before; the amount changes on that day, not before")
    func successorMidYear() throws {
        let current = PolicyFigureBook(rows: [row(1, .supplementaryExit65to79, "2021-01-01", .amount(fen: 2000))])
        let successor = try PolicyFigureChange.successor(key: .supplementaryExit65to79, county: nil, in: current,
                                                         validFrom: "2026-07-01", value: "25", source: "晋政发〔2026〕1号").get()
        #expect(successor.ends?.rowID == id(1) && successor.ends?.lastDay == day("2026-06-30"))
        #expect(successor.value == .amount(fen: 2500))
        // The book as the store holds it after the change.
        let after = PolicyFigureBook(rows: [
            row(1, .supplementaryExit65to79, "2021-01-01", to: "2026-06-30", .amount(fen: 2000)),
            PolicyFigureRow(id: id(2), key: .supplementaryExit65to79, county: nil, validFrom: successor.validFrom, validTo: nil,
                            value: successor.value, source: successor.source, confidence: .administrator, status: .confirmed),
        ])
        #expect(after.resolve(.supplementaryExit65to79, on: day("2026-06-30")).value == .amount(fen: 2000))
        #expect(after.resolve(.supplementaryExit65to79, on: day("2026-07-01")).value == .amount(fen: 2500))
        #expect(after.latest(.supplementaryExit65to79, county: nil)?.id == id(2))
    }

    @Test("the first value of a county figure ends nothing")
    func firstValue() throws {
        let successor = try PolicyFigureChange.successor(key: .countyBasicPension, county: yongji, in: book,
                                                         validFrom: "2025-01-01", value: "10.5", source: "永济市文件").get()
        #expect(successor.ends == nil && successor.value == .amount(fen: 1050))
    }

    @Test("bad successors are refused by field: a date not after the current row's, a negative amount, no source")
    func refusedSuccessors() {
        func problems(_ date: String, _ value: String, _ source: String, key: PolicyFigureKey = .centralBasicPension) -> [String: String] {
            guard case .failure(let errors) = PolicyFigureChange.successor(key: key, county: nil, in: book, validFrom: date,
                                                                          value: value, source: source) else { return [:] }
            return Dictionary(errors.problems.map { ($0.field, $0.message) }) { first, _ in first }
        }
        #expect(problems("2024-06-01", "150", "文件")["valid_from"] == "生效日期应晚于现行值的生效日期2025-01-01（现行值不能改写，只能由新值接续）")
        #expect(problems("2025-01-01", "150", "文件")["valid_from"] != nil)
        #expect(problems("2026/01/01", "150", "文件")["valid_from"] == "生效日期格式应为YYYY-MM-DD，收到“2026/01/01”")
        #expect(problems("2026-01-01", "-5", "文件")["value"] == "数值：金额（元）不能为负数，收到“-5”")
        #expect(problems("2026-01-01", "1.234", "文件")["value"] == "数值：金额（元）应为数字，最多两位小数，收到“1.234”")
        #expect(problems("2026-01-01", "150", "  ")["source"] == "依据文件：请填写文件名称及文号")
        #expect(problems("2026-01-01", "0", "文件", key: .residentDivisor)["value"] == "数值：应为正整数，收到“0”")
        #expect(problems("2026-01-01", "200/70，100/20", "文件", key: .supplementaryGrades)["value"]
                == "数值：缴费档次应从低到高排列且不重复，“100/20”不大于前一档")
        #expect(problems("2026-01-01", "150", "文件").isEmpty)
    }

    @Test("confirming: the document is required; a row without a value takes one; a confirmed row is not confirmed again")
    func confirmation() throws {
        let pending = book.row(id: id(5))!
        guard case .failure(let empty) = PolicyFigureChange.confirmation(of: pending, source: "", value: "") else {
            Issue.record("an empty confirmation passed"); return
        }
        #expect(empty.message(for: "confirm_source") == "依据文件：确认参数须填写文件名称及文号")
        #expect(empty.message(for: "confirm_value") == "数值：请填写数值")
        let confirmed = try PolicyFigureChange.confirmation(of: pending, source: "芮政发〔2010〕5号", value: "2010-07-01").get()
        #expect(confirmed.value == .date(day("2010-07-01")) && confirmed.source == "芮政发〔2010〕5号")
        // A row with a value is confirmed as it stands: the typed value is not read.
        let withValue = try PolicyFigureChange.confirmation(of: book.row(id: id(3))!, source: "人社部发〔2025〕1号", value: "999").get()
        #expect(withValue.value == .amount(fen: 14300))
        guard case .failure(let again) = PolicyFigureChange.confirmation(of: book.row(id: id(2))!, source: "文件", value: "") else {
            Issue.record("a confirmed row was confirmed again"); return
        }
        #expect(again.message(for: "confirm_source") == "该参数已确认，无需再次确认")
    }
}
