/// 职业技能等级: the five levels of the national vocational skill system (五级/初级工 to 一级/高级技师), which an
/// institution is approved to teach per occupation and a training intention asks for.
public enum SkillLevel: Int, CaseIterable, Sendable, Comparable, Codable {
    case five = 5, four = 4, three = 3, two = 2, one = 1

    public var chinese: String {
        switch self {
        case .five: "五级/初级工"
        case .four: "四级/中级工"
        case .three: "三级/高级工"
        case .two: "二级/技师"
        case .one: "一级/高级技师"
        }
    }

    /// Lower levels first: 五级 < 四级 < … < 一级.
    public static func < (lhs: SkillLevel, rhs: SkillLevel) -> Bool { lhs.rawValue > rhs.rawValue }

    /// The level a form sends (`5` … `1`), or nil.
    public init?(form raw: String) {
        guard let number = Int(raw.trimmingCharacters(in: .whitespaces)), let level = SkillLevel(rawValue: number) else { return nil }
        self = level
    }
}
