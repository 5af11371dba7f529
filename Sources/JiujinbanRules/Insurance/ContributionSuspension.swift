/// 暂停/恢复缴费 (item 31; mission documents: "在正常缴费期间因死亡、失踪或参加其他养老保险等原因无法继续缴纳城乡居民
/// 养老保险的可申请暂停缴费，暂停缴费后可自愿选择恢复缴费").
///
/// Suspension is only from normal paying; resumption is voluntary, on or after the suspension day, and never for a
/// suspension because of death (a family member reports a death; nobody resumes for the dead).
public enum ContributionSuspension {
    public enum Reason: String, Sendable, CaseIterable, Codable {
        case death
        case missing
        case joinedOtherPension

        public var chinese: String {
            switch self {
            case .death: "死亡"
            case .missing: "失踪"
            case .joinedOtherPension: "参加其他养老保险"
            }
        }
    }

    public enum Status: Sendable, Equatable {
        /// 正常缴费.
        case paying
        /// 暂停缴费 since that day.
        case suspended(Reason, since: CalendarDate)
    }

    public static func suspend(_ status: Status, reason: Reason, on day: CalendarDate) -> Result<Status, PensionRefusal> {
        switch status {
        case .suspended(_, let since): .failure(.contributionsAlreadySuspended(since: since))
        case .paying: .success(.suspended(reason, since: day))
        }
    }

    public static func resume(_ status: Status, on day: CalendarDate) -> Result<Status, PensionRefusal> {
        switch status {
        case .paying: .failure(.contributionsNotSuspended)
        case .suspended(.death, _): .failure(.noResumptionAfterDeath)
        case .suspended(_, let since) where day < since: .failure(.dayBeforeSuspension(day, suspendedOn: since))
        case .suspended: .success(.paying)
        }
    }
}
