import Crypto
import Foundation

/// Why a configured card-platform key could not be loaded. Descriptions name the problem, never key material.
public enum CardKeyError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    /// A PEM block of the wrong kind, e.g. a private key where the public key belongs.
    case unexpectedPEMLabel(found: String, expected: [String])
    /// Starts like PEM but is not a well-formed PEM block.
    case malformedPEM
    /// Neither PEM nor standard base64.
    case notBase64
    /// Decodes, but is not a P-256 key in the expected form.
    case notP256Key

    public var description: String {
        switch self {
        case .empty:
            "the key is empty"
        case .unexpectedPEMLabel(let found, let expected):
            "the PEM block is \"\(found)\", expected " + expected.map { "\"\($0)\"" }.joined(separator: " or ")
        case .malformedPEM:
            "the PEM block is malformed"
        case .notBase64:
            "the key is neither PEM nor base64"
        case .notP256Key:
            "the key is not a P-256 key of the expected form"
        }
    }
}

/// Loads the card platform's keys from configuration text.
public enum CardPlatformKey {
    /// The platform's public key, as PEM (`-----BEGIN PUBLIC KEY-----`, SubjectPublicKeyInfo) or as standard
    /// base64 of the 65-byte uncompressed ANSI x9.63 point (`04 ‖ x ‖ y`).
    public static func publicKey(_ text: String) throws(CardKeyError) -> P256.Signing.PublicKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let label = try pemLabel(trimmed) {
            guard label == "PUBLIC KEY" else { throw .unexpectedPEMLabel(found: label, expected: ["PUBLIC KEY"]) }
            do { return try P256.Signing.PublicKey(pemRepresentation: trimmed) } catch { throw .notP256Key }
        }
        let bytes = try base64(trimmed)
        guard bytes.count == 65, bytes.first == 0x04 else { throw .notP256Key }
        do { return try P256.Signing.PublicKey(x963Representation: bytes) } catch { throw .notP256Key }
    }

    /// A signing key for the development simulator, as PEM (`PRIVATE KEY`, PKCS #8, or `EC PRIVATE KEY`, SEC 1) or
    /// as standard base64 of the 32-byte raw scalar.
    public static func privateKey(_ text: String) throws(CardKeyError) -> P256.Signing.PrivateKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let label = try pemLabel(trimmed) {
            let accepted = ["PRIVATE KEY", "EC PRIVATE KEY"]
            guard accepted.contains(label) else { throw .unexpectedPEMLabel(found: label, expected: accepted) }
            do { return try P256.Signing.PrivateKey(pemRepresentation: trimmed) } catch { throw .notP256Key }
        }
        let bytes = try base64(trimmed)
        guard bytes.count == 32 else { throw .notP256Key }
        do { return try P256.Signing.PrivateKey(rawRepresentation: bytes) } catch { throw .notP256Key }
    }

    /// The label of a PEM block (`PUBLIC KEY`), or nil when the text is not PEM at all.
    private static func pemLabel(_ text: String) throws(CardKeyError) -> String? {
        let begin = "-----BEGIN "
        guard text.hasPrefix(begin) else { return nil }
        guard let firstLine = text.split(whereSeparator: \.isNewline).first, firstLine.hasSuffix("-----") else {
            throw .malformedPEM
        }
        let label = firstLine.dropFirst(begin.count).dropLast(5)
        guard (1...40).contains(label.count), label.allSatisfy({ $0.isASCII && ($0.isUppercase || $0 == " ") }),
              text.hasSuffix("-----END \(label)-----")
        else { throw .malformedPEM }
        return String(label)
    }

    private static func base64(_ text: String) throws(CardKeyError) -> Data {
        guard !text.isEmpty else { throw .empty }
        guard let bytes = Data(base64Encoded: text) else { throw .notBase64 }
        return bytes
    }
}
