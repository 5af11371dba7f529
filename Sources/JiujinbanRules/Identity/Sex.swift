/// 性别: sex as encoded in the 17th digit of a resident ID number (odd: male, even: female).
public enum Sex: String, CaseIterable, Hashable, Sendable, Codable {
    case male
    case female

    /// 男 / 女, as printed on forms and receipts.
    public var chinese: String {
        switch self {
        case .male: "男"
        case .female: "女"
        }
    }
}
