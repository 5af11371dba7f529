import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units
private typealias Staff = AccountFixture.Staff

/// The items of the bundled catalogue that have a time limit, by hand.
private let timedItems: Set<Int> = [10, 11, 18, 21, 22, 23, 24, 28, 29, 31, 32, 34, 35, 37]

@Suite("角色关联和赋权限 roles and item permissions")
struct PermissionPolicyTests {
    let catalogue: ServiceCatalogue

    init() throws { catalogue = try AccountFixture.BundledCatalogue.load() }

    @Test("who may associate roles with which account", arguments: [
        (Staff.provinceBusinessAdmin, Staff.ruichengSystemAdmin, Refusal?.none),
        (Staff.provinceBusinessAdmin, Staff.yongjiBusinessAdmin, nil),
        (Staff.provinceBusinessAdmin, Staff.yunchengOfficer, nil),
        (Staff.provinceBusinessAdmin, Staff.taskForceMember, nil),
        (Staff.ruichengBusinessAdmin, Staff.taianOperator, nil),
        (Staff.ruichengBusinessAdmin, Staff.bankOperator, nil),
        (Staff.ruichengBusinessAdmin, Staff.ruichengReviewer, nil),
        (Staff.ruichengBusinessAdmin, Staff.ruichengExpert, nil),
        (Staff.ruichengBusinessAdmin, Staff.ruichengAuditor, nil),
        (Staff.ruichengBusinessAdmin, Staff.yongjiOperator, .otherCounty),
        (Staff.yongjiBusinessAdmin, Staff.ruichengReviewer, .otherCounty),
        (Staff.provinceBusinessAdmin, Staff.taianOperator, .outsideJurisdiction(.operator, managedBy: .countyDepartment)),
        (Staff.ruichengBusinessAdmin, Staff.ruichengSystemAdmin,
         .outsideJurisdiction(.systemAdmin, managedBy: .provinceDepartment)),
        (Staff.ruichengSystemAdmin, Staff.taianOperator, .notBusinessAdmin),
        (Staff.provinceSystemAdmin, Staff.ruichengSystemAdmin, .notBusinessAdmin),
        (Staff.ruichengReviewer, Staff.taianOperator, .notBusinessAdmin),
        (Staff.provinceBusinessAdmin, Staff.provinceSystemAdmin, .createdOnlyByBootstrap),
        (Staff.ruichengBusinessAdmin, AccountFixture.staff(.operator, at: Units.taianVillage, 80, status: .deactivated),
         .accountDeactivated),
        (AccountFixture.staff(.businessAdmin, at: Units.ruicheng, 81, status: .locked), Staff.taianOperator,
         .actorNotActive(.locked)),
    ] as [(StaffAccount, StaffAccount, Refusal?)])
    func roles(actor: StaffAccount, account: StaffAccount, refusal: Refusal?) {
        #expect(PermissionPolicy.mayAssignRole(actor, to: account) == AccountFixture.decision(refusal))
    }

    @Test("least privilege when granting", arguments: [
        (Staff.ruichengBusinessAdmin, Staff.taianOperator, [ItemPermission.handle(1), .handle(40)], Refusal?.none),
        (Staff.ruichengBusinessAdmin, Staff.bankOperator, [.handle(23)], nil),
        (Staff.ruichengBusinessAdmin, Staff.ruichengReviewer, [.review(11), .review(21)], nil),
        (Staff.ruichengBusinessAdmin, Staff.taianOperator, [], nil),
        (Staff.provinceBusinessAdmin, Staff.ruichengSystemAdmin, [], nil),
        (Staff.ruichengBusinessAdmin, Staff.taianOperator, [.handle(1), .review(11)], .operatorsOnlyHandle),
        (Staff.ruichengBusinessAdmin, Staff.ruichengReviewer, [.handle(11)], .reviewersOnlyReview),
        (Staff.ruichengBusinessAdmin, Staff.ruichengReviewer, [.review(11), .review(1)], .itemNeedsNoReview(1)),
        (Staff.ruichengBusinessAdmin, Staff.ruichengReviewer, [.review(38)], .itemNeedsNoReview(38)),
        (Staff.ruichengBusinessAdmin, Staff.taianOperator, [.handle(41)], .unknownItem(41)),
        (Staff.ruichengBusinessAdmin, Staff.ruichengReviewer, [.review(0)], .unknownItem(0)),
        (Staff.provinceBusinessAdmin, Staff.ruichengSystemAdmin, [.handle(1)], .noItemPermissionsForPost(.systemAdmin)),
        (Staff.provinceBusinessAdmin, Staff.ruichengBusinessAdmin, [.review(11)], .noItemPermissionsForPost(.businessAdmin)),
        (Staff.ruichengBusinessAdmin, Staff.ruichengExpert, [.handle(1)], .noItemPermissionsForPost(.expert)),
        (Staff.ruichengBusinessAdmin, Staff.ruichengAuditor, [.review(11)], .noItemPermissionsForPost(.auditor)),
        (Staff.provinceBusinessAdmin, Staff.yunchengOfficer, [.handle(1)], .noItemPermissionsForPost(.cityOfficer)),
        (Staff.provinceBusinessAdmin, Staff.taskForceMember, [.handle(1)], .noItemPermissionsForPost(.taskForce)),
        (Staff.ruichengBusinessAdmin, Staff.yongjiOperator, [.handle(1)], .otherCounty),
        (Staff.ruichengSystemAdmin, Staff.taianOperator, [.handle(1)], .notBusinessAdmin),
    ] as [(StaffAccount, StaffAccount, [ItemPermission], Refusal?)])
    func grants(actor: StaffAccount, account: StaffAccount, grants: [ItemPermission], refusal: Refusal?) {
        let decision = PermissionPolicy.maySetGrants(actor, Set(grants), for: account, catalogue: catalogue)
        #expect(decision == AccountFixture.decision(refusal))
    }

