/// 姓名: a person's real name as on the resident ID card (实名, article 7), for staff accounts.
///
/// Accepted: Chinese characters of every CJK block, including the rare ones outside the Basic Multilingual Plane
/// that need 4 bytes in UTF-8 (𠈌); `〇`; the middle dot of ethnic-minority and transliterated names
/// (`买买提·艾力`), typed as `·` U+00B7, `・` U+30FB, `‧` U+2027, `•` U+2022 or `．` U+FF0E and stored as U+00B7;
/// and Latin letters with single spaces, for foreign permanent residents. Nothing else: no digits, no symbols,
/// no emoji, no control or invisible characters.
public enum PersonName {
    public static let maximumLength = 20

    static let middleDot: Character = "\u{00B7}"
    static let middleDotVariants: Set<Unicode.Scalar> = ["\u{00B7}", "\u{30FB}", "\u{2027}", "\u{2022}", "\u{FF0E}"]

    /// Validates the name typed into `field`; returns it normalised (trimmed, middle dots unified), or "" after
    /// adding one message that names `label`.
    public static func validate(
        _ raw: String?, field: String, label: String = "姓名", into errors: inout FieldErrors
    ) -> String {
        let value = TextField.clean(raw)
        if let problem = problem(value, raw: raw ?? "", label: label) {
            errors.add(field, problem)
            return ""
        }
        return normalised(value)
    }

    static func problem(_ value: String, raw: String, label: String) -> String? {
        if value.isEmpty { return "请填写\(label)" }
        if let problem = TextField.singleLineProblem(value, raw: raw, label: label, maxLength: maximumLength) {
            return problem
        }
        let scalars = Array(value.unicodeScalars)
        guard scalars.allSatisfy({ isHan($0) || isLatinLetter($0) || $0 == " " || middleDotVariants.contains($0) }) else {
            return "\(label)只能包含汉字、间隔号“·”和英文字母，不能含数字、符号或表情"
        }
        let separators = scalars.indices.filter { scalars[$0] == " " || middleDotVariants.contains(scalars[$0]) }
        for index in separators {
            let before = index > 0 ? scalars[index - 1] : nil
            let after = index + 1 < scalars.count ? scalars[index + 1] : nil
            guard let before, let after, !separators.contains(index - 1), !separators.contains(index + 1) else {
                return "\(label)中的间隔号“·”和空格只能出现在字与字之间，且不能连用"
            }
            if scalars[index] == " ", !(isLatinLetter(before) && isLatinLetter(after)) {
                return "\(label)中的汉字之间不能有空格"
            }
        }
        return nil
    }

    static func normalised(_ value: String) -> String {
        String(value.map { character in
            character.unicodeScalars.count == 1 && middleDotVariants.contains(character.unicodeScalars.first!)
                ? middleDot : character
        })
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: true
        default: false
        }
    }

    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
    }
}
