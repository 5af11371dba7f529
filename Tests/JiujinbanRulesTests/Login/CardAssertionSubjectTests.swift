import Crypto
import Foundation
import JiujinbanRules
import Testing

@Suite("The person a signed but refused assertion names (S04)")
struct CardAssertionSubjectTests {
    @Test("a stale, early or other-ticket assertion that verifies still names its person")
    func signedButRefused() {
        for seconds in [121.0, -31, 3_600] {
            let now = CardFixture.date(secondsAfterIssue: seconds)
            #expect((try? CardFixture.verifier.verify(CardFixture.body(), now: now, expectedTicket: nil).get()) == nil)
            #expect(CardFixture.verifier.signedIDNumber(CardFixture.body(), now: now)?.value == CardFixture.idNumber)
        }
    }

    @Test("a body signed with another key, tampered with, or malformed names nobody")
    func unsignedNamesNobody() throws {
        let now = CardFixture.date(secondsAfterIssue: 1)
        let otherKey = CardAssertionSigner(privateKey: P256.Signing.PrivateKey())
        let foreign = try otherKey.sign(CardFixture.assertion()).encoded()
        #expect(CardFixture.verifier.signedIDNumber(foreign, now: now) == nil)
        let tampered = CardFixture.body { $0["idNumber"] = "11010519491231002X" }
        #expect(CardFixture.verifier.signedIDNumber(tampered, now: now) == nil)
        #expect(CardFixture.verifier.signedIDNumber(Data("{}".utf8), now: now) == nil)
    }
}
