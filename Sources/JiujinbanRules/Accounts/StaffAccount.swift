import Foundation

/// 用户账号: an existing account as the rules see it, both the one acting and the one acted upon.
///
/// A person (实名, keyed by the ID number) may hold accounts in several units, one per unit; each account has one
/// post. Item permissions are passed alongside where they matter, so this value stays small.
public struct StaffAccount: Hashable, Sendable {
    public let id: UUID
    public let personID: UUID
    public let post: Post
    public let unit: OrgUnit
    public let status: AccountStatus
    /// 角色关联 (article 5): whether the managing business admin has associated the account's role. Until then the
    /// account can sign in and see itself, nothing more (`PermissionPolicy.needsRoleAssociation`).
    public let roleAssociated: Bool

    public init(
        id: UUID, personID: UUID, post: Post, unit: OrgUnit, status: AccountStatus, roleAssociated: Bool = true
    ) {
        self.id = id
        self.personID = personID
        self.post = post
        self.unit = unit
        self.status = status
        self.roleAssociated = roleAssociated
    }

    /// Whether the account may act at all: active, and its role associated.
    public var isEffective: Bool { status == .active && roleAssociated }

    /// The account's person, post and unit, for comparing with a requested account.
    public var subject: AccountSubject { AccountSubject(personID: personID, post: post, unit: unit) }
}

/// An account to be created, or what an existing account is to become: whose it is, which post, which unit.
public struct AccountSubject: Hashable, Sendable {
    public let personID: UUID
    public let post: Post
    public let unit: OrgUnit

    public init(personID: UUID, post: Post, unit: OrgUnit) {
        self.personID = personID
        self.post = post
        self.unit = unit
    }
}
