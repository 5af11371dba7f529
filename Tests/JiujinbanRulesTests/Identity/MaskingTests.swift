import JiujinbanRules
import Testing

@Suite("脱敏 display masking")
struct MaskingTests {
    @Test("ID numbers keep the first 6 and last 4", arguments: [
        ("140830199001011232", "140830********1232"),
        ("11010519491231002X", "110105********002X"),
    ])
    func idNumber(value: String, masked: String) {
        #expect(Masking.maskedIDNumber(value) == masked)
    }

    @Test func phoneKeepsFirst3AndLast4() {
        #expect(Masking.maskedPhone("13812345678") == "138****5678")
    }

    @Test("names keep the first character", arguments: [
        ("张三", "张*"),
        ("张三丰", "张**"),
        ("欧阳娜娜", "欧***"),
        (" 李四\u{3000}", "李*"),
        ("阿依古丽·买买提", "阿***·***"),
        ("买买提・艾力", "买**・**"),
        ("𠮷野家", "𠮷**"),
        ("张𪚥", "张*"),
        ("王𠮷𪚥", "王**"),
        ("李😀", "李*"),
        ("Zhang San", "Z**** ***"),
        ("张", "*"),
        ("", ""),
    ])
    func name(value: String, masked: String) {
        #expect(Masking.maskedName(value) == masked)
    }

    @Test("card numbers keep the first 4 and last 4, short ones fewer", arguments: [
        ("1234567890123456789", "1234***********6789"),
        ("ABCD12345678", "ABCD****5678"),
        ("A12345678", "A1****678"),
        ("12345", "****5"),
        ("123", "***"),
        ("", ""),
    ])
    func cardNumber(value: String, masked: String) {
        #expect(Masking.maskedCardNumber(value) == masked)
    }

    @Test("at least four characters are always hidden", arguments: 0...30)
    func alwaysHidesFour(length: Int) {
        let value = String(repeating: "7", count: length)
        for masked in [Masking.maskedCardNumber(value), Masking.maskedIDNumber(value), Masking.maskedPhone(value)] {
            #expect(masked.count == length)
            #expect(masked.filter { $0 == "*" }.count >= min(4, length))
        }
    }
}
