@testable import JiujinbanRules
import Testing

@Suite("outbound exchange records: pending → sent → confirmed or rejected with a reason")
struct OutboundExchangeStateTests {
    @Test("the allowed moves, a resend while unanswered, and final answers")
    func moves() {
        #expect(OutboundExchangeState.pending.moving(to: .sent) == .success(.sent))
        #expect(OutboundExchangeState.sent.moving(to: .sent) == .success(.sent))
        #expect(OutboundExchangeState.sent.moving(to: .confirmed) == .success(.confirmed))
        #expect(OutboundExchangeState.sent.moving(to: .rejected, reason: "缴费年度已存在") == .success(.rejected))
        #expect(OutboundExchangeState.pending.moving(to: .confirmed) == .failure(.notAllowed(from: .pending, to: .confirmed)))
        #expect(OutboundExchangeState.confirmed.moving(to: .rejected, reason: "x") == .failure(.notAllowed(from: .confirmed, to: .rejected)))
        #expect(OutboundExchangeState.rejected.moving(to: .sent) == .failure(.notAllowed(from: .rejected, to: .sent)))
    }

    @Test("a rejection without the core system's reason is refused")
    func rejectionNeedsReason() {
        #expect(OutboundExchangeState.sent.moving(to: .rejected, reason: " ") == .failure(.rejectionWithoutReason))
        #expect(OutboundExchangeState.Problem.rejectionWithoutReason.message == "核心系统退回时必须附退回原因")
    }
}
