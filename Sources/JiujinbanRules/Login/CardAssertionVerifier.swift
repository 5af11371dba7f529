import Crypto
import Foundation

/// A login the card platform has vouched for: signature, freshness and ticket checked. The nonce still has to be
/// recorded (`RecentNonces`, and the database) before the session is created.
public struct VerifiedCardLogin: Hashable, Sendable, CustomStringConvertible {
    public let ticket: String
    public let idNumber: ResidentIDNumber
    public let name: String
    public let issuedAt: Date
    public let nonce: String
    /// The nonce must be remembered until this instant; afterwards the assertion is stale and refused anyway.
    public let nonceExpiresAt: Date

    /// Masked, like `CardLoginAssertion.description`.
    public var description: String {
        "VerifiedCardLogin(ticket: \(ticket.prefix(4))…, idNumber: \(idNumber.masked), "
            + "name: \(Masking.maskedName(name)), issuedAt: \(issuedAt.timeIntervalSince1970))"
    }
}

/// Checks the electronic social-security card platform's login assertion (checklist S03): well-formed, signed with
/// the configured key (ECDSA P-256 with SHA-256, raw `r ‖ s`), recent, and for the expected ticket.
public struct CardAssertionVerifier: @unchecked Sendable {
    // @unchecked: swift-crypto 3.x does not mark its keys Sendable (4.x does); they are immutable values.
    public let publicKey: P256.Signing.PublicKey
    /// The oldest assertion accepted, in seconds; an assertion exactly this old is accepted.
    public let maxAge: TimeInterval
    /// How far the platform's clock may run ahead of ours, in seconds; exactly this far is accepted.
    public let maxClockSkew: TimeInterval

    public init(publicKey: P256.Signing.PublicKey, maxAge: TimeInterval = 120, maxClockSkew: TimeInterval = 30) {
        self.publicKey = publicKey
        self.maxAge = maxAge
        self.maxClockSkew = maxClockSkew
    }

    /// - Parameter expectedTicket: the ticket the waiting login page showed, or nil when the callback itself names
    ///   the ticket and the caller looks it up afterwards.
    public func verify(_ body: String, now: Date, expectedTicket: String?) -> Result<VerifiedCardLogin, CardAssertionError> {
        verify(Data(body.utf8), now: now, expectedTicket: expectedTicket)
    }

    public func verify(_ body: Data, now: Date, expectedTicket: String?) -> Result<VerifiedCardLogin, CardAssertionError> {
        CardAssertionWire.decode(body).flatMap { verify($0, now: now, expectedTicket: expectedTicket) }
    }

    public func verify(
        _ wire: CardAssertionWire, now: Date, expectedTicket: String?
    ) -> Result<VerifiedCardLogin, CardAssertionError> {
        guard wire.signature.count == CardAssertionWire.rawSignatureByteCount else {
            return .failure(.signatureNotRaw(byteCount: wire.signature.count))
        }
        guard isSigned(wire) else { return .failure(.invalidSignature) }

        let assertion = wire.assertion
        let age = now.timeIntervalSince(assertion.issuedAt)
        guard age <= maxAge else { return .failure(.expired(ageSeconds: age)) }
        guard -age <= maxClockSkew else { return .failure(.issuedInFuture(aheadSeconds: -age)) }
        if let expectedTicket, expectedTicket != assertion.ticket { return .failure(.ticketMismatch) }
        guard case .success(let idNumber) = ResidentIDNumber.parse(assertion.idNumber, today: CalendarDate(now)) else {
            return .failure(.invalidField(.idNumber))
        }
        return .success(VerifiedCardLogin(
            ticket: assertion.ticket, idNumber: idNumber, name: assertion.name, issuedAt: assertion.issuedAt,
            nonce: assertion.nonce, nonceExpiresAt: assertion.issuedAt.addingTimeInterval(maxAge)
        ))
    }

    /// The person named by an assertion whose signature verifies, even when it is refused for another reason (too
    /// old, issued in the future): the platform vouched for that person, so the refusal counts towards their login
    /// throttle (S04). Nil when the body is malformed or the signature does not verify: such a body names nobody.
    public func signedIDNumber(_ body: Data, now: Date) -> ResidentIDNumber? {
        guard case .success(let wire) = CardAssertionWire.decode(body), isSigned(wire),
              case .success(let idNumber) = ResidentIDNumber.parse(wire.assertion.idNumber, today: CalendarDate(now)) else {
            return nil
        }
        return idNumber
    }

    private func isSigned(_ wire: CardAssertionWire) -> Bool {
        guard wire.signature.count == CardAssertionWire.rawSignatureByteCount,
              let signature = try? P256.Signing.ECDSASignature(rawRepresentation: wire.signature) else { return false }
        return publicKey.isValidSignature(signature, for: wire.assertion.signingPayload)
    }
}
