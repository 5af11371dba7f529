import JiujinbanRules
import Testing

@Suite("姓名 real names (S22)")
struct PersonNameTests {
    func check(_ raw: String) -> (value: String, message: String?) {
        var errors = FieldErrors()
        let value = PersonName.validate(raw, field: "name", into: &errors)
        return (value, errors.message(for: "name"))
    }

    @Test("names as on ID cards are accepted; middle dots are unified", arguments: [
        ("王建华", "王建华"), ("  欧阳娜娜 ", "欧阳娜娜"), ("买买提·艾力", "买买提·艾力"), ("买买提・艾力", "买买提·艾力"),
        ("阿依古丽•买买提", "阿依古丽·买买提"), ("𠈌小明", "𠈌小明"), ("李〇", "李〇"), ("John Smith", "John Smith"),
        ("玛丽亚·安娜·埃斯特", "玛丽亚·安娜·埃斯特"),
    ])
    func accepted(raw: String, stored: String) {
        let result = check(raw)
        #expect(result.message == nil, "\(raw)")
        #expect(result.value == stored)
    }

    @Test("everything else is refused with a message naming 姓名", arguments: [
        "", "　", "张🙂", "张\u{202E}三", "张\u{200B}三", "张\n三", "张\t三", "张\u{0007}三", "张三1", "张三<b>",
        "张三@", "·张三", "张三·", "买买提··艾力", "张 三", "John  Smith", String(repeating: "王", count: 21),
        "张" + String(repeating: "\u{0301}", count: 60), "❤\u{FE0F}",
    ])
    func refused(raw: String) {
        let message = check(raw).message
        #expect(message?.contains("姓名") == true, "\(raw.debugDescription) → \(message ?? "accepted")")
    }
}

@Suite("Single-line text fields (S22)")
struct SingleLineTextTests {
    @Test("line breaks, invisible characters, emoji and markup are refused; the field is named", arguments: [
        ("网点\n名称", "只能填写一行"), ("网点\u{2028}名称", "控制字符"), ("网点\u{FEFF}", "控制字符"), ("网点\u{061C}", "控制字符"),
        ("网点🏦", "表情符号"), ("网点☎\u{FE0F}", "表情符号"), ("网点<script>", "“<”“>”"), ("网点" + String(repeating: "\u{0301}", count: 120), "组合符号"),
    ])
    func refused(raw: String, problem: String) {
        var errors = FieldErrors()
        _ = TextField.required(raw, field: "name", label: "服务点名称", maxLength: 50, into: &errors)
        let message = errors.message(for: "name") ?? ""
        #expect(message.contains("服务点名称") && message.contains(problem), "\(raw.debugDescription) → \(message)")
    }

    @Test("ordinary text passes, a trailing line break is trimmed", arguments: [
        "古魏镇综合便民服务中心", "芮城县古魏镇某街1号（农商银行旁）", "中国“农业”银行 #3", "A&B 服务点 ©", "服务点\n",
    ])
    func accepted(raw: String) {
        var errors = FieldErrors()
        _ = TextField.required(raw, field: "name", label: "服务点名称", maxLength: 50, into: &errors)
        #expect(errors.isEmpty, "\(raw.debugDescription): \(errors.problems)")
    }
}
