import Foundation

/// 账号管理规则 (articles 4, 8, 9 and 11): who creates, changes, freezes, unlocks and deactivates which accounts.
///
/// Every account has one managing department, derived from its post and unit: that department's system admin
/// creates and changes it and its business admin associates its roles and grants its permissions
/// (`PermissionPolicy`). Jurisdiction is a comparison of division codes, so a county admin can never reach
/// another county.
public enum AccountPolicy {
    /// The department that manages accounts of `post` at `unit`, or nil when no account can manage it: the post
    /// does not fit the unit, or it is a province system admin, which only the bootstrap command creates (S01).
    ///
    /// - county system admins manage their county's operators, reviewers, experts and auditors;
    /// - province system admins manage county system and business admins, the province business admin, task force
    ///   and auditors, and city officers and auditors of the cities in the province.
    public static func managingDepartment(of post: Post, at unit: OrgUnit) -> DivisionCode? {
        guard unit.mayHold(post).isAllowed, let level = unit.level else { return nil }
        switch (post, level) {
        case (.operator, _), (.reviewer, _), (.expert, _), (.auditor, .countyDepartment):
            return unit.county
        case (.systemAdmin, .provinceDepartment):
            return nil
        default:
            return unit.province
        }
    }

    /// 创建账号: whether `actor` may create the account `subject` through `route` (the account page, or an approved
    /// application). `otherAccountsOfPerson` are the accounts the person already holds, in any status; they decide
    /// separation of duties (`PersonPosts`).
    public static func mayCreate(
        _ actor: StaffAccount, _ subject: AccountSubject, route: PersonPosts.Route, otherAccountsOfPerson: [HeldAccount]
    ) -> Decision {
        actorIsActive(actor)
            .then { manages(actor, subject, as: .systemAdmin) }
            .then { notOwnPerson(actor, subject.personID) }
            .then { SeparationOfDuties.check(subject, route: route, otherAccountsOfPerson: otherAccountsOfPerson) }
    }

    /// 变更账号: whether `actor` may change `account` into `subject` (new post or unit, or the same with new
    /// personal details). The actor must manage the account both as it is and as it will be; an account never
    /// passes to another person. A change is made on the account page, so a new post or unit is checked as a new
    /// account from that page would be.
    public static func mayChange(
        _ actor: StaffAccount, _ account: StaffAccount, to subject: AccountSubject,
        otherAccountsOfPerson: [HeldAccount]
    ) -> Decision {
        let others = otherAccountsOfPerson.filter { $0.account.id != account.id }
        return actorIsActive(actor)
            .then { Decision.require(account.status.isLive, else: .accountDeactivated) }
            .then { Decision.require(subject.personID == account.personID, else: .accountChangesPerson) }
            .then { manages(actor, account.subject, as: .systemAdmin) }
            .then { manages(actor, subject, as: .systemAdmin) }
            .then { notOwnPerson(actor, subject.personID) }
            .then { SeparationOfDuties.check(subject, route: .accountPage, otherAccountsOfPerson: others) }
    }

    /// 冻结、解锁、注销: whether `actor` may apply `change` to `account`. Only the managing system admin may, and
    /// never to its own person's accounts; the idle lock is the system's alone.
    public static func mayChangeStatus(
        _ actor: StaffAccount, of account: StaffAccount, _ change: AccountStatus.Change
    ) -> Decision {
        Decision.require(change != .idleLock, else: .idleLockIsAutomatic)
            .then { actorIsActive(actor) }
            .then { manages(actor, account.subject, as: .systemAdmin) }
            .then { notOwnPerson(actor, account.personID) }
            .then {
                Decision.require(account.status.applying(change) != nil,
                                 else: .statusChangeNotApplicable(account.status, change))
            }
    }

    /// 账号泄露报告 (article 6): a signed-in user may report their own account, and only their own, as leaked.
    public static func mayReportLeak(_ actor: StaffAccount, account: StaffAccount) -> Decision {
        Decision.require(actor.id == account.id, else: .leakReportOnlyForOwnAccount)
            .then { actorIsActive(actor) }
    }

    /// Who must be alerted when `account` is reported leaked: the system admins of its managing department, who
    /// freeze it (for an operator, the county system admin as article 6 says). A province system admin's leak goes
    /// to the province department's other system admins.
    public static func leakAlert(for account: StaffAccount) -> LeakAlert {
        LeakAlert(
            recipientPost: .systemAdmin,
            recipientUnit: .department(managingDepartment(of: account.post, at: account.unit) ?? account.unit.province),
            change: .freeze)
    }

    static func actorIsActive(_ actor: StaffAccount) -> Decision {
        Decision.require(actor.status == .active, else: .actorNotActive(actor.status))
            .then { Decision.require(actor.roleAssociated, else: .roleNotAssociated) }
    }

    static func notOwnPerson(_ actor: StaffAccount, _ personID: UUID) -> Decision {
        Decision.require(actor.personID != personID, else: .ownAccount)
    }

    /// Whether `actor`, holding the `required` post, is at the department that manages `subject`.
    static func manages(_ actor: StaffAccount, _ subject: AccountSubject, as required: Post) -> Decision {
        guard actor.post == required else {
            return .refused(required == .systemAdmin ? .notSystemAdmin : .notBusinessAdmin)
        }
        if case .refused(let refusal) = subject.unit.mayHold(subject.post) { return .refused(refusal) }
        guard let department = managingDepartment(of: subject.post, at: subject.unit) else {
            return .refused(.createdOnlyByBootstrap)
        }
        if actor.unit.isSameUnit(as: .department(department)) { return .allowed }
        if actor.unit.isCountyDepartment, department.depth == 2 { return .refused(.otherCounty) }
        let manager: OrgUnit.Level = department.depth == 2 ? .countyDepartment : .provinceDepartment
        return .refused(.outsideJurisdiction(subject.post, managedBy: manager))
    }
}

/// 账号泄露提醒: whom to alert about a leaked account, and what they are to do.
public struct LeakAlert: Hashable, Sendable {
    public let recipientPost: Post
    public let recipientUnit: OrgUnit
    public let change: AccountStatus.Change
}
