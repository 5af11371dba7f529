import Foundation

/// 联系电话 of an office or an organiser, published for citizens to call: a mainland mobile number, or a landline
/// with its area code (`0359-6021234`, `010-12345678`), optionally with an extension (`0359-6021234转801`).
///
/// Unlike a citizen's `MobilePhoneNumber` it is public and shown in full.
public struct ContactPhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// `13803590011`, `0359-6021234` or `0359-6021234转801`.
    public let text: String

    public var description: String { text }

    /// Parses what a clerk typed: spaces, hyphens, full-width digits, `(0359)6021234`, a `+86` mobile, `转` or a third
    /// hyphen group for an extension.
    public static func parse(_ raw: String?) -> Result<ContactPhoneNumber, ContactPhoneNumberError> {
        let hyphens: ClosedRange<Unicode.Scalar> = "\u{2010}"..."\u{2015}"
        var text = ""
        for scalar in TypedInput.halfWidthWithoutSpaces(raw ?? "") {
            if hyphens.contains(scalar) || scalar == "\u{2212}" { text.append("-") } else { text.unicodeScalars.append(scalar) }
        }
        guard !text.isEmpty else { return .failure(.empty) }
        // A mobile number in any of the forms MobilePhoneNumber takes.
        if text.hasPrefix("1") || text.hasPrefix("+") || text.hasPrefix("86") {
            switch MobilePhoneNumber.parse(text) {
            case .success(let mobile): return .success(ContactPhoneNumber(text: mobile.value))
            case .failure(.wrongLength(let count)): return .failure(.mobileLength(count))
            case .failure(.notMobileNumber), .failure(.notMainlandNumber): return .failure(.notMobile)
            case .failure: return .failure(.invalidCharacters)
            }
        }
        // (0359)6021234 → 0359-6021234
        if text.hasPrefix("("), let close = text.firstIndex(of: ")") {
            text = String(text[text.index(after: text.startIndex)..<close]) + "-" + String(text[text.index(after: close)...])
        }
        var extensionNumber: String?
        if let mark = text.range(of: "转") {
            extensionNumber = String(text[mark.upperBound...])
            text = String(text[..<mark.lowerBound])
        }
        var groups = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              extensionNumber.map({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) ?? true else {
            return .failure(.invalidCharacters)
        }
        if groups.count == 3, extensionNumber == nil { extensionNumber = groups.removeLast() }
        guard groups.count <= 2 else { return .failure(.invalidCharacters) }
        if groups.count == 1 {
            // Digits only: 010 and 020–029 are the three-digit area codes, every other one has four digits.
            let digits = groups[0]
            guard digits.hasPrefix("0") else { return .failure(.missingAreaCode) }
            let length = digits.count > 1 && "12".contains(digits[digits.index(after: digits.startIndex)]) ? 3 : 4
            guard digits.count > length else { return .failure(.badLocalNumber) }
            groups = [String(digits.prefix(length)), String(digits.dropFirst(length))]
        }
        let area = groups[0], local = groups[1]
        guard area.hasPrefix("0"), (3...4).contains(area.count) else { return .failure(.badAreaCode) }
        guard (7...8).contains(local.count), let first = local.first, ("2"..."9").contains(first) else { return .failure(.badLocalNumber) }
        if let extensionNumber, extensionNumber.count > 6 { return .failure(.badExtension) }
        return .success(ContactPhoneNumber(text: area + "-" + local + (extensionNumber.map { "转" + $0 } ?? "")))
    }
}

/// Why a contact number was refused; every message starts with the field's name.
public enum ContactPhoneNumberError: Error, Hashable, Sendable {
    case empty
    case invalidCharacters
    case mobileLength(Int)
    case notMobile
    case missingAreaCode
    case badAreaCode
    case badLocalNumber
    case badExtension

    public var message: String {
        switch self {
        case .empty: "请填写联系电话"
        case .invalidCharacters: "联系电话只能包含数字、空格、连字符、括号和分机号前的“转”"
        case .mobileLength(let count): "联系电话：手机号码应为11位数字，现在是\(count)位"
        case .notMobile: "联系电话：只能填写中国大陆手机号码，或带区号的固定电话"
        case .missingAreaCode: "联系电话：固定电话须带区号，如0359-6021234"
        case .badAreaCode: "联系电话：区号应为以0开头的3至4位数字，如0359、010"
        case .badLocalNumber: "联系电话：固定电话号码应为区号后7至8位数字，如0359-6021234"
        case .badExtension: "联系电话：分机号最多6位数字"
        }
    }
}
