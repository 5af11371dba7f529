import Crypto
import Foundation
import JiujinbanRules
import Testing

private let now = CardFixture.date(secondsAfterIssue: 5)

private func verify(_ body: Data, now: Date = now, expectedTicket: String? = CardFixture.ticket)
    -> Result<VerifiedCardLogin, CardAssertionError> {
    CardFixture.verifier.verify(body, now: now, expectedTicket: expectedTicket)
}

private func error(_ result: Result<VerifiedCardLogin, CardAssertionError>) -> CardAssertionError? {
    if case .failure(let error) = result { error } else { nil }
}

@Suite("电子社保卡扫码登录 assertion verification")
struct CardAssertionVerifierTests {
    @Test func validAssertionLogsIn() throws {
        let login = try verify(CardFixture.body()).get()

        #expect(login.ticket == CardFixture.ticket)
        #expect(login.idNumber.value == CardFixture.idNumber)
        #expect(login.name == "张三")
        #expect(login.issuedAt == CardFixture.issuedAt)
        #expect(login.nonce == CardFixture.nonce)
        #expect(login.nonceExpiresAt == CardFixture.date(secondsAfterIssue: 120))
    }

    @Test func stringBodyIsTheSame() throws {
        let body = String(decoding: CardFixture.body(), as: UTF8.self)

        let login = try CardFixture.verifier.verify(body, now: now, expectedTicket: nil).get()

        #expect(login.nonce == CardFixture.nonce)
    }

    /// Signed by another implementation (Python `cryptography`): proves the payload bytes and the raw `r ‖ s`
    /// encoding, not just that this code agrees with itself.
    @Test func signatureFromAnotherImplementationVerifies() throws {
        let body = CardFixture.body { $0["signature"] = CardFixture.externalRawSignature }

        #expect(try verify(body).get().ticket == CardFixture.ticket)
    }

    @Test func derSignatureIsRefused() {
        let body = CardFixture.body { $0["signature"] = CardFixture.externalDERSignature }

        #expect(error(verify(body)) == .signatureNotRaw(byteCount: 72))
    }

    @Test func derSignatureIsRefusedWithoutTheWireDecoder() throws {
        let der = try CardFixture.signer.privateKey.signature(for: CardFixture.assertion().signingPayload).derRepresentation
        let wire = CardAssertionWire(assertion: CardFixture.assertion(), signature: der)

        let result = CardFixture.verifier.verify(wire, now: now, expectedTicket: nil)

        #expect(error(result) == .signatureNotRaw(byteCount: der.count))
    }

    @Test("a flipped bit in the signature", arguments: [0, 1, 7, 100, 255, 256, 300, 511])
    func flippedSignatureBit(bit: Int) throws {
        var signature = try #require(Base64URL.decode(CardFixture.externalRawSignature))
        signature[bit / 8] ^= 1 << (bit % 8)
        let body = CardFixture.body { $0["signature"] = Base64URL.encode(signature) }

        #expect(error(verify(body)) == .invalidSignature)
    }

    /// Each field changed after signing, by one bit of one character where that keeps it well-formed.
    @Test("a changed field after signing", arguments: [
        ("ticket", "q7V3xk2Tn9YbLc4R8wPz0B"),
        ("idNumber", "14083019900101122X"),
        ("name", "张四"),
        ("nonce", "n-2026-11-29-000003"),
    ] as [(String, String)])
    func changedField(field: String, value: String) {
        let body = CardFixture.body { $0[field] = value }

        #expect(error(verify(body, expectedTicket: nil)) == .invalidSignature)
    }

    @Test func changedIssuedAt() {
        let body = CardFixture.body { $0["issuedAt"] = CardFixture.issuedAtSeconds + 1 }

        #expect(error(verify(body)) == .invalidSignature)
    }

