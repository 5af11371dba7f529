import Foundation

/// Why a typed resident ID number was rejected. Each case has a message in Chinese for the counter clerk that says
/// what is wrong, never only "invalid".
public enum ResidentIDNumberError: Error, Hashable, Sendable, LocalizedError {
    case empty
    /// Something other than digits and a final X (after spaces are removed and full-width forms converted).
    case invalidCharacters
    /// An X anywhere but as the 18th character.
    case misplacedX
    /// Neither 18 characters nor a legacy 15-digit number; carries the length found.
    case wrongLength(Int)
    /// The first two digits are not a province-level code; carries those two digits.
    case invalidProvinceCode(String)
    /// The eight birth-date digits (`YYYYMMDD`, after legacy conversion) are not a real date.
    case nonexistentBirthDate(String)
    case birthDateBefore1900(CalendarDate)
    case birthDateInFuture(CalendarDate)
    /// The 18th character does not match the GB 11643-1999 check computed from the first 17.
    case checksumMismatch

    public var message: String {
        switch self {
        case .empty:
            "请填写身份证号码"
        case .invalidCharacters:
            "身份证号码含有非法字符：只能包含数字，以及作为最后一位的X"
        case .misplacedX:
            "身份证号码含有非法字符：字母X只能出现在18位号码的最后一位"
        case .wrongLength(let count):
            "身份证号码应为18位（或15位旧号码），现在是\(count)位"
        case .invalidProvinceCode(let code):
            "身份证号码前两位“\(code)”不是有效的省级行政区划代码"
        case .nonexistentBirthDate(let digits):
            "身份证号码中的出生日期\(digits)不存在"
        case .birthDateBefore1900(let date):
            "身份证号码中的出生日期\(date.chinese)早于1900年"
        case .birthDateInFuture(let date):
            "身份证号码中的出生日期\(date.chinese)晚于今天"
        case .checksumMismatch:
            "身份证号码校验码错误：最后一位与前17位不符，请逐位核对"
        }
    }

    public var errorDescription: String? { message }
}
