import Foundation

/// 一人多岗: which accounts one person (实名, one ID number) may hold together, across all units (attachment 3,
/// articles 3–5; issue 19, finding 7; S14).
///
/// Every post has a duty (`Post.duty`), and the rule is read from the duties:
///
/// - administration (系统管理员, 业务管理员): at most one administrator account in total, in any unit — article 3
///   forbids one person holding both posts (严禁一人兼任两个岗位), and an administrator of two departments would hold
///   two posts as well; and no handling account, since administrators have no handling or review rights
///   (articles 4 and 5);
/// - handling (业务操作员, 业务审核员, 业务骨干): may be combined with other handling accounts in other units (a
///   person serving two service points), but only through the application form (用户申请（变更）单, article 8),
///   which the county approves; a system administrator cannot add a second one on the account page. Only operator
///   accounts come through the form, so in practice the further accounts are operators at other points;
/// - oversight (省工作专班成员, 市级人社工作人员): held alone. They watch over the counties' administration and
///   handling (problem oversight, forwarding the counties' applications, escalated questions), so the person they
///   watch is never themselves — our decision, the attachment does not name these posts;
/// - audit (审计员): held alone, one account only: whoever reads the audit trail does nothing it records.
///
/// Every account that is not deactivated counts, active, frozen or locked alike: a frozen or locked account can be
/// unlocked, and an unlock must never be what puts one person into two conflicting posts. Two accounts of one
/// person in one unit are refused whatever the posts (the database has a unique index for it too).
public enum PersonPosts {
    /// What a post is for, as far as holding several posts goes.
    public enum Duty: Hashable, Sendable {
        case administration, handling, oversight, audit
    }

    /// How an account comes into being, which decides whether a second handling account may.
    public enum Route: Hashable, Sendable {
        /// 账号管理: a system administrator creates (or changes) the account on the account pages.
        case accountPage
        /// 用户申请（变更）单: carried out after the application was approved.
        case applicationForm
        /// 系统初始化命令: the first province system administrator.
        case bootstrap
    }

    /// Whether a person holding `held` may be given an account of `post` at `unit` through `route`: nil, or the
    /// conflict with the first held account that forbids it (the most serious kind when several do).
    public static func conflict(adding post: Post, at unit: OrgUnit, route: Route, held: [HeldAccount]) -> PostConflict? {
        held.filter(\.account.status.isLive)
            .compactMap { existing in
                kind(held: existing.account.post, proposed: post, sameUnit: existing.account.unit.isSameUnit(as: unit),
                     route: route).map { PostConflict(kind: $0, held: existing, proposed: post) }
            }
            .min { $0.kind < $1.kind }
    }

    /// The conflict between an account of `held` and a new one of `proposed`, or nil when one person may hold both.
    /// The order of the checks is the order of `PostConflict.Kind`: the most serious first.
    public static func kind(held: Post, proposed: Post, sameUnit: Bool, route: Route) -> PostConflict.Kind? {
        let duties = [held.duty, proposed.duty]
        if duties.contains(.audit) { return .auditorAlone }
        if duties.contains(.oversight) { return .oversightAlone }
        if held.isAdministrator, proposed.isAdministrator { return .twoAdministratorPosts }
        if held.isAdministrator || proposed.isAdministrator { return .administratorHandles }
        // Both are handling posts.
        if sameUnit { return .sameUnit }
        return route == .applicationForm ? nil : .secondHandlingOutsideForm
    }

