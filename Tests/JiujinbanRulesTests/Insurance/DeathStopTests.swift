import JiujinbanRules
import Testing

@Suite("死亡 stops both resident pensions (item 37)")
struct DeathStopTests {
    /// Died 2026-09-14. Basic 213.60 元 a month: September, October paid, November failed, December paid.
    /// Supplementary 95.00 元: September, October, November paid.
    let basicPayments = [
        PaymentRecord(month: ym("2026-09"), amountFen: 21_360, succeeded: true),
        PaymentRecord(month: ym("2026-10"), amountFen: 21_360, succeeded: true),
        PaymentRecord(month: ym("2026-11"), amountFen: 21_360, succeeded: false),
        PaymentRecord(month: ym("2026-12"), amountFen: 21_360, succeeded: true),
    ]
    let supplementaryPayments = [
        PaymentRecord(month: ym("2026-09"), amountFen: 9_500, succeeded: true),
        PaymentRecord(month: ym("2026-10"), amountFen: 9_500, succeeded: true),
        PaymentRecord(month: ym("2026-11"), amountFen: 9_500, succeeded: true),
    ]

    @Test("both drawn: each stopped from October, each scheme's overpayment from its own payments, total 617.20 元, both enrolments ended")
    func bothSchemes() throws {
        let result = try DeathStop.apply(diedOn: ymd("2026-09-14"), schemes: [
            .residentBasic: .init(entitlement: .normal, payments: basicPayments, enrolmentOpen: true),
            .residentSupplementary: .init(entitlement: .normal, payments: supplementaryPayments, enrolmentOpen: true),
        ]).get()
        #expect(result.stops.map(\.scheme) == [.residentBasic, .residentSupplementary])
        #expect(result.stops.map(\.from) == [ym("2026-10"), ym("2026-10")])
        // Basic: October and December (November failed) = 2 × 213.60 = 427.20; supplementary: October, November = 190.00.
        #expect(result.stops[0].overpayment.payments.map(\.month) == [ym("2026-10"), ym("2026-12")])
        #expect(result.stops[0].overpayment.totalFen == 42_720)
        #expect(result.stops[1].overpayment.payments.map(\.month) == [ym("2026-10"), ym("2026-11")])
        #expect(result.stops[1].overpayment.totalFen == 19_000)
        #expect(result.totalFen == 61_720)
        #expect(result.enrolmentsEnded == [.residentBasic, .residentSupplementary])
    }

    @Test("a suspended entitlement stops from the month after death; one stopped already is left out; an ended enrolment is not ended again")
    func mixedStates() throws {
        // Basic suspended (missing) from 2026-11: stopped from October, October and December recovered.
        // Supplementary stopped already (duplicate confirmed) from 2026-08: left as it is.
        let result = try DeathStop.apply(diedOn: ymd("2026-09-30"), schemes: [
            .residentBasic: .init(entitlement: .suspended(.missing, from: ym("2026-11")), payments: basicPayments, enrolmentOpen: true),
            .residentSupplementary: .init(entitlement: .stopped(.suspectedDuplicate, from: ym("2026-08")), payments: supplementaryPayments,
                                          enrolmentOpen: false),
        ]).get()
        #expect(result.stops.map(\.scheme) == [.residentBasic] && result.stops[0].from == ym("2026-10"))
        #expect(result.totalFen == 42_720)
        #expect(result.enrolmentsEnded == [.residentBasic])
        // Died on the last day of a month, or the first: that month is still due, the next one stops.
        let first = try DeathStop.apply(diedOn: ymd("2026-10-01"), schemes: [
            .residentBasic: .init(entitlement: .normal, payments: basicPayments, enrolmentOpen: false),
        ]).get()
        #expect(first.stops[0].from == ym("2026-11") && first.totalFen == 21_360 && first.enrolmentsEnded.isEmpty)
    }

