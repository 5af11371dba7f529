import JiujinbanRules
import Testing

private typealias Codes = AccountFixture.Codes

@Suite("申请单编号 application number")
struct ApplicationNumberTests {
    @Test("built from county, year and sequence", arguments: [
        (2026, 7, "140830-2026-0007"),
        (2026, 1, "140830-2026-0001"),
        (2027, 123, "140830-2027-0123"),
        (2030, 9999, "140830-2030-9999"),
    ] as [(Int, Int, String)])
    func build(year: Int, sequence: Int, text: String) throws {
        let number = try #require(ApplicationNumber(county: Codes.ruicheng, year: year, sequence: sequence))
        #expect(number.text == text)
        #expect(number.description == text)
        #expect(ApplicationNumber(text) == number)
    }

    @Test("parts that do not fit are refused", arguments: [
        (Codes.ruicheng, 2026, 0), (Codes.ruicheng, 2026, 10_000), (Codes.ruicheng, 1999, 1),
        (Codes.ruicheng, 10_000, 1), (Codes.yuncheng, 2026, 1), (Codes.guwei, 2026, 1), (Codes.shanxi, 2026, 1),
    ] as [(DivisionCode, Int, Int)])
    func badParts(county: DivisionCode, year: Int, sequence: Int) {
        #expect(ApplicationNumber(county: county, year: year, sequence: sequence) == nil)
    }

    @Test("text that is not a number", arguments: [
        "", "140830-2026-7", "140830-26-0007", "140830-2026-00007", "14083A-2026-0007", "140830_2026_0007",
        "140830-2026-0000", "000000-2026-0001", "140800-2026-0001", "１４０８３０-2026-0007", "140830-2026-0007-1",
    ])
    func badText(text: String) {
        #expect(ApplicationNumber(text) == nil)
    }

    @Test func ordering() throws {
        let a = try #require(ApplicationNumber("140830-2026-0010"))
        let b = try #require(ApplicationNumber("140830-2027-0001"))
        let c = try #require(ApplicationNumber("140881-2026-0001"))
        #expect([c, b, a].sorted() == [a, b, c])
        #expect(a.countyCode == "140830" && a.year == 2026 && a.sequence == 10)
    }
}
