import JiujinbanRules
import Testing

@Suite("补缴 (item 32): the years each situation allows, and a request checked year by year")
struct BackPaymentTests {
    let today = ymd("2026-12-07")
    let start = ymd("2011-07-01")

    func basic(born: String, enrolled: String?, paid: Set<Int>) -> BackPayment.Person {
        BackPayment.Person(scheme: .residentBasic, born: ymd(born), schemeStart: start, enrolledOn: enrolled.map(ymd), paidYears: paid)
    }

    func years(_ requested: [Int], grade: Int) -> [BackPayment.RequestedYear] {
        requested.map { BackPayment.RequestedYear(year: $0, gradeFen: grade) }
    }

    @Test("① near 60 at the start: 55 then, owes 2011–2015; enrolled 2013 and paid 2013–14 → ① 2011, 2012, 2015; ② 2015")
    func nearAge() throws {
        let person = basic(born: "1955-09-01", enrolled: "2013-03-01", paid: [2013, 2014])
        let windows = BackPayment.windows(person, today: today)
        #expect(windows.map(\.situation) == [.nearDrawingAgeAtStart, .gapAfterEnrolment])
        #expect(windows.map(\.years) == [[2011, 2012, 2015], [2015]] && windows.allSatisfy(\.subsidised))
        // Charged at the 500 元 grade in force on the day of payment, with its 60 元 subsidy.
        let lines = try BackPayment.check(person, requested: years([2015, 2011, 2012], grade: 50_000), grades: basicGrades,
                                          paymentDate: today).get()
        #expect(lines.map(\.year) == [2011, 2012, 2015] && lines.allSatisfy { $0.situation == .nearDrawingAgeAtStart })
        #expect(lines.allSatisfy { $0.amountFen == 50_000 && $0.subsidyFen == 6_000 })
        // ③'s years (2001–2010, the 10 that top 5 up to 15) wait until 2011, 2012 and 2015 are paid.
        let early = BackPayment.check(person, requested: years([2005], grade: 20_000), grades: basicGrades, paymentDate: today).refusals
        #expect(early == [.topUpBeforeYearlyPayment(year: 2005, unpaid: 2011)])
        #expect(early?.first?.message == "2005年度属于补足15年的补缴，须先逐年缴清制度实施以来的年度（2011年度未缴）")
    }

