import JiujinbanRules
import Testing

@Suite("手机号码 mobile phone number")
struct MobilePhoneNumberTests {
    @Test("accepted forms", arguments: [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("0086-138-1234-5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("138–1234–5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("＋８６ １３８ １２３４ ５６７８", "13812345678"),
        ("１３８－１２３４－５６７８", "13812345678"),
        (" 138 1234 5678 ", "13812345678"),
        ("\u{3000}13812345678\u{3000}", "13812345678"),
        ("13012345678", "13012345678"),
        ("19912345678", "19912345678"),
    ])
    func accepted(raw: String, value: String) throws {
        #expect(try MobilePhoneNumber.parse(raw).get().value == value)
    }

    @Test("bad input is rejected with the reason", arguments: [
        ("", MobilePhoneNumberError.empty),
        ("  - ", .empty),
        ("138123456789", .wrongLength(12)),
        ("1381234567", .wrongLength(10)),
        ("+86 138123456789", .wrongLength(12)),
        ("0086138123456789", .wrongLength(12)),
        ("86138123456789", .wrongLength(14)),
        ("+1 415 555 0100", .notMainlandNumber),
        ("+852 9123 4567", .notMainlandNumber),
        ("12812345678", .notMobileNumber),
        ("10012345678", .notMobileNumber),
        ("03591234567", .notMobileNumber),
        ("23812345678", .notMobileNumber),
        ("138a2345678", .invalidCharacters),
        ("138.1234.5678", .invalidCharacters),
        ("(+86)13812345678", .invalidCharacters),
        ("+86+13812345678", .invalidCharacters),
        ("1381234567😀", .invalidCharacters),
        ("\u{202E}13812345678", .invalidCharacters),
    ])
    func badInput(raw: String, error: MobilePhoneNumberError) {
        #expect(MobilePhoneNumber.parse(raw) == .failure(error))
    }

    @Test func interpolationShowsOnlyTheMaskedNumber() throws {
        let phone = try MobilePhoneNumber.parse("13812345678").get()

        #expect("\(phone)" == "138****5678")
        #expect(phone.masked == "138****5678")
    }

    @Test("messages say what is wrong, in Chinese", arguments: [
        (MobilePhoneNumberError.wrongLength(12), "手机号码应为11位数字，现在是12位"),
        (.notMobileNumber, "手机号码应为11位数字"),
        (.notMainlandNumber, "中国大陆手机号码"),
        (.invalidCharacters, "手机号码含有非法字符"),
        (.empty, "请填写手机号码"),
    ])
    func messages(error: MobilePhoneNumberError, fragment: String) {
        #expect(error.message.contains(fragment))
    }
}
