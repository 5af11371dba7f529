/// 统一社会信用代码 (GB 32100-2015): 18 characters — the registering authority (1), the organisation type (1), the
/// registering authority's division code (6), the organisation code (9) and a check character (1) — from the 31
/// characters 0–9 and A–Y without I, O, S, V and Z. Full-width characters, spaces and lower case are normalised.
public struct CreditCode: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case length(Int)
        case character(Character)
        case checkCharacter(expected: Character)

        public var message: String {
            switch self {
            case .empty: "请填写统一社会信用代码"
            case .length(let count): "统一社会信用代码应为18位（现为\(count)位）"
            case .character(let character): "统一社会信用代码含有不允许的字符“\(character)”（不使用I、O、S、V、Z）"
            case .checkCharacter(let expected): "统一社会信用代码校验位不符（按前17位应为\(expected)），请核对营业执照"
            }
        }
    }

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public init(_ raw: String) throws(Problem) {
        let text = String(TypedInput.halfWidthWithoutSpaces(raw)).uppercased()
        guard !text.isEmpty else { throw .empty }
        let characters = Array(text)
        guard characters.count == 18 else { throw .length(characters.count) }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let position = Self.alphabet.firstIndex(of: character) else { throw .character(character) }
            if index < 17 { sum += position * Self.weights[index] }
        }
        let expected = Self.alphabet[(31 - sum % 31) % 31]
        guard characters[17] == expected else { throw .checkCharacter(expected: expected) }
        value = text
    }

    /// The registering authority's division (characters 3–8), e.g. `140830`.
    public var divisionCode: String { String(value.dropFirst(2).prefix(6)) }

    public var description: String { value }
}
