import JiujinbanRules
import Testing

/// Item 37 across both resident pensions: a basic pension of 213.60 元 and a supplementary one of 95.00 元 a month.
@Suite("item 37: missing and suspected duplicate drawing suspend, stop and resume every resident pension in the state needed")
struct BenefitSuspensionSchemesTests {
    let basicFen = 21_360
    let supplementaryFen = 9_500

    func scheme(_ status: BenefitSuspension.Status?, _ monthly: Int, paid: [String: Bool] = [:]) -> SchemeSuspension.Scheme {
        SchemeSuspension.Scheme(entitlement: status, payments: paid.map { PaymentRecord(month: ym($0.key), amountFen: monthly, succeeded: $0.value) },
                                monthlyFen: monthly)
    }

    @Test("missing: both pensions paid normally are suspended from the month given")
    func suspendBoth() throws {
        let result = try SchemeSuspension.apply(.suspend(.missing, from: ym("2026-10")), schemes: [
            .residentBasic: scheme(.normal, basicFen), .residentSupplementary: scheme(.normal, supplementaryFen),
        ]).get()
        #expect(result.changes.map(\.scheme) == [.residentBasic, .residentSupplementary])
        #expect(result.changes.map(\.status) == [.suspended(.missing, from: ym("2026-10")), .suspended(.missing, from: ym("2026-10"))])
        #expect(result.backPayFen == 0)
    }

    @Test("resumed from 2026-12 after a suspension from 2026-10: basic owes November (failed) 213.60, supplementary October and November 190.00, 403.60 in all")
    func resumeBothWithBackPay() throws {
        let suspended = BenefitSuspension.Status.suspended(.missing, from: ym("2026-10"))
        let result = try SchemeSuspension.apply(.resume(from: ym("2026-12")), schemes: [
            .residentBasic: scheme(suspended, basicFen, paid: ["2026-09": true, "2026-10": true, "2026-11": false]),
            .residentSupplementary: scheme(suspended, supplementaryFen, paid: ["2026-09": true, "2026-10": false]),
        ]).get()
        #expect(result.changes.map(\.status) == [.normal, .normal])
        #expect(result.changes.map { $0.backPay?.months.map(\.month) } == [[ym("2026-11")], [ym("2026-10"), ym("2026-11")]])
        #expect(result.changes.map { $0.backPay?.totalFen } == [21_360, 19_000] && result.backPayFen == 40_360)
    }

    @Test("only the entitlements in the state needed change: a duplicate stop leaves the missing one, a resumption the one paid normally")
    func onlyThoseInState() throws {
        let stop = try SchemeSuspension.apply(.stop, schemes: [
            .residentBasic: scheme(.suspended(.missing, from: ym("2026-10")), basicFen),
            .residentSupplementary: scheme(.suspended(.suspectedDuplicate, from: ym("2026-11")), supplementaryFen),
        ]).get()
        #expect(stop.changes.map(\.scheme) == [.residentSupplementary])
        #expect(stop.changes.map(\.status) == [.stopped(.suspectedDuplicate, from: ym("2026-11"))])
        let resume = try SchemeSuspension.apply(.resume(from: ym("2026-12")), schemes: [
            .residentBasic: scheme(.normal, basicFen),
            .residentSupplementary: scheme(.suspended(.suspectedDuplicate, from: ym("2026-11")), supplementaryFen),
        ]).get()
        #expect(resume.changes.map(\.scheme) == [.residentSupplementary] && resume.backPayFen == 9_500)
        let basicOnly = try SchemeSuspension.apply(.suspend(.suspectedDuplicate, from: ym("2026-12")), schemes: [
            .residentBasic: scheme(.normal, basicFen), .residentSupplementary: scheme(nil, 0),
        ]).get()
        #expect(basicOnly.changes.map(\.scheme) == [.residentBasic])
    }

    @Test("refused: nothing in the state needed, no entitlement, a resumption before either suspension")
    func refusals() {
        let stopped = BenefitSuspension.Status.stopped(.suspectedDuplicate, from: ym("2026-06"))
        #expect(SchemeSuspension.apply(.resume(from: ym("2026-12")), schemes: [
            .residentBasic: scheme(.normal, basicFen), .residentSupplementary: scheme(stopped, supplementaryFen),
        ]) == .failure([.benefitNotSuspended]))
        #expect(SchemeSuspension.apply(.stop, schemes: [:]) == .failure([.noEntitlement]))
        #expect(SchemeSuspension.apply(.resume(from: ym("2026-10")), schemes: [
            .residentBasic: scheme(.suspended(.missing, from: ym("2026-09")), basicFen),
            .residentSupplementary: scheme(.suspended(.missing, from: ym("2026-11")), supplementaryFen),
        ]) == .failure([.monthBeforeSuspension(ym("2026-10"), suspendedFrom: ym("2026-11"))]))
    }
}
