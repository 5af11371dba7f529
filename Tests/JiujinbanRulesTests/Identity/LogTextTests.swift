@testable import JiujinbanRules
import Testing

@Suite("Text bound for the application log (S20)")
struct LogTextTests {
    @Test("line breaks and invisible characters are escaped, not removed: a forged line stays visible")
    func escapes() {
        #expect(LogText.escaped("GET /a\nINFO forged") == "GET /a\\nINFO forged")
        #expect(LogText.escaped("a\r\nb\tc") == "a\\r\\nb\\tc")
        #expect(LogText.escaped("a\u{2028}b\u{0085}c\u{202E}d\u{0000}e") == "a\\u{2028}b\\u{85}c\\u{202E}d\\u{0}e")
        #expect(LogText.escaped("普通 text, 12 digits? no: 140830") == "普通 text, 12 digits? no: 140830")
    }

    @Test("ID numbers and phones are masked")
    func masks() {
        #expect(LogText.escaped("id=140830198802145174 phone 13912345678") == "id=140830********5174 phone 139****5678")
        #expect(!LogText.escaped("x14083019880214517Xy").contains("198802145"))
    }

    @Test("plain ASCII lines are passed through unchanged, but 11 digits in a row or any other character are not plain")
    func plainFastPath() {
        let requestID = "request-id=2E96ED0F-C40C-4973-9645-E3513124239C POST /cases 303"
        #expect(LogText.isPlain(requestID))
        #expect(LogText.escaped(requestID) == requestID)
        #expect(LogText.isPlain("1391234567 x"))
        #expect(!LogText.isPlain("13912345678"))
        #expect(LogText.escaped("a13912345678") == "a139****5678")
        #expect(!LogText.isPlain("a\tb"))
        #expect(!LogText.isPlain("名"))
        #expect(!LogText.isPlain("a\u{7F}"))
    }
}