    @Test func everyFlippedBitInTheBodyIsRefused() {
        let body = CardFixture.body()
        var accepted: [Int] = []

        for bit in 0..<(body.count * 8) {
            var flipped = body
            flipped[bit / 8] ^= 1 << (bit % 8)
            if error(verify(flipped)) == nil { accepted.append(bit) }
        }

        #expect(accepted == [])
        #expect(error(verify(body)) == nil)
    }

    @Test func wrongKey() throws {
        let otherKey = try P256.Signing.PrivateKey(rawRepresentation: SHA256.hash(data: Data("another key".utf8)))
        let verifier = CardAssertionVerifier(publicKey: otherKey.publicKey)

        #expect(error(verifier.verify(CardFixture.body(), now: now, expectedTicket: nil)) == .invalidSignature)
    }

    @Test("age and clock skew limits, inclusive", arguments: [
        (-30, nil),
        (-30.5, CardAssertionError.issuedInFuture(aheadSeconds: 30.5)),
        (-31, .issuedInFuture(aheadSeconds: 31)),
        (-3600, .issuedInFuture(aheadSeconds: 3600)),
        (0, nil),
        (120, nil),
        (120.25, .expired(ageSeconds: 120.25)),
        (121, .expired(ageSeconds: 121)),
        (86_400, .expired(ageSeconds: 86_400)),
    ] as [(TimeInterval, CardAssertionError?)])
    func freshness(secondsAfterIssue: TimeInterval, expected: CardAssertionError?) {
        let result = verify(CardFixture.body(), now: CardFixture.date(secondsAfterIssue: secondsAfterIssue))

        #expect(error(result) == expected)
    }

    @Test func configuredLimits() throws {
        let strict = CardAssertionVerifier(publicKey: CardFixture.signer.publicKey, maxAge: 60, maxClockSkew: 0)

        #expect(error(strict.verify(CardFixture.body(), now: CardFixture.date(secondsAfterIssue: 60), expectedTicket: nil)) == nil)
        #expect(error(strict.verify(CardFixture.body(), now: CardFixture.date(secondsAfterIssue: 61), expectedTicket: nil))
            == .expired(ageSeconds: 61))
        #expect(error(strict.verify(CardFixture.body(), now: CardFixture.date(secondsAfterIssue: -1), expectedTicket: nil))
            == .issuedInFuture(aheadSeconds: 1))
        #expect(try strict.verify(CardFixture.body(), now: now, expectedTicket: nil).get().nonceExpiresAt
            == CardFixture.date(secondsAfterIssue: 60))
    }

    @Test func ticketMismatch() {
        #expect(error(verify(CardFixture.body(), expectedTicket: "AAAAAAAAAAAAAAAAAAAAAA")) == .ticketMismatch)
        #expect(error(verify(CardFixture.body(), expectedTicket: nil)) == nil)
    }

    /// A well-formed but impossible ID number, correctly signed: the platform is trusted for the signature, not
    /// for the checksum.
    @Test func signedButInvalidIDNumber() {
        let body = CardFixture.body(CardFixture.assertion(idNumber: "140830199001011233"))

        #expect(error(verify(body)) == .invalidField(.idNumber))
    }

    @Test func errorsHaveChineseMessagesAndEnglishDescriptions() {
        #expect(CardAssertionError.expired(ageSeconds: 121).message == "扫码确认已过期，请刷新二维码后重新扫码")
        #expect(CardAssertionError.invalidSignature.message.hasPrefix("签名无效"))
        #expect(CardAssertionError.replayed.description == "card assertion nonce replayed")
        #expect(CardAssertionError.missingField(.nonce).description == "card assertion lacks field nonce")
    }

    @Test func loggedLoginIsMasked() throws {
        let login = try verify(CardFixture.body()).get()

        for text in [String(describing: login), String(reflecting: login), "\(CardFixture.assertion())"] {
            #expect(!text.contains(CardFixture.idNumber))
            #expect(!text.contains(CardFixture.ticket))
            #expect(!text.contains("张三"))
            #expect(text.contains("140830********1232"))
        }
    }
}
