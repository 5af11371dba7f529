/// Item 37's suspension (失踪, 疑似重复领取), stop and resumption across a person's resident pensions (domain-rules §8):
/// each action applies to every entitlement in the state it needs, basic and supplementary alike, so a missing
/// person's supplementary pension is not paid on while the basic one waits. A suspension takes every entitlement paid
/// normally, a stop every one suspended as a suspected duplicate, a resumption every one suspended, each scheme with
/// its own back pay: the suspended months without a successful payment × that scheme's monthly amount.
public struct SchemeSuspension: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case suspend(BenefitSuspension.Reason, from: PensionMonth)
        case stop
        case resume(from: PensionMonth)
    }

    /// One scheme as the ledger holds it: the entitlement's status (nil: the person never drew it), its payment
    /// records and its monthly amount.
    public struct Scheme: Sendable, Equatable {
        public let entitlement: BenefitSuspension.Status?
        public let payments: [PaymentRecord]
        public let monthlyFen: Int

        public init(entitlement: BenefitSuspension.Status?, payments: [PaymentRecord], monthlyFen: Int) {
            self.entitlement = entitlement
            self.payments = payments
            self.monthlyFen = monthlyFen
        }
    }

    /// One entitlement changed: its next status and, on resumption, its back pay.
    public struct Change: Sendable, Equatable {
        public let scheme: PensionScheme
        public let status: BenefitSuspension.Status
        public let backPay: BackPay?
    }

    /// In the order of `PensionScheme.allCases` (basic first).
    public let changes: [Change]

    /// 补发合计: every scheme's back pay.
    public var backPayFen: Int { changes.reduce(0) { $0 + ($1.backPay?.totalFen ?? 0) } }

    /// The action on every entitlement in the state it needs. An entitlement in another state is left as it is.
    /// Refused when none is in that state (the first scheme's refusal, basic first; `noEntitlement` when the person
    /// draws none), and for the whole action when a resumption month is before a suspension or a payment record is
    /// damaged.
    public static func apply(_ action: Action, schemes: [PensionScheme: Scheme]) -> Result<SchemeSuspension, PensionRefusals> {
        var changes: [Change] = []
        var skipped: [PensionRefusal] = []
        var problems: [PensionRefusal] = []
        for scheme in PensionScheme.allCases {
            guard let held = schemes[scheme], let status = held.entitlement else { continue }
            switch action {
            case .suspend(let reason, let month):
                switch BenefitSuspension.suspend(status, reason: reason, from: month) {
                case .success(let next): changes.append(Change(scheme: scheme, status: next, backPay: nil))
                case .failure(let refusal): skipped.append(refusal)
                }
            case .stop:
                switch BenefitSuspension.stopAfterVerification(status) {
                case .success(let next): changes.append(Change(scheme: scheme, status: next, backPay: nil))
                case .failure(let refusal): skipped.append(refusal)
                }
            case .resume(let month):
                switch BenefitSuspension.resume(status, from: month, payments: held.payments, monthlyFen: { _ in held.monthlyFen }) {
                case .success(let back): changes.append(Change(scheme: scheme, status: .normal, backPay: back))
                case .failure(let refusals):
                    for refusal in refusals.all {
                        switch refusal {
                        case .benefitNotSuspended, .benefitStopped: skipped.append(refusal)
                        default: problems.append(refusal)
                        }
                    }
                }
            }
        }
        guard problems.isEmpty else { return .failure(PensionRefusals(problems)) }
        guard !changes.isEmpty else { return .failure([skipped.first ?? .noEntitlement]) }
        return .success(SchemeSuspension(changes: changes))
    }
}
