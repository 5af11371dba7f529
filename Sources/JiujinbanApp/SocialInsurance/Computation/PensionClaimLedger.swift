import Foundation
import Fluent
import JiujinbanRules

/// What a person's ledger says for a pension claim (items 34, 35), read from the one-query view
/// (`InsuranceLedger.view`): the enrolment in the scheme claimed, the years paid, the account balance, and the
/// pensions already drawn.
struct PensionClaimLedger: Sendable {
    let view: InsuranceLedgerView

    func enrolment(_ scheme: InsuranceScheme) -> InsuranceLedgerView.Enrolment? {
        view.enrolment(scheme)
    }

    /// Enrolled and not ended: an enrolment suspended for a reason other than death still counts (`PensionClaim`).
    func isEnrolled(_ scheme: InsuranceScheme) -> Bool {
        guard let enrolment = enrolment(scheme), enrolment.status != .terminated else { return false }
        return !(enrolment.status == .suspended && (enrolment.statusReason ?? "").contains("死亡"))
    }

    /// Contribution years credited: calendar years with a contribution (正常 or 补缴) whose money arrived.
    func paidYears(_ scheme: InsuranceScheme) -> Int {
        Set(view.contributions.filter { $0.scheme == scheme && $0.arrived }.map(\.year)).count
    }

    /// The personal account on `claimedOn`: the latest year the ledger closed, brought forward through the last
    /// complete year at each year's 记账利率 (read into `reading`, so approval waits for a rate still 待核实), plus
    /// what arrived this year, without interest (`AccountRollForward`). Returns the balance and the statement's
    /// lines for the case page.
    func account(_ scheme: InsuranceScheme, claimedOn: CalendarDate, reading: inout FigureReading) -> (fen: Int, basis: String, notes: [String]) {
        let years = view.accounts.filter { $0.scheme == scheme }
        let closed = years.max { $0.year < $1.year }.map { latest in
            AccountRollForward.Closed(year: latest.year, closingFen: Int(latest.closingFen),
                                      creditedByYear: Dictionary(years.map { ($0.year, Int($0.creditedFen)) }, uniquingKeysWith: +))
        }
        var credits: [Int: Int] = [:]
        for contribution in view.contributions where contribution.scheme == scheme && contribution.arrived {
            credits[contribution.arrivedOn?.year ?? contribution.year, default: 0] += Int(contribution.personalFen + contribution.subsidyFen + contribution.collectiveFen)
        }
        let result = AccountRollForward.balance(closed: closed, creditsByYear: credits, throughYear: claimedOn.year - 1) { year in
            reading.yearlyRate(.personalAccountInterest, year: year) ?? 0
        }
        return (result.balanceFen, Self.basis(result), Self.notes(result))
    }

    static func basis(_ result: AccountRollForward.Result) -> String {
        let start = result.from.map { "\($0.year)年末个人账户余额（台账年度记录）" } ?? "台账无个人账户年度记录，自首笔到账缴费起"
        let rolled = result.lines.last.map { "按各年记账利率结息至\($0.year)年末" }
        let later = result.laterCredits.isEmpty ? nil : "加\(result.laterCredits.map { "\($0.year)" }.joined(separator: "、"))年到账缴费（当年不计息）"
        return ([start] + [rolled, later].compactMap { $0 }).joined(separator: "，")
    }

    /// The statement as the case page lists it: where it started, each year brought forward, the later credits.
    static func notes(_ result: AccountRollForward.Result) -> [String] {
        var notes: [String] = []
        if let from = result.from { notes.append("个人账户：\(from.year)年末余额\(Fen.yuan(from.closingFen))（台账年度记录）") }
        if let from = result.from, result.lateFen > 0 {
            notes.append("个人账户：结息后才记为到账的以前年度缴费\(Fen.yuan(result.lateFen))，记入\(from.year + 1)年")
        }
        for line in result.lines {
            notes.append("个人账户\(line.year)年：年初\(Fen.yuan(line.openingFen))，利息\(Fen.yuan(line.interestFen))，"
                         + "当年到账\(Fen.yuan(line.creditsFen))，年末\(Fen.yuan(line.closingFen))")
        }
        for credit in result.laterCredits {
            notes.append("个人账户\(credit.year)年已到账\(Fen.yuan(credit.fen))（当年利息于年末结息时记入，本次不计）")
        }
        notes.append("个人账户储存额合计\(Fen.yuan(result.balanceFen))")
        return notes
    }

    /// Drawing the scheme's benefit now (正常, or 暂停 pending a check): a second claim is refused.
    func isDrawing(_ scheme: InsuranceScheme) -> Bool {
        view.entitlements.contains { $0.scheme == scheme && $0.status != .terminated }
    }

    /// Other basic pensions drawn: the employee pension's entitlement in the ledger.
    var drawsOther: Set<OtherPension> {
        isDrawing(.employeePension) ? [.employeePension] : []
    }

