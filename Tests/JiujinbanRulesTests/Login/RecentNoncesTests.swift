import Foundation
import JiujinbanRules
import Testing

private let t0 = CardFixture.issuedAt

@Suite("电子社保卡扫码登录 nonce replay")
struct RecentNoncesTests {
    @Test func replayOfAVerifiedAssertionIsDetected() throws {
        var nonces = RecentNonces()
        let body = CardFixture.body()
        let first = try CardFixture.verifier.verify(body, now: t0.addingTimeInterval(3), expectedTicket: nil).get()
        let replay = try CardFixture.verifier.verify(body, now: t0.addingTimeInterval(60), expectedTicket: nil).get()

        try nonces.record(first, now: t0.addingTimeInterval(3))

        #expect(throws: CardAssertionError.replayed) { try nonces.record(replay, now: t0.addingTimeInterval(60)) }
        #expect(nonces.count == 1)
    }

    @Test func aNonceIsRememberedUpToAndIncludingItsExpiry() throws {
        var nonces = RecentNonces()
        try nonces.record("nonce-aaaaaaaaaaaa", expiresAt: t0.addingTimeInterval(120), now: t0)

        #expect(nonces.contains("nonce-aaaaaaaaaaaa", now: t0.addingTimeInterval(120)))
        #expect(throws: CardAssertionError.replayed) {
            try nonces.record("nonce-aaaaaaaaaaaa", expiresAt: t0.addingTimeInterval(240), now: t0.addingTimeInterval(120))
        }
        #expect(!nonces.contains("nonce-aaaaaaaaaaaa", now: t0.addingTimeInterval(120.001)))
        try nonces.record("nonce-aaaaaaaaaaaa", expiresAt: t0.addingTimeInterval(240), now: t0.addingTimeInterval(120.001))
        #expect(nonces.contains("nonce-aaaaaaaaaaaa", now: t0.addingTimeInterval(200)))
    }

    /// Forgetting an unexpired nonce would let it be replayed, so a full set refuses instead.
    @Test func aFullSetRefusesRatherThanForgets() throws {
        var nonces = RecentNonces(capacity: 3)
        for index in 0..<3 {
            try nonces.record("nonce-\(index)", expiresAt: t0.addingTimeInterval(120), now: t0)
        }

        #expect(throws: CardAssertionError.tooManyRecentLogins) {
            try nonces.record("nonce-3", expiresAt: t0.addingTimeInterval(130), now: t0.addingTimeInterval(10))
        }
        #expect(throws: CardAssertionError.replayed) {
            try nonces.record("nonce-1", expiresAt: t0.addingTimeInterval(130), now: t0.addingTimeInterval(10))
        }
        #expect(nonces.count == 3)
    }

    @Test func expiredNoncesMakeRoom() throws {
        var nonces = RecentNonces(capacity: 3)
        try nonces.record("nonce-0", expiresAt: t0.addingTimeInterval(30), now: t0)
        try nonces.record("nonce-1", expiresAt: t0.addingTimeInterval(120), now: t0)
        try nonces.record("nonce-2", expiresAt: t0.addingTimeInterval(30), now: t0)

        try nonces.record("nonce-3", expiresAt: t0.addingTimeInterval(150), now: t0.addingTimeInterval(31))

        #expect(nonces.count == 2)
        #expect(nonces.contains("nonce-1", now: t0.addingTimeInterval(31)))
        #expect(nonces.contains("nonce-3", now: t0.addingTimeInterval(31)))
    }
}
