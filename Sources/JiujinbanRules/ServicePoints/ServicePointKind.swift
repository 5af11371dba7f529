/// 服务点类型: what kind of place a service point is.
public enum ServicePointKind: String, CaseIterable, Sendable, Codable {
    /// 乡镇（街道）便民服务中心
    case townshipCentre = "township_centre"
    /// 行政村党群服务中心
    case village
    /// 社区党群服务中心
    case community
    /// 合作银行网点
    case bankBranch = "bank_branch"

    public var label: String {
        switch self {
        case .townshipCentre: "乡镇（街道）服务点"
        case .village: "行政村服务点"
        case .community: "社区服务点"
        case .bankBranch: "合作银行网点"
        }
    }

    /// The division level a point of this kind sits on. A bank branch sits in a township or below.
    public func admits(_ level: DivisionLevel) -> Bool {
        switch self {
        case .townshipCentre: level == .township
        case .village: level == .village
        case .community: level == .community
        case .bankBranch: level == .township || level == .village || level == .community
        }
    }

    /// The kind a point on a division of this level has by default.
    public static func natural(for level: DivisionLevel) -> ServicePointKind? {
        switch level {
        case .township: .townshipCentre
        case .village: .village
        case .community: .community
        default: nil
        }
    }
}

/// 服务点状态: whether the point is serving citizens.
public enum ServicePointStatus: String, CaseIterable, Sendable, Codable {
    case active
    case disabled

    public var label: String {
        switch self {
        case .active: "运行中"
        case .disabled: "已停用"
        }
    }
}
