/// 死亡: what a death does to a person's resident pensions (item 37; domain-rules §8). Every entitlement not stopped
/// already, basic and supplementary alike, stops from the month after the month of death, and each scheme's
/// overpayment is recovered from its own payment records (`BenefitSuspension.overpaymentAfterDeath`); every open
/// enrolment (参保缴费 or 暂停缴费) is ended, so no contribution is expected any more.
public struct DeathStop: Sendable, Equatable {
    /// One scheme's entitlement stopped, and what was paid for it after the death.
    public struct Stop: Sendable, Equatable {
        public let scheme: PensionScheme
        public let from: PensionMonth
        public let overpayment: Overpayment
    }

    public let diedOn: CalendarDate
    /// In the order of `PensionScheme.allCases` (basic first).
    public let stops: [Stop]
    /// The enrolments ended (终止, 死亡), in the same order.
    public let enrolmentsEnded: [PensionScheme]

    /// 应追回合计: the overpayments of every scheme.
    public var totalFen: Int { stops.reduce(0) { $0 + $1.overpayment.totalFen } }

    /// One scheme as the ledger holds it: the entitlement's status (nil: the person never drew it), its payment
    /// records, and whether its enrolment is still open.
    public struct Scheme: Sendable, Equatable {
        public let entitlement: BenefitSuspension.Status?
        public let payments: [PaymentRecord]
        public let enrolmentOpen: Bool

        public init(entitlement: BenefitSuspension.Status?, payments: [PaymentRecord], enrolmentOpen: Bool) {
            self.entitlement = entitlement
            self.payments = payments
            self.enrolmentOpen = enrolmentOpen
        }
    }

    /// The death on `diedOn` applied to `schemes`. Refused when there is nothing to stop: no entitlement at all
    /// (`noEntitlement`), or every one stopped already (the first one's `benefitStopped`); refused too when a
    /// payment record's amount is negative. An entitlement stopped already is left as it is, and its payments are
    /// not recovered here (its stop dealt with them).
    public static func apply(diedOn: CalendarDate, schemes: [PensionScheme: Scheme]) -> Result<DeathStop, PensionRefusals> {
        var stops: [Stop] = []
        var alreadyStopped: [PensionRefusal] = []
        var problems: [PensionRefusal] = []
        for scheme in PensionScheme.allCases {
            guard let status = schemes[scheme]?.entitlement else { continue }
            switch BenefitSuspension.death(status, diedOn: diedOn) {
            case .failure(let refusal): alreadyStopped.append(refusal)
            case .success(let stopped):
                guard case .stopped(_, let from) = stopped else { continue }
                switch BenefitSuspension.overpaymentAfterDeath(diedOn: diedOn, payments: schemes[scheme]?.payments ?? []) {
                case .success(let over): stops.append(Stop(scheme: scheme, from: from, overpayment: over))
                case .failure(let refusals): problems += refusals.all
                }
            }
        }
        guard problems.isEmpty else { return .failure(PensionRefusals(problems)) }
        guard !stops.isEmpty else { return .failure(PensionRefusals(alreadyStopped.isEmpty ? [.noEntitlement] : [alreadyStopped[0]])) }
        let ended = PensionScheme.allCases.filter { schemes[$0]?.enrolmentOpen == true }
        return .success(DeathStop(diedOn: diedOn, stops: stops, enrolmentsEnded: ended))
    }
}
