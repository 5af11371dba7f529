import JiujinbanRules
import Testing

@Suite("非关键信息变更 (item 30), 暂停/恢复缴费 (item 31), 待遇暂停 (item 37)")
struct ChangesAndSuspensionTests {
    let man = try! ResidentIDNumber.parse("140830199001011232", today: ymd("2026-12-07")).get()

    @Test("name and ID number are key and refused with where to go; sex follows the ID number")
    func nonKeyChanges() {
        #expect(InsuredPersonField.allCases.filter(\.isKey) == [.name, .idNumber])
        let refusals = InsuredPersonChange.check(fields: [.phone, .name, .ethnicity], requestedSex: .female, idNumber: man)
        #expect(refusals == [.keyField(.name), .sexFollowsIDNumber(.male)])
        #expect(refusals.map(\.message) == ["姓名属于关键信息，不能在服务点变更，请本人持身份证、户口本到县社保经办机构办理",
                                            "性别以身份证号码为准，应为男"])
        #expect(InsuredPersonChange.check(fields: [.phone, .residenceAddress, .ethnicity, .sex], requestedSex: .male, idNumber: man).isEmpty)
        #expect(InsuredPersonChange.sexCorrection(stored: .female, idNumber: man) == .male)
        #expect(InsuredPersonChange.sexCorrection(stored: nil, idNumber: man) == .male)
        #expect(InsuredPersonChange.sexCorrection(stored: .male, idNumber: man) == nil)
        #expect(InsuredPersonChange.correctionNote(to: .male) == "性别更正为男（以身份证号码为准）")
    }

    @Test("contributions: suspended once, resumed on or after the day, never after a death")
    func contributions() throws {
        let suspended = try ContributionSuspension.suspend(.paying, reason: .missing, on: ymd("2026-03-01")).get()
        #expect(suspended == .suspended(.missing, since: ymd("2026-03-01")))
        #expect(ContributionSuspension.suspend(suspended, reason: .joinedOtherPension, on: ymd("2026-04-01")).refusals
                == .contributionsAlreadySuspended(since: ymd("2026-03-01")))
        #expect(ContributionSuspension.resume(suspended, on: ymd("2026-02-28")).refusals
                == .dayBeforeSuspension(ymd("2026-02-28"), suspendedOn: ymd("2026-03-01")))
        #expect(ContributionSuspension.resume(suspended, on: ymd("2026-06-01")).value == .paying)
        #expect(ContributionSuspension.resume(.paying, on: ymd("2026-06-01")).refusals == .contributionsNotSuspended)
        #expect(ContributionSuspension.resume(.suspended(.death, since: ymd("2026-03-01")), on: ymd("2026-06-01")).refusals
                == .noResumptionAfterDeath)
    }

    /// 423.00 元 a month; died 2026-05-17; May paid (the month of death is due), June paid, July failed, August paid.
    let payments = [
        PaymentRecord(month: ym("2026-04"), amountFen: 42_300, succeeded: true),
        PaymentRecord(month: ym("2026-05"), amountFen: 42_300, succeeded: true),
        PaymentRecord(month: ym("2026-06"), amountFen: 42_300, succeeded: true),
        PaymentRecord(month: ym("2026-07"), amountFen: 42_300, succeeded: false),
        PaymentRecord(month: ym("2026-08"), amountFen: 42_300, succeeded: true),
    ]

    @Test("death mid-month: stopped from the next month; June + August recovered = 846.00 元, the failed July not")
    func death() throws {
        #expect(BenefitSuspension.death(.normal, diedOn: ymd("2026-05-17")).value == .stopped(.death, from: ym("2026-06")))
        // A missing person found dead: stopped from the month after death, before the suspension's month.
        #expect(BenefitSuspension.death(.suspended(.missing, from: ym("2026-08")), diedOn: ymd("2026-05-17")).value
                == .stopped(.death, from: ym("2026-06")))
        #expect(BenefitSuspension.death(.stopped(.death, from: ym("2026-06")), diedOn: ymd("2026-05-17")).refusals
                == .benefitStopped(from: ym("2026-06")))
        let overpayment = try BenefitSuspension.overpaymentAfterDeath(diedOn: ymd("2026-05-17"), payments: payments).get()
        #expect(overpayment.payments.map(\.month) == [ym("2026-06"), ym("2026-08")] && overpayment.totalFen == 84_600)
        // Dying on the last day of August leaves nothing to recover.
        #expect(try BenefitSuspension.overpaymentAfterDeath(diedOn: ymd("2026-08-31"), payments: payments).get().totalFen == 0)
        let bad = [PaymentRecord(month: ym("2026-06"), amountFen: -1, succeeded: true)]
        #expect(BenefitSuspension.overpaymentAfterDeath(diedOn: ymd("2026-05-17"), payments: bad).refusals
                == [.negativeAmount(field: "2026年6月发放金额", fen: -1)])
    }

    @Test("a suspected duplicate: suspended from March, cleared in July → April–June paid back (March was paid): 1,269.00 元")
    func duplicateResumed() throws {
        let suspended = try BenefitSuspension.suspend(.normal, reason: .suspectedDuplicate, from: ym("2026-03")).get()
        #expect(BenefitSuspension.suspend(suspended, reason: .missing, from: ym("2026-04")).refusals == .benefitAlreadySuspended(from: ym("2026-03")))
        let paid = [PaymentRecord(month: ym("2026-03"), amountFen: 42_300, succeeded: true),
                    PaymentRecord(month: ym("2026-04"), amountFen: 42_300, succeeded: false)]
        let backPay = try BenefitSuspension.resume(suspended, from: ym("2026-07"), payments: paid) { _ in 42_300 }.get()
        // 3 months × 423.00 元 = 1,269.00 元.
        #expect(backPay.months.map(\.month) == [ym("2026-04"), ym("2026-05"), ym("2026-06")] && backPay.totalFen == 126_900)
        #expect(BenefitSuspension.resume(suspended, from: ym("2026-02"), payments: []) { _ in 42_300 }.refusals
                == [.monthBeforeSuspension(ym("2026-02"), suspendedFrom: ym("2026-03"))])
        #expect(BenefitSuspension.resume(.normal, from: ym("2026-07"), payments: []) { _ in 42_300 }.refusals == [.benefitNotSuspended])
    }

    @Test("a confirmed duplicate stops from the suspension's month; a missing person's suspension is not stopped that way")
    func duplicateStopped() {
        #expect(BenefitSuspension.stopAfterVerification(.suspended(.suspectedDuplicate, from: ym("2026-03"))).value
                == .stopped(.suspectedDuplicate, from: ym("2026-03")))
        #expect(BenefitSuspension.stopAfterVerification(.suspended(.missing, from: ym("2026-03"))).refusals == .onlyDuplicateSuspensionIsStopped)
        #expect(BenefitSuspension.stopAfterVerification(.normal).refusals == .benefitNotSuspended)
        #expect(BenefitSuspension.suspend(.stopped(.death, from: ym("2026-06")), reason: .missing, from: ym("2026-07")).refusals
                == .benefitStopped(from: ym("2026-06")))
    }
}