    @Test("an administrator asking for item permissions for itself or a colleague is refused")
    func administratorsNeverHandle() {
        for post in [Post.systemAdmin, .businessAdmin] {
            let decision = PermissionPolicy.leastPrivilege(
                [.handle(1)], post: post, unit: Units.ruicheng, catalogue: catalogue)
            #expect(decision == .refused(.noItemPermissionsForPost(post)))
            #expect(decision.refusal?.message == "系统管理员、业务管理员不能有业务经办和审核权限")
        }
    }

    @Test("an operator may handle every counter item, at every kind of point", arguments: [
        Units.guweiCentre, Units.taianVillage, Units.dongguanCommunity, Units.guweiBank,
    ])
    func operatorCeiling(unit: OrgUnit) {
        let ceiling = PermissionPolicy.ceiling(post: .operator, unit: unit, catalogue: catalogue)
        #expect(ceiling == Set((1...40).map(ItemPermission.handle)))
    }

    @Test("a reviewer may review the items with a time limit and no others")
    func reviewerCeiling() {
        let ceiling = PermissionPolicy.ceiling(post: .reviewer, unit: Units.ruicheng, catalogue: catalogue)
        #expect(ceiling == Set(timedItems.map(ItemPermission.review)))
        #expect(UnitServiceItems.reviewable(in: catalogue) == timedItems)
    }

    @Test("everyone else may be granted nothing", arguments: [
        (Post.systemAdmin, Units.ruicheng), (.businessAdmin, Units.province), (.expert, Units.ruicheng),
        (.taskForce, Units.province), (.cityOfficer, Units.yuncheng), (.auditor, Units.ruicheng),
        (.operator, Units.ruicheng), (.reviewer, Units.taianVillage),
    ] as [(Post, OrgUnit)])
    func emptyCeiling(post: Post, unit: OrgUnit) {
        #expect(PermissionPolicy.ceiling(post: post, unit: unit, catalogue: catalogue).isEmpty)
    }

    @Test("an item without a counter cannot be granted to an operator")
    func kioskOnlyItem() throws {
        let small = try AccountFixture.smallCatalogue()
        #expect(UnitServiceItems.handleable(at: .village, in: small) == [1, 3])
        #expect(UnitServiceItems.reviewable(in: small) == [3])
        let decision = PermissionPolicy.maySetGrants(Staff.ruichengBusinessAdmin, [.handle(1), .handle(2)],
                                                     for: Staff.taianOperator, catalogue: small)
        #expect(decision == .refused(.itemNotOffered(2, at: .village)))
        #expect(decision.refusal?.message == "行政村服务点不能办理服务事项第2项")
    }

    @Test("excess grants for the monthly review", arguments: [
        (Post.operator, Units.taianVillage, [ItemPermission.handle(1), .review(11), .handle(41)], [.review(11), .handle(41)]),
        (.operator, Units.taianVillage, [.handle(1), .handle(40)], []),
        (.reviewer, Units.ruicheng, [.review(1), .review(11)], [.review(1)]),
        (.systemAdmin, Units.ruicheng, [.handle(1)], [.handle(1)]),
        (.expert, Units.ruicheng, [.review(11)], [.review(11)]),
        (.operator, Units.ruicheng, [.handle(1)], [.handle(1)]),
    ] as [(Post, OrgUnit, [ItemPermission], [ItemPermission])])
    func excess(post: Post, unit: OrgUnit, grants: [ItemPermission], excess: [ItemPermission]) {
        let found = PermissionPolicy.excessGrants(post: post, unit: unit, grants: Set(grants), catalogue: catalogue)
        #expect(found == Set(excess))
    }

    @Test("experts get business areas, at least one, and nobody else does")
    func businessAreas() {
        let admin = Staff.ruichengBusinessAdmin
        #expect(PermissionPolicy.mayAssignBusinessAreas(admin, [.insurance, .card], to: Staff.ruichengExpert) == .allowed)
        #expect(PermissionPolicy.mayAssignBusinessAreas(admin, [], to: Staff.ruichengExpert)
                == .refused(.expertNeedsBusinessArea))
        #expect(PermissionPolicy.mayAssignBusinessAreas(admin, [.job], to: Staff.ruichengReviewer)
                == .refused(.businessAreasOnlyForExperts))
        #expect(PermissionPolicy.mayAssignBusinessAreas(Staff.yongjiBusinessAdmin, [.job], to: Staff.ruichengExpert)
                == .refused(.otherCounty))
    }

    @Test("nobody grants permissions to its own person's account")
    func ownPerson() {
        let own = AccountFixture.staff(.operator, at: Units.taianVillage, 82, person: 10_004)
        #expect(PermissionPolicy.maySetGrants(Staff.ruichengBusinessAdmin, [.handle(1)], for: own, catalogue: catalogue)
                == .refused(.ownAccount))
    }
}
