/// 角色关联和赋权限 (article 5): who associates roles and grants item permissions, and least privilege.
///
/// The business admin of an account's managing department (`AccountPolicy.managingDepartment`) associates its
/// roles and grants its permissions: the province business admin for county administrators, the county business
/// admin for its county's operators, reviewers, experts and auditors.
public enum PermissionPolicy {
    /// 角色关联: whether `actor` may associate roles with `account`.
    public static func mayAssignRole(_ actor: StaffAccount, to account: StaffAccount) -> Decision {
        AccountPolicy.actorIsActive(actor)
            .then { Decision.require(account.status.isLive, else: .accountDeactivated) }
            .then { AccountPolicy.manages(actor, account.subject, as: .businessAdmin) }
            .then { AccountPolicy.notOwnPerson(actor, account.personID) }
    }

    /// Whether a new account of `post` at `unit` waits for its managing business admin to associate its role
    /// before it can act (article 5: the province business admin for county administrators, the county business
    /// admin for its operators, reviewers, experts and auditors). Not the accounts at the top, which nobody else
    /// could associate: the bootstrap province system admin, and the province business admin, set up by it.
    public static func needsRoleAssociation(post: Post, unit: OrgUnit) -> Bool {
        guard AccountPolicy.managingDepartment(of: post, at: unit) != nil else { return false }
        return !(post == .businessAdmin && unit.isProvinceDepartment)
    }

    /// 业务领域: whether `actor` may set an expert's business areas. Only experts have areas, at least one.
    public static func mayAssignBusinessAreas(
        _ actor: StaffAccount, _ areas: Set<BusinessArea>, to account: StaffAccount
    ) -> Decision {
        mayAssignRole(actor, to: account)
            .then { Decision.require(account.post == .expert, else: .businessAreasOnlyForExperts) }
            .then { Decision.require(!areas.isEmpty, else: .expertNeedsBusinessArea) }
    }

    /// 赋权限: whether `actor` may set `account`'s item permissions to `grants` (the whole new set). Any set within
    /// least privilege is accepted, so clearing idle or excess rights is never refused.
    public static func maySetGrants(
        _ actor: StaffAccount, _ grants: Set<ItemPermission>, for account: StaffAccount, catalogue: ServiceCatalogue
    ) -> Decision {
        mayAssignRole(actor, to: account)
            .then { leastPrivilege(grants, post: account.post, unit: account.unit, catalogue: catalogue) }
    }

    /// The most an account of `post` at `unit` may be granted: an operator `.handle` on the items its unit may
    /// handle, a reviewer `.review` on the items with a time limit, everyone else nothing.
    public static func ceiling(post: Post, unit: OrgUnit, catalogue: ServiceCatalogue) -> Set<ItemPermission> {
        guard unit.mayHold(post).isAllowed else { return [] }
        switch post {
        case .operator:
            guard let kind = unit.servicePointKind else { return [] }
            return Set(UnitServiceItems.handleable(at: kind, in: catalogue).map(ItemPermission.handle))
        case .reviewer:
            return Set(UnitServiceItems.reviewable(in: catalogue).map(ItemPermission.review))
        default:
            return []
        }
    }

    /// 多余权限: the grants beyond least privilege, for the monthly account review (article 11).
    public static func excessGrants(
        post: Post, unit: OrgUnit, grants: Set<ItemPermission>, catalogue: ServiceCatalogue
    ) -> Set<ItemPermission> {
        grants.subtracting(ceiling(post: post, unit: unit, catalogue: catalogue))
    }

    /// Whether `grants` stay within least privilege; the refusal names the first grant (in item order) that does
    /// not, and why.
    public static func leastPrivilege(
        _ grants: Set<ItemPermission>, post: Post, unit: OrgUnit, catalogue: ServiceCatalogue
    ) -> Decision {
        guard !grants.isEmpty else { return .allowed }
        guard post == .operator || post == .reviewer else { return .refused(.noItemPermissionsForPost(post)) }
        if case .refused(let refusal) = unit.mayHold(post) { return .refused(refusal) }
        let ceiling = ceiling(post: post, unit: unit, catalogue: catalogue)
        for grant in grants.sorted() where !ceiling.contains(grant) {
            return .refused(reason(for: grant, post: post, unit: unit, catalogue: catalogue))
        }
        return .allowed
    }

    private static func reason(
        for grant: ItemPermission, post: Post, unit: OrgUnit, catalogue: ServiceCatalogue
    ) -> Refusal {
        guard let item = catalogue.items.first(where: { $0.seq == grant.item }) else {
            return .unknownItem(grant.item)
        }
        switch (post, grant.action, unit) {
        case (.operator, .review, _): return .operatorsOnlyHandle
        case (.reviewer, .handle, _): return .reviewersOnlyReview
        case (.operator, .handle, .servicePoint(_, let kind, _)): return .itemNotOffered(item.seq, at: kind)
        // Left: a reviewer's `.review` of a known item, which is outside the ceiling only for lack of a time limit.
        default: return .itemNeedsNoReview(item.seq)
        }
    }
}
