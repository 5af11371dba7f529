import Crypto
import Foundation

/// Signs assertions as the card platform would: used by the development simulator and tests only, with a
/// development key; production never holds the platform's private key.
public struct CardAssertionSigner: @unchecked Sendable {
    // @unchecked: swift-crypto 3.x does not mark its keys Sendable (4.x does); they are immutable values.
    public let privateKey: P256.Signing.PrivateKey

    public init(privateKey: P256.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    public var publicKey: P256.Signing.PublicKey { privateKey.publicKey }

    public func sign(_ assertion: CardLoginAssertion) throws -> CardAssertionWire {
        let signature = try privateKey.signature(for: assertion.signingPayload)
        return CardAssertionWire(assertion: assertion, signature: signature.rawRepresentation)
    }
}
