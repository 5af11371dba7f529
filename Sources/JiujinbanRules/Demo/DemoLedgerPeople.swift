/// Ruicheng's demonstration people for the resident pension items (28–37), with ledgers that let each item be tried,
/// their ages counted back from the day the demonstration data is loaded so they stay true:
/// a 16-year-old not enrolled (28); an enrolled 45-year-old (29, 30, 31, 33); a 60-year-old with 15 years (34);
/// a 66-year-old drawing the basic pension, paying the supplementary scheme since 2021 and topped up to 15 years (35); a 70-year-old
/// whose last payment failed (36, 37); a 52-year-old with missing years (32).
public enum DemoLedgerPeople {
    public static let village = "140830100204"
    public static let county = "140830000000"

    /// The 16-year-old: a person with no ledger, registered as a citizen only.
    public static func teenager(today: CalendarDate) -> SyntheticLedger.Person {
        person("郭小雨", female: true, born: birth(today, years: 16, daysEarlier: 45), serial: 12)
    }

    /// Everyone else, and their ledger rows.
    public static func ledger(today: CalendarDate) -> (people: [SyntheticLedger.Person], rows: SyntheticLedger.Rows) {
        var rows = SyntheticLedger.Rows()
        let lastYear = today.year - 1
        let enrolled = person("王建军", female: false, born: birth(today, years: 45, daysEarlier: 100), serial: 13)
        enrol(enrolled, .residentBasic, on: "2012-03-15", grade: 500, status: .contributing, statusOn: "2012-03-15", reason: "", rows: &rows)
        contribute(enrolled, .residentBasic, years: Array(2012...lastYear), grade: 500, subsidy: 60, rows: &rows)

        let sixty = person("李秀兰", female: true, born: birth(today, years: 60, daysEarlier: 20), serial: 14)
        enrol(sixty, .residentBasic, on: "\(lastYear - 14)-03-01", grade: 300, status: .contributing, statusOn: "\(lastYear - 14)-03-01", reason: "",
              rows: &rows)
        contribute(sixty, .residentBasic, years: Array((lastYear - 14)...lastYear), grade: 300, subsidy: 40, rows: &rows)

        let supplementary = person("薛玉梅", female: true, born: birth(today, years: 66, daysEarlier: 60), serial: 15)
        let basicStart = SyntheticLedger.drawingStart(supplementary)
        enrol(supplementary, .residentBasic, on: "2010-04-01", grade: 200, status: .terminated, statusOn: basicStart.firstDay.iso,
              reason: "按月领取养老保险待遇", rows: &rows)
        contribute(supplementary, .residentBasic, years: Array(2010..<basicStart.year), grade: 200, subsidy: 35, rows: &rows)
        entitle(supplementary, from: basicStart, monthlyFen: 17_500, accountFen: 3_200, rows: &rows)
        pay(supplementary, from: basicStart, today: today, monthlyFen: 17_500, account: "6217990100012345678", failedLast: false, rows: &rows)
        enrol(supplementary, .residentSupplementary, on: "2021-01-01", grade: 1000, status: .contributing, statusOn: "2021-01-01", reason: "",
              rows: &rows)
        contribute(supplementary, .residentSupplementary, years: Array(2021...lastYear), grade: 1000, subsidy: 200, rows: &rows)
        // About 60 when the supplementary scheme began, she topped up to 15 years (item 32, ③): the years just before
        // 2021, back-paid in 2021 at a grade then in force, without subsidy.
        let topUp = max(0, 15 - (lastYear - 2020))
        backPay(supplementary, .residentSupplementary, years: Array((2021 - topUp)..<2021), grade: 1000, paidOn: "2021-06-30", rows: &rows)

        let failed = person("张桂英", female: true, born: birth(today, years: 70, daysEarlier: 150), serial: 16)
        let failedStart = SyntheticLedger.drawingStart(failed)
        enrol(failed, .residentBasic, on: "2010-05-10", grade: 200, status: .terminated, statusOn: failedStart.firstDay.iso,
              reason: "按月领取养老保险待遇", rows: &rows)
        contribute(failed, .residentBasic, years: Array(2010..<min(failedStart.year, 2025)), grade: 200, subsidy: 35, rows: &rows)
        entitle(failed, from: failedStart, monthlyFen: 16_800, accountFen: 2_500, rows: &rows)
        pay(failed, from: failedStart, today: today, monthlyFen: 16_800, account: "6228480402564890123", failedLast: true, rows: &rows)

        let gaps = person("赵志强", female: false, born: birth(today, years: 52, daysEarlier: 200), serial: 17)
        enrol(gaps, .residentBasic, on: "2012-06-01", grade: 300, status: .contributing, statusOn: "2012-06-01", reason: "", rows: &rows)
        contribute(gaps, .residentBasic, years: Array(2012...lastYear).filter { ![2015, 2016, 2019].contains($0) }, grade: 300, subsidy: 40,
                   rows: &rows)
        return ([enrolled, sixty, supplementary, failed, gaps], rows)
    }

