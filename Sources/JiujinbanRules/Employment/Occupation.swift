/// 职业分类: the occupations postings and job seekers name. The national classification (《中华人民共和国职业分类大典》
/// 2022) has eight major groups (大类), numbered 1–8, and 79 medium groups (中类) written `4-03`; both levels are built
/// in (`majorGroups`, `mediumGroups`) and seeded into the `occupations` table, where a province can load a later edition.
public struct Occupation: Sendable, Equatable, Hashable {
    public let code: String
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// The major group a code belongs to: `4-03` → `4`, `4` → `4`.
    public var major: String { Self.major(of: code) }

    public static func major(of code: String) -> String {
        code.split(separator: "-", maxSplits: 1).first.map(String.init) ?? code
    }

    /// Whether `code` is written as a major group (`4`) or a medium group (`4-03`).
    public static func isWellFormed(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 1, let major = Int(first), (1...8).contains(major) else { return false }
        switch parts.count {
        case 1: return true
        case 2: return parts[1].count == 2 && parts[1].allSatisfy(\.isASCII) && Int(parts[1]) != nil
        default: return false
        }
    }

    /// The eight major groups of the 2022 edition.
    public static let majorGroups: [Occupation] = [
        Occupation(code: "1", name: "党的机关、国家机关、群众团体和社会组织、企事业单位负责人"),
        Occupation(code: "2", name: "专业技术人员"),
        Occupation(code: "3", name: "办事人员和有关人员"),
        Occupation(code: "4", name: "社会生产服务和生活服务人员"),
        Occupation(code: "5", name: "农、林、牧、渔业生产及辅助人员"),
        Occupation(code: "6", name: "生产制造及有关人员"),
        Occupation(code: "7", name: "军队人员"),
        Occupation(code: "8", name: "不便分类的其他从业人员"),
    ]
}
