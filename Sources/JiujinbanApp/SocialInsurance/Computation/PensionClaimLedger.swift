import Foundation
import Fluent
import SQLKit
import JiujinbanRules

/// What a person's ledger says for a pension claim (items 34, 35), read from the one-query view
/// (`InsuranceLedger.view`): the enrolment in the scheme claimed, the years paid, the account balance, and the
/// pensions already drawn.
struct PensionClaimLedger: Sendable {
    let view: InsuranceLedgerView

    func enrolment(_ scheme: InsuranceScheme) -> InsuranceLedgerView.Enrolment? {
        view.enrolments.first { $0.scheme == scheme.rawValue }
    }

    /// Enrolled and not ended: an enrolment suspended for a reason other than death still counts (`PensionClaim`).
    func isEnrolled(_ scheme: InsuranceScheme) -> Bool {
        guard let enrolment = enrolment(scheme), enrolment.status != EnrolmentStatus.terminated.rawValue else { return false }
        return !(enrolment.status == EnrolmentStatus.suspended.rawValue && (enrolment.statusReason ?? "").contains("死亡"))
    }

    /// Contribution years credited: calendar years with a contribution (正常 or 补缴) whose money arrived.
    func paidYears(_ scheme: InsuranceScheme) -> Int {
        Set(view.contributions.filter { $0.scheme == scheme.rawValue && $0.arrived }.map(\.year)).count
    }

    /// The personal account: the closing balance of the latest year the ledger holds; without account years, the
    /// credits of the arrived contributions (personal part, subsidies, collective aid), without interest.
    func accountBalance(_ scheme: InsuranceScheme) -> (fen: Int, basis: String) {
        if let latest = view.accounts.filter({ $0.scheme == scheme.rawValue }).max(by: { $0.year < $1.year }) {
            return (Int(latest.closingFen), "\(latest.year)年末个人账户余额")
        }
        let credits = view.contributions.filter { $0.scheme == scheme.rawValue && $0.arrived }
            .reduce(Int64(0)) { $0 + $1.personalFen + $1.subsidyFen + $1.collectiveFen }
        return (Int(credits), "台账无个人账户年度记录，按已到账缴费及补贴合计（未计利息）")
    }

    /// Drawing the scheme's benefit now (正常, or 暂停 pending a check): a second claim is refused.
    func isDrawing(_ scheme: InsuranceScheme) -> Bool {
        view.entitlements.contains { $0.scheme == scheme.rawValue && $0.status != EntitlementStatus.terminated.rawValue }
    }

    /// Other basic pensions drawn: the employee pension's entitlement in the ledger.
    var drawsOther: Set<OtherPension> {
        isDrawing(.employeePension) ? [.employeePension] : []
    }

    func facts(_ scheme: InsuranceScheme, born: CalendarDate) -> PensionClaim.Facts {
        PensionClaim.Facts(born: born, enrolled: isEnrolled(scheme), paidYears: paidYears(scheme), drawsOther: drawsOther,
                           alreadyDrawing: isDrawing(scheme), drawsBasic: view.entitlements.contains {
                               $0.scheme == InsuranceScheme.residentBasic.rawValue && $0.status == EntitlementStatus.paying.rawValue
                           })
    }
}

/// A claim computed on the ledger and the dated figures: the refusals, or the monthly benefit with the figures read.
struct PensionClaimComputation: Sendable {
    let refusals: [String]
    let benefit: MonthlyBenefit?
    let reading: FigureReading
    let county: DivisionCode?
    let startMonth: PensionMonth

    /// The first month paid: the month after the claim (待遇自符合条件并申领的次月起发放); the figures are read on its
    /// first day, so a figure succeeded mid-year gives each claim the value of its own first month.
    static func startMonth(claimedOn: CalendarDate) -> PensionMonth { PensionMonth(containing: claimedOn).next }

    static let unnamedScheme = "参保登记未注明参加的是新农保还是城居保，无法按制度实施日期确定应缴年限，请先到县社保经办机构核实参保登记"

    var computation: CaseComputation? {
        benefit.map { CaseComputation(title: $0.scheme.chinese + "月养老金核定", benefit: $0, reading: reading) }
    }

