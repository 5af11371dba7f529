import JiujinbanRules
import Testing

@Suite("审计说明 sanitized detail")
struct AuditDetailTests {
    @Test("cannot start a new line or hide text", arguments: [
        ("改名为张三", "改名为张三"),
        ("ok\n2026-11-29 admin login.succeeded", "ok 2026-11-29 admin login.succeeded"),
        ("a\r\nb", "a b"),
        ("a\tb", "a b"),
        ("a\u{85}b\u{2028}c\u{2029}d", "a b c d"),
        ("  前后空格  ", "前后空格"),
        ("a   b", "a b"),
        ("\u{1B}[31mred\u{1B}[0m", "[31mred[0m"),
        ("nul\u{0}byte\u{7F}del\u{9B}csi", "nulbytedelcsi"),
        ("\u{202E}lmth.exe", "lmth.exe"),
        ("a\u{2066}b\u{2069}c\u{200F}d\u{061C}e", "abcde"),
        ("zero\u{200B}width\u{FEFF}", "zerowidth"),
        ("\n\n", ""),
        ("", ""),
    ] as [(String, String)])
    func strips(raw: String, clean: String) {
        #expect(AuditDetail.sanitized(raw) == clean)
    }

    @Test("full ID numbers and phones are masked", arguments: [
        ("查看140830199001011232的资料", "查看140830********1232的资料"),
        ("查看11010519491231002X", "查看110105********002X"),
        ("查看11010519491231002x", "查看110105********002x"),
        ("电话13812345678", "电话138****5678"),
        ("电话１３８１２３４５６７８", "电话１３８****５６７８"),
        ("142723650815001", "142723*****5001"),
        ("表号2026110001", "表号2026110001"),
        ("138-1234-5678", "138-1234-5678"),
    ] as [(String, String)])
    func masksIdentifiers(raw: String, clean: String) {
        #expect(AuditDetail.sanitized(raw) == clean)
    }

    @Test func capsLength() {
        let long = String(repeating: "长", count: 500)

        let clean = AuditDetail.sanitized(long)

        #expect(clean.count == AuditDetail.defaultMaximumLength)
        #expect(clean.hasSuffix("…"))
        #expect(AuditDetail.sanitized("短", maximumLength: 1) == "短")
        #expect(AuditDetail.sanitized("长长", maximumLength: 1) == "…")
    }

    @Test func combiningMarksCountTowardsTheCap() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 1000) + "b"

        let clean = AuditDetail.sanitized(zalgo, maximumLength: 10)

        #expect(clean == "…")
        #expect(clean.unicodeScalars.count <= 10)
    }

    @Test func alreadyCleanTextIsUnchanged() {
        let text = "阿依古丽·买买提 申请 失业登记 (编号 SQ-2026-0001)"

        #expect(AuditDetail.sanitized(text) == text)
        #expect(AuditDetail.sanitized(AuditDetail.sanitized(text + "\n\u{202E}x")) == AuditDetail.sanitized(text + "\n\u{202E}x"))
    }

    @Test("a long message (an import's refusal) is masked whole: every ID number and phone, the rest unchanged")
    func longMessagesMaskedWhole() {
        let line = "第12行 id_number：140830199001011232 与 13800001234 不符，档次500元"
        let text = Array(repeating: line, count: 5_000).joined(separator: "\n")
        let masked = LogText.escaped(text)
        #expect(!masked.contains("140830199001011232") && !masked.contains("13800001234"))
        #expect(masked.components(separatedBy: "140830********1232").count == 5_001)
        #expect(masked.components(separatedBy: "138****1234").count == 5_001)
        #expect(masked.contains("档次500元") && masked.contains("第12行"))
    }
}
