import Foundation

/// What the counters did that the core system must hear about: every insurance case that changes the ledger becomes
/// one outbound record, which goes pending → sent → confirmed, or rejected with the core system's reason. A record
/// may be sent again while no answer came (a lost file); an answer is final.
public enum OutboundExchangeState: String, CaseIterable, Sendable, Codable {
    case pending
    case sent
    case confirmed
    case rejected

    public var chinese: String {
        switch self {
        case .pending: "待发送"
        case .sent: "已发送"
        case .confirmed: "核心系统已确认"
        case .rejected: "核心系统退回"
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        case notAllowed(from: OutboundExchangeState, to: OutboundExchangeState)
        case rejectionWithoutReason

        public var message: String {
            switch self {
            case .notAllowed(let from, let to): "交换记录不能从“\(from.chinese)”变为“\(to.chinese)”"
            case .rejectionWithoutReason: "核心系统退回时必须附退回原因"
            }
        }
    }

    /// Whether the record may go from `self` to `next`; a rejection must carry the core system's reason.
    public func moving(to next: OutboundExchangeState, reason: String? = nil) -> Result<OutboundExchangeState, Problem> {
        let allowed: Bool = switch (self, next) {
        case (.pending, .sent), (.sent, .sent), (.sent, .confirmed), (.sent, .rejected): true
        default: false
        }
        guard allowed else { return .failure(.notAllowed(from: self, to: next)) }
        if next == .rejected, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty { return .failure(.rejectionWithoutReason) }
        return .success(next)
    }
}