    /// Item 34: the conditions (`PensionClaim.checkBasic`, the years counted from the start of the scheme the
    /// enrolment names) and the amount (`BasicBenefit`). When the start date is not known (a 待核实 figure without a
    /// value) and fewer than 15 years are paid, the years are checked again once it is confirmed: the reading names
    /// the figure, so approval waits for it.
    static func basic(_ ledger: PensionClaimLedger, born: CalendarDate, claimedOn: CalendarDate, book: PolicyFigureBook) -> PensionClaimComputation {
        let enrolment = ledger.enrolment(.residentBasic)
        let county = enrolment.flatMap { try? DivisionCode($0.countyCode) }
        let start = startMonth(claimedOn: claimedOn)
        var reading = FigureReading(book: book, on: start.firstDay, county: county)
        let facts = ledger.facts(.residentBasic, born: born)
        // Fewer than 15 years paid: the requirement depends on the scheme's start, read as a figure.
        var schemeStart: CalendarDate?
        if facts.paidYears < PensionScheme.fullContributionYears, facts.enrolled {
            // The enrolment must name its scheme (新农保 or 城居保): the start date is never guessed.
            guard let kind = enrolment?.startKind.flatMap(SchemeStartKind.init(rawValue:)) else {
                return PensionClaimComputation(refusals: [Self.unnamedScheme], benefit: nil, reading: reading, county: county, startMonth: start)
            }
            schemeStart = BenefitFigures.schemeStart(kind, &reading)
        }
        // Unknown start: the most any start can require (15) is not applied; only the other conditions are checked now.
        let refusals = PensionClaim.checkBasic(facts, schemeStart: schemeStart ?? PensionAge.birthday(PensionScheme.residentBasic.drawingAge, born: born),
                                               on: claimedOn).map(\.message)
        guard refusals.isEmpty else { return PensionClaimComputation(refusals: refusals, benefit: nil, reading: reading, county: county, startMonth: start) }
        let figures = BenefitFigures.basic(&reading)
        let balance = ledger.accountBalance(.residentBasic)
        switch BasicBenefit.monthly(figures, contributionYears: facts.paidYears, accountBalanceFen: balance.fen) {
        case .success(let benefit):
            return PensionClaimComputation(refusals: [], benefit: benefit.annotated(balance.basis), reading: reading, county: county, startMonth: start)
        case .failure(let problems):
            return PensionClaimComputation(refusals: problems.messages, benefit: nil, reading: reading, county: county, startMonth: start)
        }
    }

    /// Item 35: 65 or older, 15 years in the supplementary scheme, drawing the basic pension
    /// (`PensionClaim.checkSupplementary`); account ÷ 120 + 出口补 by age (`SupplementaryBenefit`).
    static func supplementary(_ ledger: PensionClaimLedger, born: CalendarDate, claimedOn: CalendarDate, book: PolicyFigureBook)
        -> PensionClaimComputation {
        let county = ledger.enrolment(.residentSupplementary).flatMap { try? DivisionCode($0.countyCode) }
        let start = startMonth(claimedOn: claimedOn)
        var reading = FigureReading(book: book, on: start.firstDay, county: county)
        let refusals = PensionClaim.checkSupplementary(ledger.facts(.residentSupplementary, born: born), on: claimedOn).map(\.message)
        guard refusals.isEmpty else { return PensionClaimComputation(refusals: refusals, benefit: nil, reading: reading, county: county, startMonth: start) }
        let figures = BenefitFigures.supplementary(&reading, band: SupplementaryBenefit.band(born: born, month: start))
        let balance = ledger.accountBalance(.residentSupplementary)
        switch SupplementaryBenefit.monthly(figures, accountBalanceFen: balance.fen, born: born, month: start) {
        case .success(let benefit):
            return PensionClaimComputation(refusals: [], benefit: benefit.annotated(balance.basis), reading: reading, county: county, startMonth: start)
        case .failure(let problems):
            return PensionClaimComputation(refusals: problems.messages, benefit: nil, reading: reading, county: county, startMonth: start)
        }
    }
}

