import Crypto
import Foundation
import JiujinbanRules
import Testing

@Suite("电子社保卡平台密钥 key loading")
struct CardPlatformKeyTests {
    @Test func publicKeyFromPEMAndX963AreTheSame() throws {
        let fromPEM = try CardPlatformKey.publicKey(CardFixture.publicKeyPEM)
        let fromX963 = try CardPlatformKey.publicKey(CardFixture.publicKeyX963Base64)

        #expect(fromPEM.x963Representation == fromX963.x963Representation)
        #expect(fromPEM.x963Representation == CardFixture.signer.publicKey.x963Representation)
    }

    @Test("private keys in every accepted form are the same key", arguments: [
        CardFixture.privateKeyPKCS8PEM, CardFixture.privateKeySEC1PEM, CardFixture.privateKeyRawBase64,
    ])
    func privateKeyForms(text: String) throws {
        let key = try CardPlatformKey.privateKey(text)

        #expect(key.rawRepresentation == CardFixture.signer.privateKey.rawRepresentation)
        #expect(key.publicKey.x963Representation == Data(base64Encoded: CardFixture.publicKeyX963Base64))
    }

    @Test func pemRoundTrips() throws {
        let key = P256.Signing.PrivateKey()

        let privateAgain = try CardPlatformKey.privateKey(key.pemRepresentation)
        let publicAgain = try CardPlatformKey.publicKey(key.publicKey.pemRepresentation)
        let rawAgain = try CardPlatformKey.publicKey(key.publicKey.x963Representation.base64EncodedString())

        #expect(privateAgain.rawRepresentation == key.rawRepresentation)
        #expect(publicAgain.x963Representation == key.publicKey.x963Representation)
        #expect(rawAgain.x963Representation == key.publicKey.x963Representation)
    }

    @Test func surroundingWhiteSpaceIsIgnored() throws {
        let key = try CardPlatformKey.publicKey("\n  " + CardFixture.publicKeyPEM + "\n\n")

        #expect(key.x963Representation == CardFixture.signer.publicKey.x963Representation)
    }

    @Test("bad public keys", arguments: [
        ("", CardKeyError.empty),
        ("   \n", .empty),
        (CardFixture.privateKeyPKCS8PEM, .unexpectedPEMLabel(found: "PRIVATE KEY", expected: ["PUBLIC KEY"])),
        (CardFixture.privateKeySEC1PEM, .unexpectedPEMLabel(found: "EC PRIVATE KEY", expected: ["PUBLIC KEY"])),
        (CardFixture.p384PublicKeyPEM, .notP256Key),
        ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", .notP256Key),
        ("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", .malformedPEM),
        ("-----BEGIN PUBLIC KEY", .malformedPEM),
        ("-----BEGIN public key-----\nAAAA\n-----END public key-----", .malformedPEM),
        ("not a key!", .notBase64),
        (Data(repeating: 4, count: 64).base64EncodedString(), .notP256Key),
        ((try! CardPlatformKey.publicKey(CardFixture.publicKeyPEM)).compressedRepresentation.base64EncodedString(), .notP256Key),
        ("BA" + String(repeating: "A", count: 86), .notP256Key),
    ] as [(String, CardKeyError)])
    func badPublicKeys(text: String, expected: CardKeyError) {
        #expect(throws: expected) { try CardPlatformKey.publicKey(text) }
    }

    @Test("bad private keys", arguments: [
        ("", CardKeyError.empty),
        (CardFixture.publicKeyPEM, .unexpectedPEMLabel(found: "PUBLIC KEY", expected: ["PRIVATE KEY", "EC PRIVATE KEY"])),
        (Data(repeating: 0, count: 32).base64EncodedString(), .notP256Key),
        (Data(repeating: 1, count: 31).base64EncodedString(), .notP256Key),
        ("OaH0yhex+QCTPeq0rFCM5qE4YdZ1FHxiLrT70j2I1NA", .notBase64),
    ] as [(String, CardKeyError)])
    func badPrivateKeys(text: String, expected: CardKeyError) {
        #expect(throws: expected) { try CardPlatformKey.privateKey(text) }
    }

    @Test func errorDescriptionsHoldNoKeyMaterial() {
        let text = CardKeyError.unexpectedPEMLabel(found: "PRIVATE KEY", expected: ["PUBLIC KEY"]).description

        #expect(text == "the PEM block is \"PRIVATE KEY\", expected \"PUBLIC KEY\"")
    }
}
