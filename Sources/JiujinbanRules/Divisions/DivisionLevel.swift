/// 行政区划层级: the level of an administrative division, from province down to village or community.
public enum DivisionLevel: String, CaseIterable, Sendable, Codable, Comparable {
    case province
    case city
    case county
    /// 乡镇（街道）
    case township
    /// 行政村
    case village
    /// 社区
    case community

    public var label: String {
        switch self {
        case .province: "省"
        case .city: "市"
        case .county: "县（市、区）"
        case .township: "乡镇（街道）"
        case .village: "行政村"
        case .community: "社区"
        }
    }

    /// Depth in the tree: province 0 … village and community 4.
    public var depth: Int {
        switch self {
        case .province: 0
        case .city: 1
        case .county: 2
        case .township: 3
        case .village, .community: 4
        }
    }

    /// The level a parent of this level must have.
    public var parentLevel: DivisionLevel? {
        switch self {
        case .province: nil
        case .city: .province
        case .county: .city
        case .township: .county
        case .village, .community: .township
        }
    }

    public static func < (lhs: DivisionLevel, rhs: DivisionLevel) -> Bool {
        (lhs.depth, lhs == .community ? 1 : 0) < (rhs.depth, rhs == .community ? 1 : 0)
    }
}