    /// 一人多岗冲突 for the monthly review (article 11): every pair of live accounts of one person that breaks the rule,
    /// where at least one of the two lies in `scope` (the reviewing department's division). Accounts made before the
    /// rule, or by hand in the database, are listed for the county to resolve; nothing is changed here. Two handling
    /// accounts in different units are not listed: they may have come through the application form.
    public static func conflicts(among accounts: [HeldAccount], touching scope: DivisionCode) -> [ConflictingPair] {
        let live = accounts.filter(\.account.status.isLive)
        let byPerson = Dictionary(grouping: live, by: \.account.personID)
        var pairs: [ConflictingPair] = []
        for personID in byPerson.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
            let own = byPerson[personID] ?? []
            for (i, first) in own.enumerated() {
                for second in own[(i + 1)...] {
                    guard scope.contains(first.account.unit.divisionCode) || scope.contains(second.account.unit.divisionCode),
                          let kind = kind(held: first.account.post, proposed: second.account.post,
                                          sameUnit: first.account.unit.isSameUnit(as: second.account.unit),
                                          route: .applicationForm) else { continue }
                    pairs.append(ConflictingPair(kind: kind, first: first, second: second))
                }
            }
        }
        return pairs
    }
}

extension Post {
    /// The post's duty (`PersonPosts`): what it may be combined with follows from it.
    public var duty: PersonPosts.Duty {
        switch self {
        case .systemAdmin, .businessAdmin: .administration
        case .operator, .reviewer, .expert: .handling
        case .taskForce, .cityOfficer: .oversight
        case .auditor: .audit
        }
    }
}

/// A person's existing account with its unit's name, so that a refusal can say which account stands in the way.
public struct HeldAccount: Hashable, Sendable {
    public let account: StaffAccount
    /// 芮城县人社部门, 太安村党群服务中心: the unit as people know it.
    public let unitName: String

    /// Without a name the unit is called by its kind (县级人社部门, 行政村服务点).
    public init(_ account: StaffAccount, unitName: String? = nil) {
        self.account = account
        self.unitName = unitName ?? account.unit.label
    }

    /// 芮城县人社部门系统管理员账号（正常）
    public var description: String {
        "\(unitName)\(account.post.label)账号（\(account.status.label)）"
    }
}

/// Why a person may not be given an account: the account they already hold that forbids it.
public struct PostConflict: Hashable, Sendable {
    /// The kinds of conflict, the most serious first.
    public enum Kind: Int, CaseIterable, Comparable, Hashable, Sendable {
        case auditorAlone, oversightAlone, twoAdministratorPosts, administratorHandles, sameUnit, secondHandlingOutsideForm

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The rule that was broken, in Chinese.
        public var reason: String {
            switch self {
            case .auditorAlone:
                "审计员不能兼任其他岗位，一人只能有一个审计员账号"
            case .oversightAlone:
                "省工作专班成员、市级人社工作人员负责督导，不能兼任其他岗位"
            case .twoAdministratorPosts:
                "一人只能担任一个管理员岗位，严禁一人兼任系统管理员、业务管理员（附件3第三条）"
            case .administratorHandles:
                "系统管理员、业务管理员不能有业务经办和审核权限，不能兼任业务操作员、业务审核员、业务骨干（附件3第四条、第五条）"
            case .sameUnit:
                "同一人在同一单位只能有一个账号"
            case .secondHandlingOutsideForm:
                "同一人在多个单位经办业务，须由所在单位填写《用户申请（变更）单》，经县级人社部门审核同意后开通，不能在账号管理中直接新增"
            }
        }
    }

    public let kind: Kind
    public let held: HeldAccount
    public let proposed: Post

    public init(kind: Kind, held: HeldAccount, proposed: Post) {
        self.kind = kind
        self.held = held
        self.proposed = proposed
    }

    /// 此人已有芮城县人社部门系统管理员账号（正常）：系统管理员、业务管理员不能……
    public var message: String { "此人已有\(held.description)：\(kind.reason)" }
}

/// Two accounts of one person that break `PersonPosts`, as the monthly review lists them.
public struct ConflictingPair: Hashable, Sendable {
    public let kind: PostConflict.Kind
    public let first: HeldAccount
    public let second: HeldAccount

    public init(kind: PostConflict.Kind, first: HeldAccount, second: HeldAccount) {
        self.kind = kind
        self.first = first
        self.second = second
    }

    public var personID: UUID { first.account.personID }

    /// 芮城县人社部门系统管理员账号（正常）与 古魏镇党群服务中心业务操作员账号（正常）：……
    public var message: String { "\(first.description)与\(second.description)：\(kind.reason)" }
}
