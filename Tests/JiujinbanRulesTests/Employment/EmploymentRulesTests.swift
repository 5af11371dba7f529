import JiujinbanRules
import Testing

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

@Suite("统一社会信用代码 (GB 32100-2015): check character, alphabet, normalisation")
struct CreditCodeTests {
    @Test("published codes validate; full-width, spaced and lower-case input is normalised", arguments: [
        "914403001922038216", "91440300708461136T", "91330100799655058B", "91110000802100433B",
    ])
    func valid(_ code: String) throws {
        #expect(try CreditCode(code).value == code)
    }

    @Test("normalisation and the registering division")
    func normalised() throws {
        let code = try CreditCode(" ９１３３０１００７９９６５５０５８ｂ ")
        #expect(code.value == "91330100799655058B" && code.divisionCode == "330100")
    }

    @Test("a wrong check character, a forbidden letter, a wrong length and nothing are refused with the reason")
    func refused() {
        #expect(throws: CreditCode.Problem.checkCharacter(expected: "B")) { try CreditCode("91330100799655058C") }
        #expect(throws: CreditCode.Problem.character("I")) { try CreditCode("9133010079965505IB") }
        #expect(throws: CreditCode.Problem.length(17)) { try CreditCode("9133010079965505B") }
        #expect(throws: CreditCode.Problem.empty) { try CreditCode("  ") }
        #expect(CreditCode.Problem.checkCharacter(expected: "B").message == "统一社会信用代码校验位不符（按前17位应为B），请核对营业执照")
    }
}

@Suite("法定退休年龄: the 2025 reform by birth cohort")
struct StatutoryRetirementTests {
    @Test("men: 60 before 2025, one month more every four months of birth, 63 from September 1976")
    func men() {
        #expect(StatutoryRetirement.ageInMonths(.man, born: day("1964-12-31")) == 720)
        #expect(StatutoryRetirement.date(.man, born: day("1964-12-31")) == day("2024-12-31"))
        #expect(StatutoryRetirement.ageInMonths(.man, born: day("1965-01-15")) == 721)
        #expect(StatutoryRetirement.date(.man, born: day("1965-01-15")) == day("2025-02-15"))
        #expect(StatutoryRetirement.ageInMonths(.man, born: day("1965-05-01")) == 722)
        #expect(StatutoryRetirement.ageInMonths(.man, born: day("1976-08-01")) == 755)
        #expect(StatutoryRetirement.ageInMonths(.man, born: day("1976-09-01")) == 756)
        #expect(StatutoryRetirement.ageInMonths(.man, born: day("1990-01-01")) == 756)
    }

    @Test("women: 50 → 55 by one month every two months (55 from November 1984); 55 → 58 like the men")
    func women() {
        #expect(StatutoryRetirement.ageInMonths(.womanFifty, born: day("1974-12-01")) == 600)
        #expect(StatutoryRetirement.ageInMonths(.womanFifty, born: day("1975-01-01")) == 601)
        #expect(StatutoryRetirement.ageInMonths(.womanFifty, born: day("1984-09-01")) == 659)
        #expect(StatutoryRetirement.ageInMonths(.womanFifty, born: day("1984-11-01")) == 660)
        #expect(StatutoryRetirement.ageInMonths(.womanFiftyFive, born: day("1970-01-01")) == 661)
        #expect(StatutoryRetirement.ageInMonths(.womanFiftyFive, born: day("1981-09-01")) == 696)
        // The day of the month is kept, or the month's last day.
        #expect(StatutoryRetirement.date(.womanFifty, born: day("1975-01-31")) == day("2025-02-28"))
    }

    @Test("working age: from the 16th birthday to the day before retirement")
    func workingAge() {
        let born = day("2010-12-01")
        #expect(!StatutoryRetirement.isWorkingAge(.man, born: born, on: day("2026-11-30")))
        #expect(StatutoryRetirement.isWorkingAge(.man, born: born, on: day("2026-12-01")))
        #expect(StatutoryRetirement.isWorkingAge(.man, born: day("1965-01-15"), on: day("2025-02-14")))
        #expect(!StatutoryRetirement.isWorkingAge(.man, born: day("1965-01-15"), on: day("2025-02-15")))
    }
}
