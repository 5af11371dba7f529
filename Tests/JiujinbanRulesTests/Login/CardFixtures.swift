import Crypto
import Foundation
import JiujinbanRules

/// The test card-platform key, its encodings and one signature, all made with Python's `cryptography` package (the
/// key is SHA-256 of "jiujinban card platform test key"), so the tests also prove interoperability with another
/// ECDSA implementation.
enum CardFixture {
    static let privateKeyPKCS8PEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgOaH0yhex+QCTPeq0
        rFCM5qE4YdZ1FHxiLrT70j2I1NChRANCAAS1lQJoGSIc+dabd0Cvc6CwCo1IX73m
        +RajFEZJor+GxhHGq4gC+3rE0SoOuFN8CRQtPlrAnt4+y9QlFBe2Zm5b
        -----END PRIVATE KEY-----
        """

    static let privateKeySEC1PEM = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIDmh9MoXsfkAkz3qtKxQjOahOGHWdRR8Yi60+9I9iNTQoAoGCCqGSM49
        AwEHoUQDQgAEtZUCaBkiHPnWm3dAr3OgsAqNSF+95vkWoxRGSaK/hsYRxquIAvt6
        xNEqDrhTfAkULT5awJ7ePsvUJRQXtmZuWw==
        -----END EC PRIVATE KEY-----
        """

    static let privateKeyRawBase64 = "OaH0yhex+QCTPeq0rFCM5qE4YdZ1FHxiLrT70j2I1NA="

    static let publicKeyPEM = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtZUCaBkiHPnWm3dAr3OgsAqNSF+9
        5vkWoxRGSaK/hsYRxquIAvt6xNEqDrhTfAkULT5awJ7ePsvUJRQXtmZuWw==
        -----END PUBLIC KEY-----
        """

    static let publicKeyX963Base64 = "BLWVAmgZIhz51pt3QK9zoLAKjUhfveb5FqMURkmiv4bGEcariAL7esTRKg64U3wJFC0+WsCe3j7L1CUUF7Zmbls="

    static let p384PublicKeyPEM = """
        -----BEGIN PUBLIC KEY-----
        MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEC0lLNLNXPsvYihDDX93Co+adeSn+D4FB
        Cx/eVwT5iMH4bWlcmLvA8t6BrURQAkj54kHykW1zjynoxSMuS1szzHwFBXAReF3o
        JVzdYKf/Z/dendlZXLDiZWmPm0PLr/h2
        -----END PUBLIC KEY-----
        """

    /// Python's signature over `assertion()`'s payload, as raw `r ‖ s` and as DER, both base64url.
    static let externalRawSignature = "9hJvrIrMgvBVTTzsWLabtWE4O8NFEICiTSTDcv0J5fzbcQ5oJbpMIjHptFHaR-2NO_yHjkeqZ6gEHMIDfgiKDw"
    static let externalDERSignature = "MEYCIQD2Em-sisyC8FVNPOxYtpu1YTg7w0UQgKJNJMNy_Qnl_AIhANtxDmglukwiMem0UdpH7Y07_IeOR6pnqAQcwgN-CIoP"

    static let signer = CardAssertionSigner(privateKey: try! CardPlatformKey.privateKey(privateKeyPKCS8PEM))
    static let verifier = CardAssertionVerifier(publicKey: try! CardPlatformKey.publicKey(publicKeyPEM))

    static let ticket = "q7V3xk2Tn9YbLc4R8wPz0A"
    static let idNumber = "140830199001011232"
    static let name = "张三"
    /// 2026-11-29T00:55:30Z
    static let issuedAtSeconds: Int64 = 1_795_913_730
    static let issuedAt = Date(timeIntervalSince1970: TimeInterval(issuedAtSeconds))
    static let nonce = "n-2026-11-29-000001"

    static func assertion(
        ticket: String = ticket, idNumber: String = idNumber, name: String = name,
        issuedAtSeconds: Int64 = issuedAtSeconds, nonce: String = nonce
    ) -> CardLoginAssertion {
        try! CardLoginAssertion(ticket: ticket, idNumber: idNumber, name: name, issuedAtSeconds: issuedAtSeconds, nonce: nonce)
    }

    /// A callback body signed with the test key.
    static func body(_ assertion: CardLoginAssertion = assertion()) -> Data {
        try! signer.sign(assertion).encoded()
    }

    /// The signed body as a JSON object, changed by `change`, encoded again.
    static func body(changing change: (inout [String: Any]) -> Void) -> Data {
        var object = try! JSONSerialization.jsonObject(with: body()) as! [String: Any]
        change(&object)
        return try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    static func date(secondsAfterIssue seconds: TimeInterval) -> Date {
        issuedAt.addingTimeInterval(seconds)
    }
}