extension MonthlyBenefit {
    /// The account part's basis with where the balance came from (a year's closing balance, or the credits summed).
    func annotated(_ balanceBasis: String) -> MonthlyBenefit {
        MonthlyBenefit(scheme: scheme, parts: parts.map { part in
            guard part.name == BasicBenefit.accountPension || part.name == SupplementaryBenefit.accountPension else { return part }
            return MonthlyBenefit.Part(name: part.name, amountFen: part.amountFen, basis: part.basis + "（\(balanceBasis)）", parts: part.parts)
        })
    }
}

extension PensionClaimLedger {
    /// The parts of a person's ledger a claim reads (enrolments, contributions, account years, entitlements), without
    /// the payments and their sealed bank accounts, so the item's checks need no key.
    static func load(citizen: UUID, on db: any Database) async throws -> PensionClaimLedger {
        let sql = db as! any SQLDatabase
        var view = InsuranceLedgerView()
        for row in try await sql.raw("""
            SELECT scheme, county_code, start_kind, grade_yuan, enrolled_on, status, status_date, status_reason
            FROM insurance_enrolments WHERE citizen_id = \(bind: citizen)
            """).all() {
            view.enrolments.append(.init(
                scheme: try row.decode(column: "scheme", as: String.self), countyCode: try row.decode(column: "county_code", as: String.self),
                startKind: try row.decode(column: "start_kind", as: String?.self), gradeYuan: try row.decode(column: "grade_yuan", as: Int64?.self),
                enrolledOn: try row.decode(column: "enrolled_on", as: String.self), status: try row.decode(column: "status", as: String.self),
                statusDate: try row.decode(column: "status_date", as: String.self),
                statusReason: try row.decode(column: "status_reason", as: String?.self), history: []))
        }
        for row in try await sql.raw("""
            SELECT scheme, year, kind, grade_yuan, personal_fen, subsidy_fen, collective_fen, arrived, arrived_on
            FROM insurance_contributions WHERE citizen_id = \(bind: citizen)
            """).all() {
            view.contributions.append(.init(
                scheme: try row.decode(column: "scheme", as: String.self), year: try row.decode(column: "year", as: Int64.self),
                kind: try row.decode(column: "kind", as: String.self), gradeYuan: try row.decode(column: "grade_yuan", as: Int64?.self),
                personalFen: try row.decode(column: "personal_fen", as: Int64.self), subsidyFen: try row.decode(column: "subsidy_fen", as: Int64.self),
                collectiveFen: try row.decode(column: "collective_fen", as: Int64.self), arrived: try row.decode(column: "arrived", as: Int64.self) == 1,
                arrivedOn: try row.decode(column: "arrived_on", as: String?.self)))
        }
        for row in try await sql.raw("""
            SELECT scheme, year, opening_fen, credited_fen, interest_fen, closing_fen FROM insurance_accounts WHERE citizen_id = \(bind: citizen)
            """).all() {
            view.accounts.append(.init(
                scheme: try row.decode(column: "scheme", as: String.self), year: try row.decode(column: "year", as: Int64.self),
                openingFen: try row.decode(column: "opening_fen", as: Int64.self), creditedFen: try row.decode(column: "credited_fen", as: Int64.self),
                interestFen: try row.decode(column: "interest_fen", as: Int64.self), closingFen: try row.decode(column: "closing_fen", as: Int64.self)))
        }
        for row in try await sql.raw("""
            SELECT scheme, county_code, start_month, monthly_fen, status, status_date, status_reason
            FROM insurance_entitlements WHERE citizen_id = \(bind: citizen)
            """).all() {
            view.entitlements.append(.init(
                scheme: try row.decode(column: "scheme", as: String.self), countyCode: try row.decode(column: "county_code", as: String.self),
                startMonth: try row.decode(column: "start_month", as: String.self), monthlyFen: try row.decode(column: "monthly_fen", as: Int64.self),
                basicCentralFen: 0, basicProvincialFen: 0, basicCountyFen: 0, basicExtraFen: 0, accountFen: 0, exitSubsidyFen: 0, figureIDs: [],
                status: try row.decode(column: "status", as: String.self), statusDate: try row.decode(column: "status_date", as: String.self),
                statusReason: try row.decode(column: "status_reason", as: String?.self), history: []))
        }
        return PensionClaimLedger(view: view)
    }
}
