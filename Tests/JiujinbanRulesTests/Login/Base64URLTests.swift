import Foundation
import JiujinbanRules
import Testing

@Suite("base64url")
struct Base64URLTests {
    @Test("round trips", arguments: 0...40)
    func roundTrip(count: Int) throws {
        let bytes = Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 7) })

        let text = Base64URL.encode(bytes)

        #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
        #expect(try #require(Base64URL.decode(text)) == bytes)
    }

    @Test func knownAnswers() {
        #expect(Base64URL.encode(Data([0xFB, 0xFF])) == "-_8")
        #expect(Base64URL.decode("-_8") == Data([0xFB, 0xFF]))
        #expect(Base64URL.decode("") == Data())
    }

    @Test("refuses anything but the canonical spelling", arguments: [
        "-_8=", "+/8", "-_ 8", "-_8\n", "A", "AB", "AAB", "-_9", "Zm9v\u{0}",
    ])
    func refuses(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
