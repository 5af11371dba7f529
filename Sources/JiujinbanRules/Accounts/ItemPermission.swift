/// 业务权限: the right to act on one of the 40 service items, in one way.
public struct ItemPermission: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// 权限动作
    public enum Action: String, CaseIterable, Hashable, Sendable, Codable {
        /// 经办: take in and handle a case at the counter.
        case handle
        /// 审核: review a case before it is concluded.
        case review

        public var label: String {
            switch self {
            case .handle: "经办"
            case .review: "审核"
            }
        }
    }

    /// The item's sequence number in the catalogue (1…40 today).
    public let item: Int
    public let action: Action

    public init(item: Int, action: Action) {
        self.item = item
        self.action = action
    }

    public static func handle(_ item: Int) -> ItemPermission { ItemPermission(item: item, action: .handle) }
    public static func review(_ item: Int) -> ItemPermission { ItemPermission(item: item, action: .review) }

    /// `第11项 经办`
    public var label: String { "第\(item)项 \(action.label)" }

    public var description: String { "\(action.rawValue):\(item)" }

    public static func < (lhs: ItemPermission, rhs: ItemPermission) -> Bool {
        (lhs.item, lhs.action == .handle ? 0 : 1) < (rhs.item, rhs.action == .handle ? 0 : 1)
    }
}
