/// 账号状态: whether an account may sign in. Raw values are what the database stores.
public enum AccountStatus: String, CaseIterable, Hashable, Sendable, Codable {
    /// 正常
    case active
    /// 冻结: by a system admin, for example after a reported leak (article 6).
    case frozen
    /// 锁定: by the system after 3 months without a login (article 11).
    case locked
    /// 注销: the person left the post; final (articles 4 and 9).
    case deactivated

    public var label: String {
        switch self {
        case .active: "正常"
        case .frozen: "冻结"
        case .locked: "锁定"
        case .deactivated: "注销"
        }
    }

    /// Only an active account signs in or keeps a session (S06).
    public var allowsSignIn: Bool { self == .active }

    /// An account that still exists for its person: every status but deactivated. Frozen and locked accounts can
    /// be unlocked, so they count when a rule looks at a person's other accounts.
    public var isLive: Bool { self != .deactivated }

    /// 账号状态变更: a change of status.
    public enum Change: String, CaseIterable, Hashable, Sendable, Codable {
        /// 冻结
        case freeze
        /// 解锁: lifts a freeze or an idle lock.
        case unlock
        /// 注销
        case deactivate
        /// 闲置锁定: done by the system's daily job and at login, never by a person.
        case idleLock = "idle_lock"

        public var label: String {
            switch self {
            case .freeze: "冻结"
            case .unlock: "解锁"
            case .deactivate: "注销"
            case .idleLock: "闲置锁定"
            }
        }
    }

    /// The status after `change`, or nil when the change does not apply to this status.
    ///
    /// A locked account may be frozen (a leak reported while it sat idle) so that unlocking it is a deliberate
    /// decision about the leak; a frozen account is not idle-locked on top, since it cannot sign in anyway.
    public func applying(_ change: Change) -> AccountStatus? {
        switch (self, change) {
        case (.active, .freeze), (.locked, .freeze): .frozen
        case (.frozen, .unlock), (.locked, .unlock): .active
        case (.active, .deactivate), (.frozen, .deactivate), (.locked, .deactivate): .deactivated
        case (.active, .idleLock): .locked
        default: nil
        }
    }
}
