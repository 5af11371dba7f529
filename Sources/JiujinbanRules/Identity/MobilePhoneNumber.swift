import Foundation

/// 手机号码: a mainland China mobile number, held as its 11 digits (`13812345678`).
///
/// `description` is the masked form so that string interpolation into logs never writes the full number.
public struct MobilePhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 11 digits: `1`, then `3`–`9`, then nine more digits.
    public let value: String

    /// Parses what a person typed: spaces and hyphens anywhere, full-width digits, and a `+86`, `0086` or `86`
    /// country prefix are accepted.
    public static func parse(_ raw: String) -> Result<MobilePhoneNumber, MobilePhoneNumberError> {
        let hyphens: ClosedRange<Unicode.Scalar> = "\u{2010}"..."\u{2015}"
        var text = String(TypedInput.halfWidthWithoutSpaces(raw).filter { $0 != "-" && !hyphens.contains($0) })
        guard !text.isEmpty else { return .failure(.empty) }
        if text.hasPrefix("+") {
            let rest = text.dropFirst()
            guard rest.allSatisfy(\.isASCIIDigit) else { return .failure(.invalidCharacters) }
            guard rest.hasPrefix("86") else { return .failure(.notMainlandNumber) }
            text = String(rest.dropFirst(2))
        } else {
            guard text.allSatisfy(\.isASCIIDigit) else { return .failure(.invalidCharacters) }
            if text.hasPrefix("0086") {
                text = String(text.dropFirst(4))
            } else if text.hasPrefix("86"), text.count == 13 {
                text = String(text.dropFirst(2))
            }
        }
        guard text.count == 11 else { return .failure(.wrongLength(text.count)) }
        let digits = Array(text)
        guard digits[0] == "1", ("3"..."9").contains(digits[1]) else { return .failure(.notMobileNumber) }
        return .success(MobilePhoneNumber(value: text))
    }

    /// `138****5678`, for staff screens, receipts, exports and logs.
    public var masked: String { Masking.maskedPhone(value) }

    public var description: String { masked }
}

/// Why a typed mobile number was rejected, with a message in Chinese that says what is wrong.
public enum MobilePhoneNumberError: Error, Hashable, Sendable, LocalizedError {
    case empty
    /// Something other than digits, spaces, hyphens and a leading `+`.
    case invalidCharacters
    /// A `+` country prefix other than +86.
    case notMainlandNumber
    /// Not 11 digits once the country prefix is removed; carries the number of digits found.
    case wrongLength(Int)
    /// 11 digits, but not starting with 1 followed by 3–9 (a landline with its area code, for example).
    case notMobileNumber

    public var message: String {
        switch self {
        case .empty:
            "请填写手机号码"
        case .invalidCharacters:
            "手机号码含有非法字符：只能包含数字、空格、连字符和开头的+86"
        case .notMainlandNumber:
            "只能填写中国大陆手机号码（+86）"
        case .wrongLength(let count):
            "手机号码应为11位数字，现在是\(count)位"
        case .notMobileNumber:
            "手机号码应为11位数字，以1开头、第二位为3至9"
        }
    }

    public var errorDescription: String? { message }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
