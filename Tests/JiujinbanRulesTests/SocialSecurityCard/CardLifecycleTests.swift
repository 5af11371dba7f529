import Foundation
import JiujinbanRules
import Testing

/// Every state × every action of a social-security card: the state it leads to, or a refusal naming the card's state.
@Suite("社保卡 state machine: every state and action, allowed and refused")
struct CardLifecycleTests {
    typealias S = CardLifecycle.State
    typealias A = CardLifecycle.Action

    static let actions: [A] = [.startProduction, .produced, .collect, .activate, .reportLoss(formal: false), .reportLoss(formal: true),
                               .releaseLoss(automatic: false), .releaseLoss(automatic: true), .replace, .exchange, .seal, .unseal, .cancel]

    /// The card each state starts from: a loss or a seal made on an activated card.
    static func card(_ state: S) -> CardLifecycle {
        [.temporaryLoss, .formalLoss, .sealed].contains(state) ? CardLifecycle(state: state, resumesAs: .activated) : CardLifecycle(state: state)
    }

    /// The allowed moves; everything else is refused.
    static let allowed: [S: [String: S]] = [
        .applied: ["制卡": .inProduction, "注销": .cancelled],
        .inProduction: ["制卡完成": .awaitingCollection, "注销": .cancelled],
        .awaitingCollection: ["领卡": .collected, "注销": .cancelled],
        .collected: ["启用": .activated, "临时挂失": .temporaryLoss, "正式挂失": .formalLoss, "换卡": .exchanging, "封存": .sealed, "注销": .cancelled],
        .activated: ["临时挂失": .temporaryLoss, "正式挂失": .formalLoss, "换卡": .exchanging, "封存": .sealed, "注销": .cancelled],
        .temporaryLoss: ["正式挂失": .formalLoss, "解除挂失": .activated, "到期自动解挂": .activated, "注销": .cancelled],
        .formalLoss: ["解除挂失": .activated, "补卡": .replacing, "注销": .cancelled],
        .replacing: ["注销": .cancelled],
        .exchanging: ["注销": .cancelled],
        .sealed: ["解除封存": .activated, "注销": .cancelled],
        .cancelled: [:],
    ]

    @Test("the table: 11 states × 13 actions")
    func everyStateAndAction() {
        for state in S.allCases {
            for action in Self.actions {
                let result = Self.card(state).applying(action)
                switch (result, Self.allowed[state]?[action.chinese]) {
                case (.success(let next), let expected?):
                    #expect(next.state == expected, "\(state) \(action.chinese)")
                case (.failure(let refusal), nil):
                    #expect(refusal.message.hasPrefix("该社保卡当前为“\(state.chinese)”，不能\(action.chinese)："), "\(refusal.message)")
                case (.success(let next), nil):
                    Issue.record("\(state.chinese) \(action.chinese) allowed, to \(next.state.chinese)")
                case (.failure(let refusal), let expected?):
                    Issue.record("\(state.chinese) \(action.chinese) refused (\(refusal.message)), expected \(expected.chinese)")
                }
            }
        }
    }

    @Test("a loss returns to what the card was; after a replacement the old card is never released, and the refusal says why")
    func lossAndReplacement() throws {
        let collected = try CardLifecycle(state: .collected).applying(.reportLoss(formal: false)).get()
        #expect(try collected.applying(.releaseLoss(automatic: true)).get() == CardLifecycle(state: .collected))
        let activated = try CardLifecycle(state: .activated).applying(.reportLoss(formal: false)).get().applying(.reportLoss(formal: true)).get()
        #expect(activated.state == .formalLoss && activated.resumesAs == .activated)
        let replaced = try activated.applying(.replace).get()
        guard case .failure(let refusal) = replaced.applying(.releaseLoss(automatic: false)) else {
            Issue.record("released after a replacement")
            return
        }
        #expect(refusal.message == "该社保卡当前为“补卡中”，不能解除挂失：已为该卡办理补卡，原卡不能再解除挂失")
        guard case .failure(let lost) = CardLifecycle(state: .temporaryLoss, resumesAs: .collected).applying(.activate) else {
            Issue.record("a lost card activated")
            return
        }
        #expect(lost.message.contains("挂失的卡不能启用"))
    }

    @Test("the automatic release is due 168 hours after the loss, not a minute earlier")
    func automaticRelease() {
        let lost = Date(timeIntervalSince1970: 1_796_000_000)
        #expect(!TemporaryLossRelease.isDue(lostAt: lost, now: lost.addingTimeInterval(168 * 3_600 - 60), hours: 168))
        #expect(TemporaryLossRelease.isDue(lostAt: lost, now: lost.addingTimeInterval(168 * 3_600), hours: 168))
        #expect(TemporaryLossRelease.dueAt(lostAt: lost, hours: 168) == lost.addingTimeInterval(604_800))
    }
}