    @Test("payments still waiting for the bank (待回盘) are not recovered but listed with their total; the month of death and a failure are not")
    func awaitingBank() throws {
        // Died 2026-09-14. Basic 213.60 元: September waiting (the month of death, due), October paid, November failed,
        // December and January waiting. Supplementary 95.00 元: October waiting only.
        let basic = [
            PaymentRecord(month: ym("2026-09"), amountFen: 21_360, outcome: .awaitingBank),
            PaymentRecord(month: ym("2026-10"), amountFen: 21_360, outcome: .succeeded),
            PaymentRecord(month: ym("2026-11"), amountFen: 21_360, outcome: .failed),
            PaymentRecord(month: ym("2027-01"), amountFen: 21_360, outcome: .awaitingBank),
            PaymentRecord(month: ym("2026-12"), amountFen: 21_360, outcome: .awaitingBank),
        ]
        let supplementary = [PaymentRecord(month: ym("2026-10"), amountFen: 9_500, outcome: .awaitingBank)]
        let result = try DeathStop.apply(diedOn: ymd("2026-09-14"), schemes: [
            .residentBasic: .init(entitlement: .normal, payments: basic, enrolmentOpen: false),
            .residentSupplementary: .init(entitlement: .normal, payments: supplementary, enrolmentOpen: false),
        ]).get()
        // Recovered: the October paid, 213.60 元; waiting: December and January, 427.20 元, in month order.
        #expect(result.stops[0].overpayment.payments.map(\.month) == [ym("2026-10")] && result.stops[0].overpayment.totalFen == 21_360)
        #expect(result.stops[0].overpayment.awaitingBank.map(\.month) == [ym("2026-12"), ym("2027-01")])
        #expect(result.stops[0].overpayment.awaitingBankFen == 42_720)
        #expect(result.stops[1].overpayment.payments.isEmpty && result.stops[1].overpayment.awaitingBankFen == 9_500)
        #expect(result.totalFen == 21_360, "the waiting payments are not in the amount to recover")
        #expect(!PaymentRecord(month: ym("2026-12"), amountFen: 1, outcome: .awaitingBank).succeeded)
    }

    @Test("only the basic pension drawn, the supplementary enrolment still contributing: one stop, both enrolments ended")
    func basicOnly() throws {
        let result = try DeathStop.apply(diedOn: ymd("2026-12-31"), schemes: [
            .residentBasic: .init(entitlement: .normal, payments: basicPayments, enrolmentOpen: true),
            .residentSupplementary: .init(entitlement: nil, payments: [], enrolmentOpen: true),
        ]).get()
        #expect(result.stops.map(\.scheme) == [.residentBasic] && result.stops[0].from == ym("2027-01") && result.totalFen == 0)
        #expect(result.enrolmentsEnded == [.residentBasic, .residentSupplementary])
    }

    @Test("refused: no entitlement, every entitlement stopped already, a negative payment")
    func refusals() {
        let none = DeathStop.apply(diedOn: ymd("2026-09-14"), schemes: [
            .residentBasic: .init(entitlement: nil, payments: [], enrolmentOpen: true),
        ])
        #expect(none.refusals == [.noEntitlement])
        let stopped = DeathStop.apply(diedOn: ymd("2026-09-14"), schemes: [
            .residentBasic: .init(entitlement: .stopped(.death, from: ym("2026-07")), payments: [], enrolmentOpen: false),
            .residentSupplementary: .init(entitlement: .stopped(.death, from: ym("2026-07")), payments: [], enrolmentOpen: false),
        ])
        #expect(stopped.refusals == [.benefitStopped(from: ym("2026-07"))])
        let negative = DeathStop.apply(diedOn: ymd("2026-09-14"), schemes: [
            .residentSupplementary: .init(entitlement: .normal, payments: [PaymentRecord(month: ym("2026-10"), amountFen: -100, succeeded: true)],
                                          enrolmentOpen: true),
        ])
        #expect(negative.refusals == [.negativeAmount(field: "2026年10月发放金额", fen: -100)])
    }
}
