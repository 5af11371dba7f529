/// 城乡居民养老保险待遇暂停 (item 37; mission documents: "出现死亡、失踪、疑似重复领取等按照规定不能继续领取养老保险待遇的
/// 情形时，暂停其享受的社保待遇"; domain-rules §8: death stops from the month after death and the overpayment is
/// recovered; missing suspends and resumes if the person reappears; a suspected duplicate is suspended, verified,
/// then stopped or resumed with back pay).
///
/// Months are whole: the month of death is paid in full, the stop starts with the next one. A person reported dead
/// while suspended is stopped from the month after death too, which may be earlier than the suspension.
public enum BenefitSuspension {
    public enum Reason: String, Sendable, CaseIterable, Codable {
        case death
        case missing
        case suspectedDuplicate

        public var chinese: String {
            switch self {
            case .death: "死亡"
            case .missing: "失踪或生存状态不明"
            case .suspectedDuplicate: "疑似重复领取"
            }
        }
    }

    public enum Status: Sendable, Equatable {
        /// 正常发放.
        case normal
        /// 暂停 from that month (not paid from it on).
        case suspended(Reason, from: PensionMonth)
        /// 终止 from that month; final.
        case stopped(Reason, from: PensionMonth)
    }

    /// Death on `diedOn`: stopped from the month after the month of death.
    public static func death(_ status: Status, diedOn: CalendarDate) -> Result<Status, PensionRefusal> {
        if case .stopped(_, let from) = status { return .failure(.benefitStopped(from: from)) }
        return .success(.stopped(.death, from: PensionMonth(containing: diedOn).next))
    }

    /// Missing or a suspected duplicate: suspended from `month`, only while paid normally.
    public static func suspend(_ status: Status, reason: Reason, from month: PensionMonth) -> Result<Status, PensionRefusal> {
        switch status {
        case .stopped(_, let from): return .failure(.benefitStopped(from: from))
        case .suspended(_, let from): return .failure(.benefitAlreadySuspended(from: from))
        case .normal where reason == .death:
            // A death reported as a suspension stops, as `death` does; `month` is then the month after the death.
            return .success(.stopped(.death, from: month))
        case .normal:
            return .success(.suspended(reason, from: month))
        }
    }

    /// A suspected duplicate confirmed: stopped from the month the suspension began (those months are not paid).
    public static func stopAfterVerification(_ status: Status) -> Result<Status, PensionRefusal> {
        switch status {
        case .suspended(.suspectedDuplicate, let from): .success(.stopped(.suspectedDuplicate, from: from))
        case .suspended: .failure(.onlyDuplicateSuspensionIsStopped)
        case .stopped(_, let from): .failure(.benefitStopped(from: from))
        case .normal: .failure(.benefitNotSuspended)
        }
    }

    /// Resumption from `month` (the person reappeared, or the duplicate was cleared): payment is normal again from
    /// `month`, and the back pay covers every suspended month before it with no successful payment.
    public static func resume(_ status: Status, from month: PensionMonth, payments: [PaymentRecord],
                              monthlyFen: (PensionMonth) -> Int) -> Result<BackPay, PensionRefusals> {
        let suspendedFrom: PensionMonth
        switch status {
        case .normal: return .failure([.benefitNotSuspended])
        case .stopped(_, let from): return .failure([.benefitStopped(from: from)])
        case .suspended(_, let from): suspendedFrom = from
        }
        guard month >= suspendedFrom else { return .failure([.monthBeforeSuspension(month, suspendedFrom: suspendedFrom)]) }
        let problems = PaymentRecord.check(payments)
        guard problems.isEmpty else { return .failure(PensionRefusals(problems)) }
        let paid = Set(payments.filter(\.succeeded).map(\.month))
        let owed = suspendedFrom.months(until: month).filter { !paid.contains($0) }
        let amounts = owed.map { PaymentRecord(month: $0, amountFen: monthlyFen($0), succeeded: true) }
        if let negative = amounts.first(where: { $0.amountFen < 0 }) {
            return .failure([.negativeAmount(field: "\(negative.month.chinese)待遇", fen: negative.amountFen)])
        }
        return .success(BackPay(months: amounts))
    }

    /// 多领待遇: after a death, every successful payment for a month after the month of death is recovered. One for
    /// such a month still waiting for the bank's return is not recovered (it may yet fail) but is listed beside.
    public static func overpaymentAfterDeath(diedOn: CalendarDate, payments: [PaymentRecord]) -> Result<Overpayment, PensionRefusals> {
        let problems = PaymentRecord.check(payments)
        guard problems.isEmpty else { return .failure(PensionRefusals(problems)) }
        let lastPaidMonth = PensionMonth(containing: diedOn)
        let after = payments.filter { $0.month > lastPaidMonth }.sorted { $0.month < $1.month }
        return .success(Overpayment(payments: after.filter(\.succeeded), awaitingBank: after.filter { $0.outcome == .awaitingBank }))
    }
}