    static func birth(_ today: CalendarDate, years: Int, daysEarlier: Int) -> CalendarDate {
        let sameDay = CalendarDate(year: today.year - years, month: today.month, day: min(today.day, 28))!
        return CalendarDate(dayNumber: sameDay.dayNumber - daysEarlier)
    }

    static func person(_ name: String, female: Bool, born: CalendarDate, serial: Int) -> SyntheticLedger.Person {
        let region = born.year < 1980 ? "142723" : "140830"
        let sequence = serial * 2 + (female ? 0 : 1)
        let body = region + born.compact + String(sequence + 1000).dropFirst()
        let id = body + String(ResidentIDNumber.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
        return SyntheticLedger.Person(idNumber: id, name: name, hukou: village, birthDate: born)
    }

    static func prefix(_ person: SyntheticLedger.Person, _ scheme: InsuranceScheme) -> [String] {
        [ExchangeFormat.version, person.idNumber, person.name, person.hukou, scheme.rawValue]
    }

    static func enrol(_ person: SyntheticLedger.Person, _ scheme: InsuranceScheme, on date: String, grade: Int, status: EnrolmentStatus,
                      statusOn: String, reason: String, rows: inout SyntheticLedger.Rows) {
        rows.enrolments.append(prefix(person, scheme) + [county, scheme == .residentBasic ? SchemeStartKind.newRural.rawValue : "", String(grade),
                                                         date, status.rawValue, statusOn, reason])
    }

    static func contribute(_ person: SyntheticLedger.Person, _ scheme: InsuranceScheme, years: [Int], grade: Int, subsidy: Int,
                           rows: inout SyntheticLedger.Rows) {
        for year in years {
            rows.contributions.append(prefix(person, scheme) + [String(year), ContributionKind.regular.rawValue, String(grade), String(grade),
                                                                String(subsidy), "0", "是", "\(year)-06-30"])
        }
    }

    static func backPay(_ person: SyntheticLedger.Person, _ scheme: InsuranceScheme, years: [Int], grade: Int, paidOn: String,
                        rows: inout SyntheticLedger.Rows) {
        for year in years {
            rows.contributions.append(prefix(person, scheme) + [String(year), ContributionKind.backPayment.rawValue, String(grade), String(grade),
                                                                "0", "0", "是", paidOn])
        }
    }

    static func entitle(_ person: SyntheticLedger.Person, from start: PensionMonth, monthlyFen: Int, accountFen: Int,
                        rows: inout SyntheticLedger.Rows) {
        rows.entitlements.append(prefix(person, .residentBasic) + [county, start.description, Money.yuanText(Int64(monthlyFen)),
                                                                   Money.yuanText(Int64(monthlyFen - accountFen)), Money.yuanText(Int64(accountFen)),
                                                                   EntitlementStatus.paying.rawValue, start.firstDay.iso, ""])
    }

    /// The last 24 months' payments (fewer when drawing began later), the last one failed when asked.
    static func pay(_ person: SyntheticLedger.Person, from start: PensionMonth, today: CalendarDate, monthlyFen: Int, account: String,
                    failedLast: Bool, rows: inout SyntheticLedger.Rows) {
        let current = PensionMonth(containing: today)
        let months = max(start, current.adding(months: -24)).months(until: current)
        for month in months {
            let failed = failedLast && month == months.last
            rows.payments.append(prefix(person, .residentBasic) + [county, month.description, Money.yuanText(Int64(monthlyFen)),
                                                                   "山西芮城农村商业银行", account,
                                                                   failed ? PaymentResult.failed.rawValue : PaymentResult.succeeded.rawValue,
                                                                   failed ? "账户已冻结" : ""])
        }
    }
}