    @Test("③ every year since paid: the 10 years before 2011 top 5 up to 15, without subsidy; not 2000, not beyond 15")
    func topUp() throws {
        let person = basic(born: "1955-09-01", enrolled: "2011-08-01", paid: Set(2011...2015))
        let windows = BackPayment.windows(person, today: today)
        #expect(windows.map(\.situation) == [.nearDrawingAgeAtStart, .gapAfterEnrolment, .topUpToFifteen])
        #expect(windows.last?.years == Array(2001...2010) && windows.last?.subsidised == false)
        let lines = try BackPayment.check(person, requested: years([2010, 2009], grade: 20_000), grades: basicGrades, paymentDate: today).get()
        #expect(lines.map(\.year) == [2009, 2010])
        #expect(lines.map(\.situation) == [.topUpToFifteen, .topUpToFifteen] && lines.map(\.subsidyFen) == [0, 0])
        #expect(lines.map(\.amountFen) == [20_000, 20_000])
        let outside = BackPayment.check(person, requested: years([2000], grade: 20_000), grades: basicGrades, paymentDate: today).refusals
        #expect(outside == [.backPaymentYearNotAllowed(2000, allowed: Array(2001...2010))])
        // A ledger holding an extra year (1995, imported): 6 paid + 10 asked = 16 > 15.
        var imported = person
        imported.paidYears.insert(1995)
        #expect(BackPayment.check(imported, requested: years(Array(2001...2010), grade: 20_000), grades: basicGrades, paymentDate: today).refusals
                == [.backPaymentBeyondFifteen(paid: 6, requested: 10)])
        #expect(BackPayment.check(person, requested: years(Array(2001...2010), grade: 20_000), grades: basicGrades, paymentDate: today).value?.count == 10)
    }

    @Test("already 60 at the start: nothing owed, ③ allows the 15 years before the start")
    func alreadyOfAge() {
        let windows = BackPayment.windows(basic(born: "1950-01-01", enrolled: "2011-08-01", paid: []), today: today)
        #expect(windows.map(\.situation) == [.nearDrawingAgeAtStart, .topUpToFifteen])
        #expect(windows.map(\.years) == [[], Array(1996...2010)])
    }

    @Test("② a gap after enrolment: 2017 and 2018 only; every other year refused with its reason")
    func gap() {
        // Born 1980-05-01: 31 at the start; enrolled 2015, paid 2015–16 and 2019–25.
        let person = basic(born: "1980-05-01", enrolled: "2015-04-01", paid: Set([2015, 2016] + Array(2019...2025)))
        let windows = BackPayment.windows(person, today: today)
        #expect(windows.map(\.situation) == [.gapAfterEnrolment] && windows[0].years == [2017, 2018])
        let requested = years([2017], grade: 20_000) + years([2018], grade: 30_000) + years([2017, 2026, 2027, 1899, 2016, 2014], grade: 20_000)
        let refusals = BackPayment.check(person, requested: requested, grades: basicGrades, paymentDate: today).refusals
        #expect(refusals == [
            .gradeNotInForce(amountFen: 30_000, on: today, inForce: [20_000, 50_000, 70_000, 100_000, 150_000, 200_000]),
            .duplicateYear(field: "补缴年度", year: 2017),
            .backPaymentCurrentYear(2026),
            .yearInFuture(field: "补缴年度", year: 2027, today: today),
            .yearBefore1900(field: "补缴年度", year: 1899),
            .backPaymentAlreadyPaid(2016),
            .backPaymentYearNotAllowed(2014, allowed: [2017, 2018]),
        ])
        #expect(refusals?.map(\.message)[2...] == ["2026年度为当年，请按正常缴费办理，不能补缴", "补缴年度：2027年晚于今天（2026-12-07），请核实",
                                                  "补缴年度：1899年早于1900年，请核实", "2016年度已缴费，不能重复补缴",
                                                  "2014年度不在可补缴年度内（可补缴：2017、2018）"])
        let ok = BackPayment.check(person, requested: years([2018, 2017], grade: 20_000), grades: basicGrades, paymentDate: today).value
        #expect(ok?.map(\.year) == [2017, 2018] && ok?.map(\.subsidyFen) == [3_500, 3_500])
    }

    @Test("not enrolled, or nothing asked: refused")
    func nothing() {
        let person = basic(born: "1980-05-01", enrolled: nil, paid: [])
        #expect(BackPayment.windows(person, today: today).isEmpty)
        #expect(BackPayment.check(person, requested: years([2020], grade: 20_000), grades: basicGrades, paymentDate: today).refusals
                == [.notEnrolledInBasic])
        let enrolled = basic(born: "1980-05-01", enrolled: "2015-04-01", paid: [])
        #expect(BackPayment.check(enrolled, requested: [], grades: basicGrades, paymentDate: today).refusals == [.noBackPaymentYearsRequested])
    }

    @Test("supplementary from 2021: 63 then, owes 2021–22; no subsidy on any back payment; then 13 years of top-up")
    func supplementary() throws {
        var person = BackPayment.Person(scheme: .residentSupplementary, born: ymd("1957-06-01"), schemeStart: ymd("2021-01-01"),
                                        enrolledOn: ymd("2021-03-01"), paidYears: [2021])
        #expect(BackPayment.windows(person, today: today).map(\.years) == [[2022], [2022]])
        let lines = try BackPayment.check(person, requested: years([2022], grade: 50_000), grades: supplementaryGrades, paymentDate: today).get()
        #expect(lines.map(\.subsidyFen) == [0] && lines.map(\.situation) == [.nearDrawingAgeAtStart])
        person.paidYears = [2021, 2022]
        let topUp = BackPayment.windows(person, today: today).last
        #expect(topUp?.situation == .topUpToFifteen && topUp?.years == Array(2008...2020) && topUp?.subsidised == false)
    }

    @Test("start unknown: what needs no start is checked (repeat, paid, this year, grade); the rest charged unplaced, no subsidy")
    func awaitingStart() throws {
        let lines = try BackPayment.checkAwaitingStart(paidYears: [2013], requested: years([2012, 2009], grade: 50_000), grades: basicGrades,
                                                       paymentDate: today).get()
        #expect(lines.map(\.year) == [2009, 2012] && lines.map(\.amountFen) == [50_000, 50_000])
        #expect(lines.map(\.situation) == [nil, nil] && lines.map(\.subsidyFen) == [0, 0])
        let refusals = BackPayment.checkAwaitingStart(paidYears: [2013], requested: years([2013, 2026, 2012, 2012], grade: 50_000) + years([2011], grade: 60_000),
                                                      grades: basicGrades, paymentDate: today).refusals
        #expect(refusals?.count == 4)
        #expect(refusals?.prefix(3).map(\.message) == ["2013年度已缴费，不能重复补缴", "2026年度为当年，请按正常缴费办理，不能补缴",
                                                       PensionRefusal.duplicateYear(field: "补缴年度", year: 2012).message])
        #expect(BackPayment.checkAwaitingStart(paidYears: [], requested: [], grades: basicGrades, paymentDate: today).refusals
                == [.noBackPaymentYearsRequested])
    }
}
