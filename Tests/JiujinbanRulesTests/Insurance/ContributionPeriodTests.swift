import JiujinbanRules
import Testing

@Suite("应缴费年限 (国发〔2014〕8号) counted from the scheme's start, and the basic claim (item 34)")
struct ContributionPeriodTests {
    /// 城居保's start in the examples (the county's real date is a figure, 待核实).
    let start = ymd("2011-07-01")

    func required(_ born: String, start: CalendarDate? = nil, scheme: PensionScheme = .residentBasic) -> Int {
        ContributionPeriod(scheme: scheme, born: ymd(born), schemeStart: start ?? self.start).requiredYears
    }

    @Test("60 on the start day owes nothing; turning 60 the day after owes 1 year, the start's")
    func aroundSixty() {
        // Born 1951-07-01: 60 on 2011-07-01, the start day → already 60 → 0.
        #expect(required("1951-07-01") == 0)
        // Born 1951-07-02: 59 on the start day, 1 day short of 60 → the years to 60 rounded up: 1 → 2011 only.
        let dayAfter = ContributionPeriod(scheme: .residentBasic, born: ymd("1951-07-02"), schemeStart: start)
        #expect(dayAfter.requiredYears == 1 && dayAfter.owedYears == 2011...2011 && dayAfter.isNearDrawingAgeAtStart)
        // Born 1955-09-01: 55 at the start, 4 years 2 months to 60 → 5 years, 2011–2015.
        #expect(ContributionPeriod(scheme: .residentBasic, born: ymd("1955-09-01"), schemeStart: start).owedYears == 2011...2015)
        // Born 1955-03-01: 56 at the start, 3 years 8 months to 60 → 4 years, 2011–2014.
        #expect(ContributionPeriod(scheme: .residentBasic, born: ymd("1955-03-01"), schemeStart: start).owedYears == 2011...2014)
    }

    @Test("exactly 15 years to 60 at the start is not 'fewer than 15'; a day less is, and still owes 15")
    func aroundFifteen() {
        // Born 1966-07-01: 45 on the start day, exactly 15 years to 60 → the general rule, 15, not near-age.
        let exactly = ContributionPeriod(scheme: .residentBasic, born: ymd("1966-07-01"), schemeStart: start)
        #expect(exactly.requiredYears == 15 && !exactly.isNearDrawingAgeAtStart)
        // Born 1966-07-02: 44, 15 years and a day → 15, not near-age.
        #expect(required("1966-07-02") == 15)
        // Born 1966-06-30: 45 and a day, 14 years 364 days → near-age, every year from 2011: 15 years, 2011–2025.
        let dayLess = ContributionPeriod(scheme: .residentBasic, born: ymd("1966-06-30"), schemeStart: start)
        #expect(dayLess.isNearDrawingAgeAtStart && dayLess.requiredYears == 15 && dayLess.owedYears == 2011...2025)
        // Born 1990-01-01: 21 at the start → 15.
        #expect(required("1990-01-01") == 15)
    }

    @Test("born on 29 February: 60 on 29 February in a leap year, 65 on 1 March in a common one")
    func leapDay() {
        // 2012 is a leap year: 60 on 2012-02-29.
        #expect(required("1952-02-29", start: ymd("2012-02-29")) == 0)
        #expect(required("1952-02-29", start: ymd("2012-02-28")) == 1)
        // 2021 is common: 65 on 2021-03-01 (as ResidentIDNumber.ageInYears counts).
        #expect(required("1956-02-29", start: ymd("2021-03-01"), scheme: .residentSupplementary) == 0)
        #expect(required("1956-02-29", start: ymd("2021-02-28"), scheme: .residentSupplementary) == 1)
        #expect(PensionAge.birthday(65, born: ymd("1956-02-29")) == ymd("2021-03-01"))
        #expect(PensionAge.birthday(60, born: ymd("1952-02-29")) == ymd("2012-02-29"))
    }

