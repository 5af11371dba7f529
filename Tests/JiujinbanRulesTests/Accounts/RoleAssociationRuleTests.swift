import Foundation
import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units

@Suite("角色关联: a new account acts only once its role is associated (article 5)")
struct RoleAssociationRuleTests {
    @Test("who waits for a business admin: everyone below the province's own administrators", arguments: [
        (Post.systemAdmin, Units.province, false), (.businessAdmin, Units.province, false),
        (.taskForce, Units.province, true), (.auditor, Units.province, true),
        (.systemAdmin, Units.ruicheng, true), (.businessAdmin, Units.ruicheng, true),
        (.reviewer, Units.ruicheng, true), (.expert, Units.ruicheng, true), (.cityOfficer, Units.yuncheng, true),
        (.operator, Units.taianVillage, true), (.operator, Units.guweiBank, true),
    ] as [(Post, OrgUnit, Bool)])
    func needsAssociation(post: Post, unit: OrgUnit, expected: Bool) {
        #expect(PermissionPolicy.needsRoleAssociation(post: post, unit: unit) == expected)
    }

    @Test("an unassociated account has no capability and may not act as an administrator")
    func unassociatedCannotAct() {
        let pending = StaffAccount(id: UUID(), personID: UUID(), post: .systemAdmin, unit: Units.ruicheng, status: .active,
                                   roleAssociated: false)
        #expect(!pending.isEffective)
        #expect(Capability.general.allSatisfy { !pending.may($0) })
        let subject = AccountSubject(personID: UUID(), post: .operator, unit: Units.taianVillage)
        #expect(AccountPolicy.mayCreate(pending, subject, route: .accountPage, otherAccountsOfPerson: []).refusal == .roleNotAssociated)
        let associated = StaffAccount(id: pending.id, personID: pending.personID, post: .systemAdmin, unit: Units.ruicheng,
                                      status: .active)
        #expect(associated.may(.manageAccounts))
        #expect(AccountPolicy.mayCreate(associated, subject, route: .accountPage, otherAccountsOfPerson: []).isAllowed)
    }
}
