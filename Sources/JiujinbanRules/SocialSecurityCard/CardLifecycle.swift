import Foundation

/// 社保卡 (items 38–40, `domain-rules.md` §9): one card's state and the actions that move it. A card is applied for,
/// made, waits at a collection point, is collected and then activated; a loss is temporary or formal and may be
/// released (解除挂失) while no replacement was made for it; a replacement (补卡) or an exchange (换卡) ends the old
/// card's way back; sealing (封存) keeps the card out of use until it is unsealed; cancellation (注销) is final.
public struct CardLifecycle: Sendable, Equatable {
    public enum State: String, CaseIterable, Sendable, Codable {
        case applied, inProduction = "in-production", awaitingCollection = "awaiting-collection", collected, activated
        case temporaryLoss = "temporary-loss", formalLoss = "formal-loss"
        case replacing, exchanging, sealed, cancelled

        public var chinese: String {
            switch self {
            case .applied: "申领"
            case .inProduction: "制卡中"
            case .awaitingCollection: "待领卡"
            case .collected: "已领卡"
            case .activated: "已启用"
            case .temporaryLoss: "临时挂失"
            case .formalLoss: "正式挂失"
            case .replacing: "补卡中"
            case .exchanging: "换卡中"
            case .sealed: "封存"
            case .cancelled: "注销"
            }
        }

        /// The card is in the holder's hands and usable or lost: the states a loss, a seal or an exchange start from.
        var isInHand: Bool { self == .collected || self == .activated }
    }

    public enum Action: Sendable, Equatable {
        /// 制卡: the card system starts making an applied card.
        case startProduction
        /// 制卡完成: the card waits at a collection point.
        case produced
        /// 领卡: handed over to the holder.
        case collect
        /// 启用 (item 38): the social-security function of a collected card.
        case activate
        /// 临时挂失 / 正式挂失 (item 40).
        case reportLoss(formal: Bool)
        /// 解除挂失 (item 40): on request, or by the platform when a temporary loss is due (`automatic`).
        case releaseLoss(automatic: Bool)
        /// 补卡: a replacement for a formally lost card; the old card can never be released again.
        case replace
        /// 换卡: a new card for a damaged or outdated one in hand.
        case exchange
        case seal
        case unseal
        /// 注销
        case cancel

        public var chinese: String {
            switch self {
            case .startProduction: "制卡"
            case .produced: "制卡完成"
            case .collect: "领卡"
            case .activate: "启用"
            case .reportLoss(let formal): formal ? "正式挂失" : "临时挂失"
            case .releaseLoss(let automatic): automatic ? "到期自动解挂" : "解除挂失"
            case .replace: "补卡"
            case .exchange: "换卡"
            case .seal: "封存"
            case .unseal: "解除封存"
            case .cancel: "注销"
            }
        }
    }

    public private(set) var state: State
    /// Where a loss or a seal returns to (已领卡 or 已启用).
    public private(set) var resumesAs: State?

    public init(state: State, resumesAs: State? = nil) {
        self.state = state
        self.resumesAs = resumesAs
    }

    /// The card after `action`, or the refusal in words that name the card's state.
    public func applying(_ action: Action) -> Result<CardLifecycle, CardRefusal> {
        func refuse(_ why: String) -> Result<CardLifecycle, CardRefusal> {
            .failure(CardRefusal(message: "该社保卡当前为“\(state.chinese)”，不能\(action.chinese)：\(why)"))
        }
        if state == .cancelled { return refuse("已注销的卡不能再办理任何业务") }
        var next = self
        switch action {
        case .startProduction:
            guard state == .applied else { return refuse("只有已申领的卡可以制卡") }
            next.state = .inProduction
        case .produced:
            guard state == .inProduction else { return refuse("只有制卡中的卡可以登记制卡完成") }
            next.state = .awaitingCollection
        case .collect:
            guard state == .awaitingCollection else { return refuse("只有待领卡的卡可以领取") }
            next.state = .collected
        case .activate:
            switch state {
            case .collected: next.state = .activated
            case .activated: return refuse("社会保障功能已启用，无需重复启用")
            case .temporaryLoss, .formalLoss: return refuse("挂失的卡不能启用，请先解除挂失")
            case .sealed: return refuse("封存的卡不能启用，请先解除封存")
            case .applied, .inProduction, .awaitingCollection: return refuse("卡尚未领取，领卡后才能启用")
            case .replacing, .exchanging: return refuse("原卡已补换，请领取新卡后启用新卡")
            case .cancelled: return refuse("已注销")
            }
        case .reportLoss(let formal):
            if state.isInHand {
                next.resumesAs = state
            } else if !(formal && state == .temporaryLoss) {
                return refuse(state == .formalLoss ? "已正式挂失" : "只有已领取的卡可以挂失（临时挂失的卡可转为正式挂失）")
            }
            next.state = formal ? .formalLoss : .temporaryLoss
        case .releaseLoss(let automatic):
            if automatic {
                guard state == .temporaryLoss else { return refuse("只有临时挂失到期的卡自动解除挂失") }
            } else if state == .replacing {
                return refuse("已为该卡办理补卡，原卡不能再解除挂失")
            } else {
                guard state == .temporaryLoss || state == .formalLoss else { return refuse("该卡没有挂失") }
            }
            next.state = resumesAs ?? .collected
            next.resumesAs = nil
        case .replace:
            guard state == .formalLoss else { return refuse(state == .temporaryLoss ? "补卡前须先办理正式挂失" : "只有正式挂失的卡可以补卡") }
            next.state = .replacing
            next.resumesAs = nil
        case .exchange:
            guard state.isInHand else { return refuse("只有持有中的卡（已领卡或已启用）可以换卡") }
            next.state = .exchanging
        case .seal:
            guard state.isInHand else { return refuse("只有持有中的卡（已领卡或已启用）可以封存") }
            next.resumesAs = state
            next.state = .sealed
        case .unseal:
            guard state == .sealed else { return refuse("该卡没有封存") }
            next.state = resumesAs ?? .collected
            next.resumesAs = nil
        case .cancel:
            next.state = .cancelled
            next.resumesAs = nil
        }
        return .success(next)
    }
}

/// Why a card action is refused, in words for the clerk and the holder.
public struct CardRefusal: Error, Sendable, Equatable {
    public let message: String
}

/// 临时挂失自动解挂: a temporary loss is released by the platform once its duration (a dated figure, 7 × 24 hours by the
/// mission documents) has passed since the loss was recorded — at that instant, not a minute earlier.
public enum TemporaryLossRelease {
    public static func isDue(lostAt: Date, now: Date, hours: Int) -> Bool {
        now >= dueAt(lostAt: lostAt, hours: hours)
    }

    public static func dueAt(lostAt: Date, hours: Int) -> Date {
        lostAt.addingTimeInterval(TimeInterval(max(0, hours)) * 3_600)
    }
}
