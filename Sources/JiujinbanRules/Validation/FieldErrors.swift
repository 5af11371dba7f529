import Foundation

/// The problems found in one submitted form, keyed by field name, each with a message in Chinese that names the
/// field and the problem (`"经度应在73至136之间（中国境内）"`).
///
/// Validation collects every problem at once so a counter clerk fixes the form in one pass, and a request with any
/// problem writes nothing.
public struct FieldErrors: Error, Sendable, Equatable {
    public struct Problem: Sendable, Equatable {
        public let field: String
        public let message: String
    }

    public private(set) var problems: [Problem] = []

    public init() {}

    public var isEmpty: Bool { problems.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        problems.append(Problem(field: field, message: message))
    }

    /// The first message for a field, for showing beside that input.
    public func message(for field: String) -> String? {
        problems.first { $0.field == field }?.message
    }

    public var fields: [String] { problems.map(\.field) }
}

/// Shared text checks used by every form.
public enum TextField {
    /// Trims white space (including the full-width space U+3000) and removes control, bidi-override and
    /// zero-width characters, which can disguise text in lists and logs. Line breaks and tabs are kept for the
    /// multi-line fields that use this; single-line fields refuse them in `required` and `optional`.
    public static func clean(_ raw: String?) -> String {
        let trimmed = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return String(String.UnicodeScalarView(trimmed.unicodeScalars.filter { !isForbidden($0) }))
    }

    public static func containsForbiddenCharacters(_ raw: String) -> Bool {
        raw.unicodeScalars.contains(where: isForbidden)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return scalar != "\n" && scalar != "\t"
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0x2028, 0x2029, 0xFFF9...0xFFFB, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// Emoji and pictographs (🙂, ☎, ™, skin tones, the emoji variation selector). ASCII digits, `#`, `*`, `©`
    /// and `®` carry the emoji property too but are ordinary text.
    static func isPictograph(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFE0F || (scalar.value > 0xFF && scalar.properties.isEmoji)
    }

    /// Validates a required single-line text of at most `maxLength` characters (characters as people count them:
    /// a rare 4-byte CJK character is one).
    public static func required(
        _ raw: String?, field: String, label: String, maxLength: Int, into errors: inout FieldErrors
    ) -> String {
        let value = clean(raw)
        if value.isEmpty {
            errors.add(field, "请填写\(label)")
        } else if let problem = singleLineProblem(value, raw: raw ?? "", label: label, maxLength: maxLength) {
            errors.add(field, problem)
        }
        return value
    }

    /// Validates an optional single-line text; empty becomes nil.
    public static func optional(
        _ raw: String?, field: String, label: String, maxLength: Int, into errors: inout FieldErrors
    ) -> String? {
        let value = clean(raw)
        if value.isEmpty { return nil }
        if let problem = singleLineProblem(value, raw: raw ?? "", label: label, maxLength: maxLength) {
            errors.add(field, problem)
        }
        return value
    }

    /// The first problem of a single-line text, one message per field, naming the field.
    static func singleLineProblem(_ value: String, raw: String, label: String, maxLength: Int) -> String? {
        if value.count > maxLength {
            return "\(label)不能超过\(maxLength)个字（现为\(value.count)个）"
        }
        // A pile of combining marks is one character but unbounded storage.
        if value.unicodeScalars.count > 2 * maxLength {
            return "\(label)含有过多组合符号，请重新输入"
        }
        if containsForbiddenCharacters(raw) {
            return "\(label)含有不可见的控制字符，请重新输入"
        }
        if value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\t" }) {
            return "\(label)只能填写一行，不能含换行或制表符"
        }
        if value.unicodeScalars.contains(where: isPictograph) {
            return "\(label)不能包含表情符号"
        }
        // Names and addresses have no markup; refusing it keeps pasted HTML out of lists, exports and logs.
        if value.contains(where: { $0 == "<" || $0 == ">" }) {
            return "\(label)不能包含“<”“>”符号"
        }
        return nil
    }
}