    func facts(_ scheme: InsuranceScheme, born: CalendarDate) -> PensionClaim.Facts {
        PensionClaim.Facts(born: born, enrolled: isEnrolled(scheme), paidYears: paidYears(scheme), drawsOther: drawsOther,
                           alreadyDrawing: isDrawing(scheme), drawsBasic: view.entitlements.contains {
                               $0.scheme == .residentBasic && $0.status == .paying
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
    /// The personal account's statement (`PensionClaimLedger.notes`), said beside the amounts.
    var accountNotes: [String] = []

    /// The first month paid: the month after the claim (待遇自符合条件并申领的次月起发放); the figures are read on its
    /// first day, so a figure succeeded mid-year gives each claim the value of its own first month.
    static func startMonth(claimedOn: CalendarDate) -> PensionMonth { PensionMonth(containing: claimedOn).next }

    static let unnamedScheme = "参保登记未注明参加的是新农保还是城居保，无法按制度实施日期确定应缴年限，请先到县社保经办机构核实参保登记"

    var computation: CaseComputation? {
        benefit.map {
            var computation = CaseComputation(title: $0.scheme.chinese + "月养老金核定", benefit: $0, reading: reading)
            computation.notes = accountNotes
            return computation
        }
    }

    /// Item 34: the conditions (`PensionClaim.checkBasic`, the years counted from the start of the scheme the
    /// enrolment names) and the amount (`BasicBenefit`). When the start date is not known (a 待核实 figure without a
    /// value) and fewer than 15 years are paid, the years are checked again once it is confirmed: the reading names
    /// the figure, so approval waits for it.
    static func basic(_ ledger: PensionClaimLedger, born: CalendarDate, claimedOn: CalendarDate, book: PolicyFigureBook) -> PensionClaimComputation {
        let enrolment = ledger.enrolment(.residentBasic)
        let county = enrolment?.county
        let start = startMonth(claimedOn: claimedOn)
        var reading = FigureReading(book: book, on: start.firstDay, county: county)
        let facts = ledger.facts(.residentBasic, born: born)
        // Fewer than 15 years paid: the requirement depends on the scheme's start, read as a figure.
        var schemeStart: CalendarDate?
        if facts.paidYears < PensionScheme.fullContributionYears, facts.enrolled {
            // The enrolment must name its scheme (新农保 or 城居保): the start date is never guessed.
            guard let kind = enrolment?.startKind else {
                return PensionClaimComputation(refusals: [Self.unnamedScheme], benefit: nil, reading: reading, county: county, startMonth: start)
            }
            schemeStart = BenefitFigures.schemeStart(kind, &reading)
        }
        // Unknown start: the most any start can require (15) is not applied; only the other conditions are checked now.
        let refusals = PensionClaim.checkBasic(facts, schemeStart: schemeStart ?? PensionAge.birthday(PensionScheme.residentBasic.drawingAge, born: born),
                                               on: claimedOn).map(\.message)
        guard refusals.isEmpty else { return PensionClaimComputation(refusals: refusals, benefit: nil, reading: reading, county: county, startMonth: start) }
        let figures = BenefitFigures.basic(&reading)
        let balance = ledger.account(.residentBasic, claimedOn: claimedOn, reading: &reading)
        switch BasicBenefit.monthly(figures, contributionYears: facts.paidYears, accountBalanceFen: balance.fen) {
        case .success(let benefit):
            return PensionClaimComputation(refusals: [], benefit: benefit.annotated(balance.basis), reading: reading, county: county, startMonth: start,
                                           accountNotes: balance.notes)
        case .failure(let problems):
            return PensionClaimComputation(refusals: problems.messages, benefit: nil, reading: reading, county: county, startMonth: start)
        }
    }

    /// Item 35: 65 or older, 15 years in the supplementary scheme, drawing the basic pension
    /// (`PensionClaim.checkSupplementary`); account ÷ 120 + 出口补 by age (`SupplementaryBenefit`).
    static func supplementary(_ ledger: PensionClaimLedger, born: CalendarDate, claimedOn: CalendarDate, book: PolicyFigureBook)
        -> PensionClaimComputation {
        let county = ledger.enrolment(.residentSupplementary)?.county
        let start = startMonth(claimedOn: claimedOn)
        var reading = FigureReading(book: book, on: start.firstDay, county: county)
        let refusals = PensionClaim.checkSupplementary(ledger.facts(.residentSupplementary, born: born), on: claimedOn).map(\.message)
        guard refusals.isEmpty else { return PensionClaimComputation(refusals: refusals, benefit: nil, reading: reading, county: county, startMonth: start) }
        let figures = BenefitFigures.supplementary(&reading, band: SupplementaryBenefit.band(born: born, month: start))
        let balance = ledger.account(.residentSupplementary, claimedOn: claimedOn, reading: &reading)
        switch SupplementaryBenefit.monthly(figures, accountBalanceFen: balance.fen, born: born, month: start) {
        case .success(let benefit):
            return PensionClaimComputation(refusals: [], benefit: benefit.annotated(balance.basis), reading: reading, county: county, startMonth: start,
                                           accountNotes: balance.notes)
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
        PensionClaimLedger(view: try await InsuranceLedger.viewWithoutPayments(of: citizen, on: db))
    }
}
