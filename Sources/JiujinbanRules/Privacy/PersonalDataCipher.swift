import Crypto
import Foundation

/// Encryption at rest of sensitive personal information (ID numbers, phones): AES-256-GCM with a key kept outside
/// the database, plus a keyed blind index (HMAC-SHA256) so an exact ID number can still be found without
/// decrypting every row (PIPL Art. 51; security checklist S21).
public struct PersonalDataCipher: Sendable {
    private let encryptionKey: SymmetricKey
    private let indexKey: SymmetricKey

    public enum Problem: Error, Equatable, Sendable {
        case keyNot32Bytes(String)
        case unreadableCiphertext
    }

    public init(encryptionKey: SymmetricKey, indexKey: SymmetricKey) throws(Problem) {
        guard encryptionKey.bitCount == 256 else { throw .keyNot32Bytes("encryption") }
        guard indexKey.bitCount == 256 else { throw .keyNot32Bytes("index") }
        self.encryptionKey = encryptionKey
        self.indexKey = indexKey
    }

    /// Base64 of nonce ‖ ciphertext ‖ tag (AES-GCM's combined form), with a `v1:` prefix so the key or algorithm
    /// can change later without guessing what an old value is.
    public func seal(_ plaintext: String, context: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw Problem.unreadableCiphertext }
        return "v1:" + combined.base64EncodedString()
    }

    /// The `context` (e.g. the column name) is authenticated: a value copied into another column does not open.
    public func open(_ sealed: String, context: String) throws -> String {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))),
              let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: encryptionKey, authenticating: Data(context.utf8)),
              let text = String(data: plain, encoding: .utf8) else { throw Problem.unreadableCiphertext }
        return text
    }

    /// Deterministic keyed digest for exact lookup; the `context` keeps ID-number and phone indexes apart.
    public func blindIndex(_ value: String, context: String) -> String {
        var hmac = HMAC<SHA256>(key: indexKey)
        hmac.update(data: Data(context.utf8))
        hmac.update(data: Data([0]))
        hmac.update(data: Data(value.utf8))
        return Data(hmac.finalize()).base64EncodedString()
    }
}
