import Foundation

/// A field of the electronic social-security card login assertion, named as on the wire.
public enum CardAssertionField: String, Hashable, Sendable, CaseIterable {
    case ticket
    case idNumber
    case name
    case issuedAt
    case nonce
    case signature
}

/// Why a card login assertion was refused (checklist S03).
///
/// `message` is shown to the person at the login page; `description` goes to the application log and never holds
/// personal data or text from the request beyond a sanitized field name.
public enum CardAssertionError: Error, Hashable, Sendable, CustomStringConvertible {
    case tooLarge(byteCount: Int)
    /// Not a JSON object.
    case notJSONObject
    case missingField(CardAssertionField)
    case wrongType(CardAssertionField)
    /// A key the format does not have; carries the key, sanitized and shortened.
    case unexpectedField(String)
    /// The value breaks the field's rule (see `CardLoginAssertion`), or the signature is not base64url.
    case invalidField(CardAssertionField)
    /// The signature is not the 64-byte raw `r ‖ s` form (a DER signature is 70–72 bytes).
    case signatureNotRaw(byteCount: Int)
    /// The signature does not verify with the configured public key.
    case invalidSignature
    /// Issued more than `maxAge` seconds before now.
    case expired(ageSeconds: TimeInterval)
    /// Issued more than `maxClockSkew` seconds after now.
    case issuedInFuture(aheadSeconds: TimeInterval)
    /// Confirms a different QR ticket from the one the login page showed.
    case ticketMismatch
    /// The nonce has been seen before.
    case replayed
    /// Too many recent nonces to remember: refused rather than forgetting one that could then be replayed.
    case tooManyRecentLogins

    public var message: String {
        switch self {
        case .tooLarge, .notJSONObject, .missingField, .wrongType, .unexpectedField, .invalidField:
            "扫码确认信息格式错误，请刷新二维码后重新扫码"
        case .signatureNotRaw, .invalidSignature:
            "签名无效，请刷新二维码后重新扫码"
        case .expired:
            "扫码确认已过期，请刷新二维码后重新扫码"
        case .issuedInFuture:
            "扫码确认时间与服务器时间不符，请刷新二维码后重新扫码"
        case .ticketMismatch:
            "扫码确认与本页二维码不符，请刷新二维码后重新扫码"
        case .replayed:
            "该扫码确认已使用过，请刷新二维码后重新扫码"
        case .tooManyRecentLogins:
            "当前登录人数较多，请稍后重试"
        }
    }

    public var description: String {
        switch self {
        case .tooLarge(let byteCount): "card assertion too large: \(byteCount) bytes"
        case .notJSONObject: "card assertion is not a JSON object"
        case .missingField(let field): "card assertion lacks field \(field.rawValue)"
        case .wrongType(let field): "card assertion field \(field.rawValue) has the wrong JSON type"
        case .unexpectedField(let key): "card assertion has unexpected field \"\(key)\""
        case .invalidField(let field): "card assertion field \(field.rawValue) is malformed"
        case .signatureNotRaw(let byteCount): "card assertion signature is \(byteCount) bytes, not raw r||s (64)"
        case .invalidSignature: "card assertion signature does not verify"
        case .expired(let age): "card assertion expired: issued \(age) s ago"
        case .issuedInFuture(let ahead): "card assertion issued \(ahead) s in the future"
        case .ticketMismatch: "card assertion is for another ticket"
        case .replayed: "card assertion nonce replayed"
        case .tooManyRecentLogins: "recent-nonce ledger is full"
        }
    }
}
