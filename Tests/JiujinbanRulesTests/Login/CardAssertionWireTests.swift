import Foundation
import JiujinbanRules
import Testing

private func decodeError(_ body: Data) -> CardAssertionError? {
    if case .failure(let error) = CardAssertionWire.decode(body) { error } else { nil }
}

@Suite("电子社保卡扫码登录 wire format")
struct CardAssertionWireTests {
    /// The signed bytes, spelled out: changing them breaks every deployed card-platform adapter.
    @Test func signingPayloadKnownAnswer() {
        let payload = CardFixture.assertion().signingPayload

        #expect(String(decoding: payload, as: UTF8.self)
            == "jjb-card-login-v1\nq7V3xk2Tn9YbLc4R8wPz0A\n140830199001011232\n张三\n1795913730\nn-2026-11-29-000001")
    }

    @Test func encodedBodyRoundTrips() throws {
        let wire = try CardFixture.signer.sign(CardFixture.assertion())

        let body = wire.encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])

        #expect(try CardAssertionWire.decode(body).get() == wire)
        #expect(Set(object.keys) == Set(CardAssertionField.allCases.map(\.rawValue)))
        #expect(object["issuedAt"] as? Int == 1_795_913_730)
        #expect((object["signature"] as? String)?.count == 86)
    }

    @Test func issuedAtIsRoundedDownToTheSecond() throws {
        let assertion = try CardLoginAssertion(
            ticket: CardFixture.ticket, idNumber: CardFixture.idNumber, name: "张三",
            issuedAt: CardFixture.issuedAt.addingTimeInterval(0.999), nonce: CardFixture.nonce
        )

        #expect(assertion.issuedAtSeconds == CardFixture.issuedAtSeconds)
        #expect(assertion == CardFixture.assertion())
    }

    @Test("a missing field", arguments: CardAssertionField.allCases)
    func missingField(field: CardAssertionField) {
        let body = CardFixture.body { $0.removeValue(forKey: field.rawValue) }

        #expect(decodeError(body) == .missingField(field))
    }

    @Test("a value of the wrong JSON type", arguments: [
        ("ticket", NSNull()),
        ("idNumber", 140_830_199_001_011_232 as Int),
        ("name", ["张三"]),
        ("issuedAt", "1795913730"),
        ("issuedAt", 1_795_913_730.5),
        ("issuedAt", true),
        ("nonce", ["n": 1]),
        ("signature", 0),
    ] as [(String, any Sendable)])
    func wrongType(field: String, value: any Sendable) {
        let body = CardFixture.body { $0[field] = value }

        #expect(decodeError(body) == .wrongType(CardAssertionField(rawValue: field)!))
    }

    @Test("a field that breaks its rule", arguments: [
        ("ticket", "short"),
        ("ticket", "q7V3xk2Tn9YbLc4R8wPz0A+"),
        ("ticket", "q7V3xk2Tn9YbLc4R8wPz0A\n"),
        ("idNumber", "14083019900101123"),
        ("idNumber", "14083019900101123x"),
        ("idNumber", "１40830199001011232"),
        ("idNumber", "140830199001011232\n"),
        ("name", ""),
        ("name", "  "),
        ("name", "张三\nadmin"),
        ("name", "张三\u{2028}"),
        ("name", "\u{202E}三张"),
        ("name", String(repeating: "张", count: 65)),
        ("nonce", "n-2026-11-29"),
        ("nonce", "n-2026-11-29-000001\n"),
        ("nonce", "n 2026-11-29-000001"),
        ("signature", "9hJvrIrMgvBVTTzsWLabtWE4O8NFEICiTSTDcv0J5fzbcQ5oJbpMIjHptFHaR+2NO/yHjkeqZ6gEHMIDfgiKDw"),
        ("signature", "9hJvrIrMgvBVTTzsWLabtWE4O8NFEICiTSTDcv0J5fzbcQ5oJbpMIjHptFHaR-2NO_yHjkeqZ6gEHMIDfgiKDw=="),
        ("signature", "9hJvrIrMgvBVTTzsWLabtWE4O8NFEICiTSTDcv0J5fzbcQ5oJbpMIjHptFHaR-2NO_yHjkeqZ6gEHMIDfgiKDx"),
    ] as [(String, String)])
    func invalidField(field: String, value: String) {
        let body = CardFixture.body { $0[field] = value }

        #expect(decodeError(body) == .invalidField(CardAssertionField(rawValue: field)!))
    }

    @Test func unexpectedFieldIsNamedSafely() {
        #expect(decodeError(CardFixture.body { $0["role"] = "admin" }) == .unexpectedField("role"))
        #expect(decodeError(CardFixture.body { $0["x\nINFO forged"] = 1 }) == .unexpectedField("x INFO forged"))
    }

    @Test("not a JSON object", arguments: ["", "null", "[]", "\"text\"", "{", "ticket=abc", "{\"ticket\":\"a\"}}"])
    func notAnObject(text: String) {
        #expect(decodeError(Data(text.utf8)) == .notJSONObject)
    }

    @Test func tooLarge() {
        let body = CardFixture.body { $0["name"] = String(repeating: "张", count: 2000) }

        #expect(decodeError(body) == .tooLarge(byteCount: body.count))
    }

    @Test func rawSignatureLengthIsChecked() {
        let short = CardFixture.body { $0["signature"] = Base64URL.encode(Data(repeating: 1, count: 63)) }
        let long = CardFixture.body { $0["signature"] = Base64URL.encode(Data(repeating: 1, count: 65)) }

        #expect(decodeError(short) == .signatureNotRaw(byteCount: 63))
        #expect(decodeError(long) == .signatureNotRaw(byteCount: 65))
    }

    @Test func constructionChecksEveryField() {
        #expect(throws: CardAssertionError.invalidField(.name)) {
            try CardLoginAssertion(
                ticket: CardFixture.ticket, idNumber: CardFixture.idNumber, name: "张\n三",
                issuedAtSeconds: CardFixture.issuedAtSeconds, nonce: CardFixture.nonce
            )
        }
        #expect(throws: CardAssertionError.invalidField(.issuedAt)) {
            try CardLoginAssertion(
                ticket: CardFixture.ticket, idNumber: CardFixture.idNumber, name: "张三",
                issuedAt: Date(timeIntervalSince1970: 1e30), nonce: CardFixture.nonce
            )
        }
    }
}