    @Test("supplementary scheme from 2021-01-01: years to 65, not to 60")
    func supplementary() {
        // Born 1960-06-01: 60 at 2021-01-01, 4 years 5 months to 65 → 5 years, 2021–2025.
        let period = ContributionPeriod(scheme: .residentSupplementary, born: ymd("1960-06-01"), schemeStart: ymd("2021-01-01"))
        #expect(period.requiredYears == 5 && period.owedYears == 2021...2025)
    }

    @Test("the claim: 60 on the birthday, 15 years for someone 44 at the start (a 47-year-old owes 13), and how many years are missing")
    func basicClaim() {
        // Born 1967-05-10: 44 at the start, 15 years and 10 months to 60 → 15 years.
        var facts = PensionClaim.Facts(born: ymd("1967-05-10"), paidYears: 15)
        #expect(PensionClaim.checkBasic(facts, schemeStart: start, on: ymd("2027-05-09"))
                == [.underDrawingAge(.residentBasic, reachesOn: ymd("2027-05-10"))])
        #expect(PensionClaim.checkBasic(facts, schemeStart: start, on: ymd("2027-05-10")).isEmpty)
        facts.paidYears = 12
        let short = PensionClaim.checkBasic(facts, schemeStart: start, on: ymd("2027-05-10"))
        #expect(short == [.yearsShort(.residentBasic, required: 15, paid: 12)])
        #expect(short.first?.message == "基本险累计缴费年限不足：应缴15年，已缴12年，还差3年，可先办理补缴")
        // Born 1964-05-10: 47 at the start, 12 years 10 months to 60 → every year from 2011: 13; 12 paid → 1 missing.
        let nearAge = PensionClaim.Facts(born: ymd("1964-05-10"), paidYears: 12)
        #expect(PensionClaim.checkBasic(nearAge, schemeStart: start, on: ymd("2024-05-10")) == [.yearsShort(.residentBasic, required: 13, paid: 12)])
    }

    @Test("near-age claims need only the years since the start; other pensions and a second claim are refused")
    func nearAgeClaim() {
        // Born 1955-03-01: 56 at the start → 4 years (2011–2014); 60 on 2015-03-01.
        var facts = PensionClaim.Facts(born: ymd("1955-03-01"), paidYears: 4)
        #expect(PensionClaim.checkBasic(facts, schemeStart: start, on: ymd("2015-03-01")).isEmpty)
        facts.paidYears = 3
        facts.drawsOther = [.employeePension]
        facts.alreadyDrawing = true
        facts.enrolled = false
        #expect(PensionClaim.checkBasic(facts, schemeStart: start, on: ymd("2015-03-01"))
                == [.notEnrolledInBasic, .drawsOtherPension(.employeePension), .alreadyDrawing(.residentBasic),
                    .yearsShort(.residentBasic, required: 4, paid: 3)])
        // Already 60 at the start: no year needed.
        #expect(PensionClaim.checkBasic(.init(born: ymd("1950-01-01"), paidYears: 0), schemeStart: start, on: ymd("2011-07-01")).isEmpty)
    }

    @Test("the supplementary claim: 65, 15 years, and only once the basic pension is drawn")
    func supplementaryClaim() {
        var facts = PensionClaim.Facts(born: ymd("1960-06-01"), paidYears: 10, drawsBasic: false)
        let refusals = PensionClaim.checkSupplementary(facts, on: ymd("2025-05-31"))
        #expect(refusals == [.underDrawingAge(.residentSupplementary, reachesOn: ymd("2025-06-01")), .notDrawingBasic,
                             .yearsShort(.residentSupplementary, required: 15, paid: 10)])
        #expect(refusals[1].message == "尚未领取城乡居民基本养老保险待遇，须先申领基本养老保险待遇，再申领补充养老保险待遇")
        facts.drawsBasic = true
        facts.paidYears = 15
        #expect(PensionClaim.checkSupplementary(facts, on: ymd("2025-06-01")).isEmpty)
    }
}
