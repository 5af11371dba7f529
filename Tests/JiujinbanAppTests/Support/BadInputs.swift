import Foundation
import JiujinbanRules
import Vapor

/// Generated bad input for property tests (S22): every value is wrong for its field, drawn with a fixed seed so a
/// failure reproduces. Each case says which field it spoils and the Chinese names the refusal may use for it.
struct BadInputs {
    struct Case: CustomStringConvertible {
        let field: String
        let value: String
        let kind: String
        /// One of these must appear in the message for the field.
        let names: [String]

        var description: String { "\(field) ← \(kind): \(value.debugDescription.prefix(80))" }
    }

    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &random)] }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(int(0...9))) }) }

    static let chinese = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢")

    mutating func chineseText(_ count: Int) -> String { String((0..<count).map { _ in pick(Self.chinese) }) }

    /// A checksum-valid 18-digit number from its 17 digits.
    static func withCheck(_ first17: String) -> String { first17 + String(TestIdentity.checkCharacter(first17)) }

    mutating func validBody(birthYear: ClosedRange<Int> = 1950...2000) -> String {
        String(format: "140830%04d%02d%02d", int(birthYear), int(1...12), int(1...28)) + digits(3)
    }

    static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            ("0"..."9").contains(scalar) || scalar == "X" ? Unicode.Scalar(scalar.value + 0xFEE0)! : scalar
        }))
    }

    // MARK: ID numbers

    mutating func badIDNumber() -> (kind: String, value: String) {
        let body = validBody()
        let good = Self.withCheck(body)
        let wrongCheck = Array("0123456789X").map(String.init).filter { $0 != String(good.last!) }
        switch int(0...11) {
        case 0: return ("bad checksum", body + pick(wrongCheck))
        case 1:
            // A lowercase x where the check is a digit, or inside the number.
            let inside = int(0...16)
            let chars = Array(good)
            return ("lowercase x", int(0...1) == 0 && good.last != "X" ? body + "x" : String(chars[..<inside]) + "x" + String(chars[(inside + 1)...]))
        case 2: return ("full-width, bad checksum", Self.fullWidth(body + pick(wrongCheck)))
        case 3:
            // 15 digits whose birth date cannot exist (legacy numbers are 19YYMMDD).
            return ("15-digit impossible date", "140830" + pick(["880230", "871301", "900000", "850431"]) + digits(3))
        case 4: return ("15-digit with X", "140830880101" + digits(2) + "X")
        case 5:
            let date = pick(["19900230", "20230229", "19991301", "19000000", "19850431", "20000100"])
            return ("impossible date", Self.withCheck("140830" + date + digits(3)))
        case 6:
            let year = int(2027...2099)
            return ("future birth date", Self.withCheck(String(format: "140830%04d%02d%02d", year, int(1...12), int(1...28)) + digits(3)))
        case 7: return ("born before 1900", Self.withCheck("140830189912" + String(format: "%02d", int(1...28)) + digits(3)))
        case 8:
            let length = pick([1, 14, 16, 17, 19, 20, 300])
            return ("wrong length \(length)", digits(length))
        case 9: return ("letters", String(good.prefix(10)) + pick(["A", "О", "一", "🙂", "-", "/"]) + String(good.suffix(7)))
        case 10: return ("bad province", Self.withCheck(pick(["00", "10", "20", "66"]) + body.dropFirst(2)))
        default: return ("empty", pick(["", "   ", "\u{3000}"]))
        }
    }

    // MARK: Phones

    mutating func badPhone() -> (kind: String, value: String) {
        let mobile = "1" + String(int(3...9)) + digits(9)
        switch int(0...8) {
        case 0: return ("+86 and 10 digits", "+86 " + String(mobile.dropLast()))
        case 1: return ("+86 and 12 digits", "+86" + mobile + digits(1))
        case 2: return ("12 digits", mobile + digits(1))
        case 3: return ("spaces and 10 digits", String(mobile.dropLast()).enumerated().map { "\($0.element)" + ($0.offset % 3 == 2 ? " " : "") }.joined())
        case 4: return ("another country", pick(["+1 415 555 0100", "+852 9123 4567", "+44 7911 123456"]))
        case 5: return ("second digit 0–2", "1" + String(int(0...2)) + digits(9))
        case 6: return ("landline", "0359" + digits(7))
        case 7: return ("letters", String(mobile.prefix(6)) + pick(["a", "O", "零", "🙂", "#"]) + String(mobile.suffix(4)))
        default: return ("empty", pick(["", "  "]))
        }
    }

    // MARK: Text

    /// Bad single-line text for a field of at most `maxLength` characters.
    mutating func badText(maxLength: Int, personName: Bool) -> (kind: String, value: String) {
        let text = chineseText(int(2...min(6, maxLength - 1)))
        let cut = int(1...text.count - 1)
        let before = String(text.prefix(cut)), after = String(text.dropFirst(cut))
        let cases = personName ? 11 : 9
        switch int(0...cases) {
        case 0: return ("emoji", before + pick(["🙂", "😂", "👍🏽", "🇨🇳", "☎️", "❤️"]) + after)
        case 1: return ("control character", before + pick(["\u{0000}", "\u{0007}", "\u{001B}[31m", "\u{007F}", "\u{0085}"]) + after)
        case 2: return ("bidi control", before + pick(["\u{202E}", "\u{202D}", "\u{2066}", "\u{200F}", "\u{061C}"]) + after)
        case 3: return ("zero-width", before + pick(["\u{200B}", "\u{200C}", "\u{2060}", "\u{FEFF}"]) + after)
        case 4: return ("line break", before + pick(["\n", "\r\n", "\t", "\u{2028}", "\u{2029}"]) + after)
        case 5: return ("over-long", chineseText(maxLength + int(1...200)))
        case 6: return ("combining marks", before + String(repeating: "\u{0301}", count: 3 * maxLength) + after)
        case 7:
            let payload = pick(["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
                                "</textarea><script>alert('x')</script>", "<a href=\"javascript:alert(1)\">点我</a>"])
            return ("XSS inside Chinese text", before + payload + after)
        case 8: return ("blank", pick(["", " ", "\u{3000}\u{3000}", "\n"]))
        case 9: return ("variation selector emoji", before + "\u{2764}\u{FE0F}" + after)
        case 10: return ("digits or symbols in a name", before + pick(["1", "２", "@", "_", "?", "&", "（", "。"]) + after)
        default: return ("misplaced middle dot", pick(["·", "··"]) + text + pick(["", "·"]))
        }
    }

    // MARK: Forms

    /// One spoiled field of the account form (POST /accounts).
    mutating func accountCase() -> Case {
        switch int(0...2) {
        case 0:
            let bad = badIDNumber()
            return Case(field: "id_number", value: bad.value, kind: bad.kind, names: ["身份证号码"])
        case 1:
            let bad = badPhone()
            return Case(field: "phone", value: bad.value, kind: bad.kind, names: ["手机号码"])
        default:
            let bad = badText(maxLength: PersonName.maximumLength, personName: true)
            return Case(field: "name", value: bad.value, kind: bad.kind, names: ["姓名"])
        }
    }

    /// One spoiled field of the service-point form (POST /service-points).
    mutating func servicePointCase() -> Case {
        switch int(0...6) {
        case 0:
            let bad = badText(maxLength: 50, personName: false)
            return Case(field: "name", value: bad.value, kind: bad.kind, names: ["服务点名称"])
        case 1:
            let bad = badText(maxLength: 60, personName: false)
            return Case(field: "institution", value: bad.value, kind: bad.kind, names: ["服务点所属机构名称"])
        case 2:
            let bad = badText(maxLength: 100, personName: false)
            return Case(field: "address", value: bad.value, kind: bad.kind, names: ["服务点地址"])
        case 3:
            let value = pick(["abc", "200", "-110.5", "110°61′", "１１０．５", "NaN", "inf", "1e2", "110.5.3", "東經110",
                              String(repeating: "9", count: 400), "110\n5", "<b>110</b>", "🙂"])
            return Case(field: pick(["longitude", "latitude"]), value: value, kind: "bad angle", names: ["经度", "纬度"])
        case 4:
            let value = pick(["-1", "1.2345", "abc", "300", "1e3", "9,99,9999,999,999", "１２３４５６７８９０１２３", "0x10",
                              "3..5", "NaN", "三公里", "<script>1</script>", "5 km"])
            return Case(field: "farthest_km", value: value, kind: "bad distance", names: ["最远居民区距服务点距离"])
        case 5:
            let value = pick(["", "abc", "14083010000", "1408301000000", "140830999999", "140802000000", "１４０８３０１００００",
                              "140830100000\u{202E}", "140830100000<script>", "-140830100000", "000000000000"])
            return Case(field: "division_code", value: value, kind: "bad division", names: ["所属区划"])
        default:
            let value = pick(["", "castle", "BANK_BRANCH", "village", "community", "township_centre", "bank_branch\n", "<b>"])
            return Case(field: "kind", value: value, kind: "bad kind", names: ["服务点类型", "服务点"])
        }
    }
}

/// A form body with every byte outside `A–Z a–z 0–9 - . _ ~` percent-encoded, so `&`, `=`, `+` and line breaks
/// inside a value reach the server as part of that value.
func strictFormBody(_ fields: [(String, String)]) -> ByteBuffer {
    let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
    func encode(_ text: String) -> String {
        text.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
    }
    return ByteBuffer(string: fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&"))
}
