import Foundation

/// 登录二维码票据: the single-use ticket behind the QR code on the login page (checklist S02).
///
/// The id is the only secret in the QR code, so it carries 128 bits from a cryptographically secure generator; the
/// app binds it to the browser session that displayed it and stores when it was created and consumed.
public enum LoginTicket {
    /// 16 bytes = 128 random bits, 22 base64url characters.
    public static let randomByteCount = 16

    /// How long a ticket can be scanned (P): configuration, 120 s by default.
    public static let defaultLifetime: TimeInterval = 120

    public enum State: String, Hashable, Sendable {
        case fresh
        case expired
        /// Already used to log in (or to attempt it): never again, whatever the time.
        case consumed
    }

    /// A new ticket id from the system's cryptographically secure generator.
    public static func generateID() -> String {
        var generator = SystemRandomNumberGenerator()
        return generateID(using: &generator)
    }

    /// A new ticket id from `generator`; tests pass a seeded generator, production code the system one.
    public static func generateID(using generator: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(randomByteCount)
        while bytes.count < randomByteCount {
            withUnsafeBytes(of: generator.next().littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Base64URL.encode(bytes.prefix(randomByteCount))
    }

    /// A consumed ticket is `consumed`; otherwise it is `fresh` up to and including `lifetime` seconds after
    /// creation, then `expired`. A creation time slightly ahead of `now` (clocks of two app instances) is fresh.
    public static func state(
        createdAt: Date, consumedAt: Date?, now: Date, lifetime: TimeInterval = defaultLifetime
    ) -> State {
        if consumedAt != nil { return .consumed }
        return now.timeIntervalSince(createdAt) <= lifetime ? .fresh : .expired
    }
}
