import Foundation

/// 脱敏: display masking of personal information on staff screens, receipts and exports (domain rules §10).
///
/// Showing a full value is a deliberate, audited action elsewhere; these functions never return one, except for a
/// value too short to hide anything (an empty string).
public enum Masking {
    /// At least this many characters of an identifier are always hidden.
    static let minimumHidden = 4

    /// First 6 and last 4 characters: `140830********1232`.
    public static func maskedIDNumber(_ value: String) -> String {
        mask(value, keepingFirst: 6, keepingLast: 4)
    }

    /// First 3 and last 4 digits: `138****5678`.
    public static func maskedPhone(_ value: String) -> String {
        mask(value, keepingFirst: 3, keepingLast: 4)
    }

    /// First 4 and last 4 characters of a social-security card number (an opaque issuer string of varying length).
    /// Short numbers keep fewer characters so that at least four are hidden: `A12345678` → `A1****678`.
    public static func maskedCardNumber(_ value: String) -> String {
        mask(value, keepingFirst: 4, keepingLast: 4)
    }

    /// Keeps the first character and replaces every other one with `*`: `张三` → `张*`, `欧阳娜娜` → `欧***`.
    ///
    /// Characters are counted as people count them, so a rare 4-byte CJK character (`𠀾`) is one `*`. The separators of
    /// transliterated names (`·` and its look-alikes, spaces) are kept, so `阿依古丽·买买提` → `阿***·***`. A
    /// one-character name becomes `*`, because keeping its first character would show it in full.
    public static func maskedName(_ name: String) -> String {
        let characters = Array(name.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let first = characters.first else { return "" }
        guard characters.count > 1 else { return "*" }
        return String(first) + String(characters.dropFirst().map { nameSeparators.contains($0) ? $0 : "*" })
    }

    /// Middle dots used between the parts of a transliterated name, and spaces.
    static let nameSeparators: Set<Character> = ["·", "•", "・", "･", "‧", "．", ".", " ", "\u{3000}"]

    /// Keeps the first and last characters asked for, shrinking what is kept until `minimumHidden` are hidden.
    static func mask(_ value: String, keepingFirst first: Int, keepingLast last: Int) -> String {
        let characters = Array(value)
        var first = first
        var last = last
        while characters.count - first - last < minimumHidden, first + last > 0 {
            if first >= last { first -= 1 } else { last -= 1 }
        }
        let hidden = max(characters.count - first - last, 0)
        return String(characters.prefix(first)) + String(repeating: "*", count: hidden)
            + String(characters.suffix(last))
    }
}
