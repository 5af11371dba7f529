import JiujinbanRules
import Testing

/// The fixed "today" of every test: a birth date after it is in the future.
private let today = CalendarDate(year: 2026, month: 11, day: 29)!

private func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// Appends the GB 11643-1999 check character, computed here independently of the code under test, so that a
/// bad-input number fails only for the reason its test names.
private func withCheck(_ first17: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(first17.compactMap(\.wholeNumberValue), weights).map(*).reduce(0, +)
    return first17 + String(Array("10X98765432")[sum % 11])
}

@Suite("公民身份号码 resident ID number")
struct ResidentIDNumberTests {
    @Test("domain-rules §1 test vectors", arguments: [
        ("11010519491231002X", "11010519491231002X", "1949-12-31", Sex.female, "110105"),
        ("140830199001011232", "140830199001011232", "1990-01-01", .male, "140830"),
        ("142723196508150011", "142723196508150011", "1965-08-15", .male, "142723"),
        ("140830200002290021", "140830200002290021", "2000-02-29", .female, "140830"),
        ("142723650815001", "142723196508150011", "1965-08-15", .male, "142723"),
    ])
    func vectors(raw: String, value: String, birth: String, sex: Sex, region: String) throws {
        let id = try ResidentIDNumber.parse(raw, today: today).get()

        #expect(id.value == value)
        #expect(id.birthDate == date(birth))
        #expect(id.sex == sex)
        #expect(id.regionCode == region)
        #expect(!id.isForeignPermanentResidentCard)
    }

    @Test("typing variants are normalised", arguments: [
        ("11010519491231002x", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
        (" 110105 19491231 002X ", "11010519491231002X"),
        ("110105\u{3000}19491231\u{3000}002X", "11010519491231002X"),
        ("\t140830199001011232\n", "140830199001011232"),
        ("１４２７２３６５０８１５００１", "142723196508150011"),
    ])
    func normalisation(raw: String, value: String) throws {
        #expect(try ResidentIDNumber.parse(raw, today: today).get().value == value)
    }

    @Test("bad input is rejected with the reason", arguments: [
        ("", ResidentIDNumberError.empty),
        ("  \u{3000} ", .empty),
        ("140830199001011233", .checksumMismatch),
        ("14083019900101123X", .checksumMismatch),
        ("11010519491231002Y", .invalidCharacters),
        ("1408301990A1011232", .invalidCharacters),
        ("140830-19900101-1232", .invalidCharacters),
        ("140830199001011232😀", .invalidCharacters),
        ("\u{202E}140830199001011232", .invalidCharacters),
        ("140830\u{200B}199001011232", .invalidCharacters),
        ("1408301990X1011232", .misplacedX),
        ("14272365081500X", .misplacedX),
        ("14083019900101123", .wrongLength(17)),
        ("1408301990010112321", .wrongLength(19)),
        ("1427236508150011", .wrongLength(16)),
        ("140830", .wrongLength(6)),
        (withCheck("14083019900230123"), .nonexistentBirthDate("19900230")),
        (withCheck("14083019901301123"), .nonexistentBirthDate("19901301")),
        (withCheck("14083019900100123"), .nonexistentBirthDate("19900100")),
        (withCheck("14083020010229002"), .nonexistentBirthDate("20010229")),
        ("142723650230001", .nonexistentBirthDate("19650230")),
        (withCheck("14083020261130001"), .birthDateInFuture(date("2026-11-30"))),
        (withCheck("14083020270101001"), .birthDateInFuture(date("2027-01-01"))),
        (withCheck("11010518991231001"), .birthDateBefore1900(date("1899-12-31"))),
        (withCheck("00083019900101123"), .invalidProvinceCode("00")),
        (withCheck("19083019900101123"), .invalidProvinceCode("19")),
        (withCheck("66083019900101123"), .invalidProvinceCode("66")),
        (withCheck("72083019900101123"), .invalidProvinceCode("72")),
        (withCheck("84083019900101123"), .invalidProvinceCode("84")),
        ("002723650815001", .invalidProvinceCode("00")),
    ])
    func badInput(raw: String, error: ResidentIDNumberError) {
        #expect(ResidentIDNumber.parse(raw, today: today) == .failure(error))
    }

    @Test("province codes 71, 81–83 and the foreigner card's 9x are accepted", arguments: [
        ("71", false), ("81", false), ("82", false), ("83", false), ("14", false), ("65", false),
        ("91", true), ("93", true),
    ])
    func acceptedProvinces(prefix: String, isForeignCard: Bool) throws {
        let id = try ResidentIDNumber.parse(withCheck(prefix + "015619900101001"), today: today).get()

        #expect(id.isForeignPermanentResidentCard == isForeignCard)
        #expect(id.birthDate == date("1990-01-01"))
    }

    @Test func bornTodayIsAcceptedAndZeroYearsOld() throws {
        let id = try ResidentIDNumber.parse(withCheck("14083020261129002"), today: today).get()

        #expect(id.birthDate == today)
        #expect(id.ageInYears(on: today) == 0)
    }

    @Test func earliestAcceptedBirthDateIs1900() throws {
        let id = try ResidentIDNumber.parse(withCheck("11010519000101001"), today: today).get()

        #expect(id.birthDate == date("1900-01-01"))
    }

    @Test("age in completed years (周岁), 29 February births older on 1 March", arguments: [
        ("140830200002290021", "2001-02-28", 0),
        ("140830200002290021", "2001-03-01", 1),
        ("140830200002290021", "2004-02-28", 3),
        ("140830200002290021", "2004-02-29", 4),
        ("140830200002290021", "2026-02-28", 25),
        ("140830200002290021", "2026-03-01", 26),
        ("140830200002290021", "2000-02-28", -1),
        ("11010519491231002X", "1950-12-30", 0),
        ("11010519491231002X", "1950-12-31", 1),
        ("11010519491231002X", "2026-11-29", 76),
        ("140830199001011232", "2025-12-31", 35),
        ("140830199001011232", "2026-01-01", 36),
    ])
    func age(raw: String, on: String, years: Int) throws {
        let id = try ResidentIDNumber.parse(raw, today: today).get()

        #expect(id.ageInYears(on: date(on)) == years)
    }

    @Test func interpolationShowsOnlyTheMaskedNumber() throws {
        let id = try ResidentIDNumber.parse("140830199001011232", today: today).get()

        #expect("\(id)" == "140830********1232")
        #expect(String(reflecting: id) == "140830********1232")
        #expect(id.masked == "140830********1232")
    }

    @Test("messages say what is wrong, in Chinese", arguments: [
        (ResidentIDNumberError.wrongLength(17), "身份证号码应为18位（或15位旧号码）"),
        (.checksumMismatch, "身份证号码校验码错误"),
        (.nonexistentBirthDate("19900230"), "身份证号码中的出生日期19900230不存在"),
        (.birthDateInFuture(date("2027-01-01")), "出生日期2027年1月1日晚于今天"),
        (.birthDateBefore1900(date("1899-12-31")), "早于1900年"),
        (.invalidProvinceCode("19"), "身份证号码前两位“19”不是有效的省级行政区划代码"),
        (.invalidCharacters, "身份证号码含有非法字符"),
        (.misplacedX, "身份证号码含有非法字符"),
        (.empty, "请填写身份证号码"),
    ])
    func messages(error: ResidentIDNumberError, fragment: String) {
        #expect(error.message.contains(fragment))
        #expect(error.localizedDescription == error.message)
    }
}
