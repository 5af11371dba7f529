import Foundation

/// 电子社保卡扫码确认: what the electronic social-security card platform asserts after a person scans the login QR
/// code and confirms on their phone (checklist S03).
///
/// The signature covers `signingPayload`, which is
///
///     UTF-8( "jjb-card-login-v1\n" + ticket + "\n" + idNumber + "\n" + name + "\n" + issuedAt + "\n" + nonce )
///
/// with `issuedAt` as decimal Unix seconds (`1795913730`, a leading `-` before 1970, no leading zeros) and no
/// newline at the end. Every field is checked on construction, so none contains a newline and the payload splits
/// back into the same fields:
///
/// - `ticket`: 16–128 base64url characters (`A–Z a–z 0–9 - _`);
/// - `idNumber`: 18 characters, 17 ASCII digits then a digit or `X` (the checksum is checked at verification);
/// - `name`: 1–64 characters, not blank, without control, line-separator, bidirectional or zero-width characters;
/// - `nonce`: 16–128 characters from `A–Z a–z 0–9 - _ . ~`.
public struct CardLoginAssertion: Hashable, Sendable, CustomStringConvertible {
    public static let payloadPrefix = "jjb-card-login-v1\n"

    public let ticket: String
    public let idNumber: String
    public let name: String
    /// Unix time in whole seconds.
    public let issuedAtSeconds: Int64
    public let nonce: String

    /// `issuedAt` is rounded down to the whole second.
    public init(ticket: String, idNumber: String, name: String, issuedAt: Date, nonce: String) throws(CardAssertionError) {
        let seconds = issuedAt.timeIntervalSince1970.rounded(.down)
        guard let whole = Int64(exactly: seconds) else { throw .invalidField(.issuedAt) }
        try self.init(ticket: ticket, idNumber: idNumber, name: name, issuedAtSeconds: whole, nonce: nonce)
    }

    public init(ticket: String, idNumber: String, name: String, issuedAtSeconds: Int64, nonce: String) throws(CardAssertionError) {
        guard (16...128).contains(ticket.utf8.count), ticket.utf8.allSatisfy(Base64URL.isAlphabet) else {
            throw .invalidField(.ticket)
        }
        guard Self.isWellFormedIDNumber(idNumber) else { throw .invalidField(.idNumber) }
        guard Self.isWellFormedName(name) else { throw .invalidField(.name) }
        guard (16...128).contains(nonce.utf8.count), nonce.utf8.allSatisfy(Self.isNonceCharacter) else {
            throw .invalidField(.nonce)
        }
        self.ticket = ticket
        self.idNumber = idNumber
        self.name = name
        self.issuedAtSeconds = issuedAtSeconds
        self.nonce = nonce
    }

    public var issuedAt: Date { Date(timeIntervalSince1970: TimeInterval(issuedAtSeconds)) }

    /// The exact bytes the platform signs.
    public var signingPayload: Data {
        let fields = [ticket, idNumber, name, String(issuedAtSeconds), nonce]
        return Data((Self.payloadPrefix + fields.joined(separator: "\n")).utf8)
    }

    /// Masked, so that logging an assertion leaks neither the person nor the ticket (checklist S20).
    public var description: String {
        "CardLoginAssertion(ticket: \(ticket.prefix(4))…, idNumber: \(Masking.maskedIDNumber(idNumber)), "
            + "name: \(Masking.maskedName(name)), issuedAt: \(issuedAtSeconds), nonce: \(nonce.prefix(4))…)"
    }

    private static func isWellFormedIDNumber(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count == 18 else { return false }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        return bytes.prefix(17).allSatisfy(isDigit) && (isDigit(bytes[17]) || bytes[17] == UInt8(ascii: "X"))
    }

    private static func isWellFormedName(_ value: String) -> Bool {
        (1...64).contains(value.count)
            && !value.unicodeScalars.allSatisfy(\.properties.isWhitespace)
            && !value.unicodeScalars.contains { AuditDetail.isRemoved($0) || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    private static func isNonceCharacter(_ byte: UInt8) -> Bool {
        Base64URL.isAlphabet(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
    }
}
