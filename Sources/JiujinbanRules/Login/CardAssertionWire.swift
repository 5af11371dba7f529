import Foundation

/// The callback body the card platform posts: a JSON object with exactly these keys
///
///     {"ticket": "…", "idNumber": "…", "name": "…", "issuedAt": 1795913730, "nonce": "…", "signature": "…"}
///
/// where `issuedAt` is an integer (Unix seconds) and `signature` is the base64url (no padding) encoding of the
/// 64-byte raw ECDSA P-256 signature `r ‖ s` (each big-endian, 32 bytes) over SHA-256 of
/// `CardLoginAssertion.signingPayload`. DER signatures are refused. Unknown keys are refused, so a change of format
/// on either side shows up at once instead of being half-read.
public struct CardAssertionWire: Hashable, Sendable {
    /// Larger bodies are refused before parsing.
    public static let maximumByteCount = 4096
    public static let rawSignatureByteCount = 64

    public let assertion: CardLoginAssertion
    public let signature: Data

    public init(assertion: CardLoginAssertion, signature: Data) {
        self.assertion = assertion
        self.signature = signature
    }

    /// Reads a callback body, refusing anything malformed with the first problem found.
    public static func decode(_ body: Data) -> Result<CardAssertionWire, CardAssertionError> {
        guard body.count <= maximumByteCount else { return .failure(.tooLarge(byteCount: body.count)) }
        do {
            return .success(try JSONDecoder().decode(Fields.self, from: body).wire)
        } catch let error as CardAssertionError {
            return .failure(error)
        } catch {
            return .failure(.notJSONObject)
        }
    }

    /// The JSON body, keys sorted.
    public func encoded() -> Data {
        let object: [String: WireValue] = [
            CardAssertionField.ticket.rawValue: .text(assertion.ticket),
            CardAssertionField.idNumber.rawValue: .text(assertion.idNumber),
            CardAssertionField.name.rawValue: .text(assertion.name),
            CardAssertionField.issuedAt.rawValue: .integer(assertion.issuedAtSeconds),
            CardAssertionField.nonce.rawValue: .text(assertion.nonce),
            CardAssertionField.signature.rawValue: .text(Base64URL.encode(signature)),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and integers always encode.
        return try! encoder.encode(object)
    }

    private enum WireValue: Encodable {
        case text(String)
        case integer(Int64)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .integer(let integer): try container.encode(integer)
            }
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Fields: Decodable {
        let wire: CardAssertionWire

        init(from decoder: any Decoder) throws {
            let container: KeyedDecodingContainer<Key>
            do { container = try decoder.container(keyedBy: Key.self) } catch { throw CardAssertionError.notJSONObject }
            if let unknown = container.allKeys.first(where: { CardAssertionField(rawValue: $0.stringValue) == nil }) {
                throw CardAssertionError.unexpectedField(AuditDetail.sanitized(unknown.stringValue, maximumLength: 40))
            }
            func value<T: Decodable>(_ field: CardAssertionField, as type: T.Type) throws -> T {
                let key = Key(stringValue: field.rawValue)
                guard container.contains(key) else { throw CardAssertionError.missingField(field) }
                do { return try container.decode(T.self, forKey: key) } catch { throw CardAssertionError.wrongType(field) }
            }
            let ticket = try value(.ticket, as: String.self)
            let idNumber = try value(.idNumber, as: String.self)
            let name = try value(.name, as: String.self)
            let issuedAt = try value(.issuedAt, as: Int64.self)
            let nonce = try value(.nonce, as: String.self)
            let signatureText = try value(.signature, as: String.self)
            let assertion = try CardLoginAssertion(
                ticket: ticket, idNumber: idNumber, name: name, issuedAtSeconds: issuedAt, nonce: nonce
            )
            guard let signature = Base64URL.decode(signatureText) else {
                throw CardAssertionError.invalidField(.signature)
            }
            guard signature.count == CardAssertionWire.rawSignatureByteCount else {
                throw CardAssertionError.signatureNotRaw(byteCount: signature.count)
            }
            wire = CardAssertionWire(assertion: assertion, signature: signature)
        }
    }
}
