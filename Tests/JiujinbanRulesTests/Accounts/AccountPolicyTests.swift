import Foundation
import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units
private typealias Staff = AccountFixture.Staff

private func outside(_ post: Post, _ manager: OrgUnit.Level) -> Refusal {
    .outsideJurisdiction(post, managedBy: manager)
}

/// A person who holds no account yet.
private let newcomer = AccountFixture.id(20_000)

@Suite("账号创建和变更 creating and changing accounts")
struct AccountCreationTests {
    @Test("who may create which account", arguments: [
        // Province system admin: county administrators of any county, province and city staff.
        (Staff.provinceSystemAdmin, Post.systemAdmin, Units.ruicheng, Refusal?.none),
        (Staff.provinceSystemAdmin, .businessAdmin, Units.ruicheng, nil),
        (Staff.provinceSystemAdmin, .systemAdmin, Units.yongji, nil),
        (Staff.provinceSystemAdmin, .businessAdmin, Units.xiaodian, nil),
        (Staff.provinceSystemAdmin, .businessAdmin, Units.province, nil),
        (Staff.provinceSystemAdmin, .taskForce, Units.province, nil),
        (Staff.provinceSystemAdmin, .auditor, Units.province, nil),
        (Staff.provinceSystemAdmin, .cityOfficer, Units.yuncheng, nil),
        (Staff.provinceSystemAdmin, .auditor, Units.taiyuan, nil),
        (Staff.provinceSystemAdmin, .operator, Units.taianVillage, outside(.operator, .countyDepartment)),
        (Staff.provinceSystemAdmin, .reviewer, Units.ruicheng, outside(.reviewer, .countyDepartment)),
        (Staff.provinceSystemAdmin, .auditor, Units.ruicheng, outside(.auditor, .countyDepartment)),
        (Staff.provinceSystemAdmin, .systemAdmin, Units.province, .createdOnlyByBootstrap),
        (Staff.provinceSystemAdmin, .systemAdmin, Units.yuncheng, .postNotAllowedAtUnit(.systemAdmin, .cityDepartment)),
        // County system admin: its own county's operators, reviewers, experts and auditors.
        (Staff.ruichengSystemAdmin, .operator, Units.taianVillage, nil),
        (Staff.ruichengSystemAdmin, .operator, Units.guweiCentre, nil),
        (Staff.ruichengSystemAdmin, .operator, Units.dongguanCommunity, nil),
        (Staff.ruichengSystemAdmin, .operator, Units.guweiBank, nil),
        (Staff.ruichengSystemAdmin, .reviewer, Units.ruicheng, nil),
        (Staff.ruichengSystemAdmin, .expert, Units.ruicheng, nil),
        (Staff.ruichengSystemAdmin, .auditor, Units.ruicheng, nil),
        (Staff.ruichengSystemAdmin, .operator, Units.yongjiCentre, .otherCounty),
        (Staff.ruichengSystemAdmin, .reviewer, Units.yongji, .otherCounty),
        (Staff.yongjiSystemAdmin, .operator, Units.taianVillage, .otherCounty),
        (Staff.ruichengSystemAdmin, .systemAdmin, Units.ruicheng, outside(.systemAdmin, .provinceDepartment)),
        (Staff.ruichengSystemAdmin, .businessAdmin, Units.yongji, outside(.businessAdmin, .provinceDepartment)),
        (Staff.ruichengSystemAdmin, .taskForce, Units.province, outside(.taskForce, .provinceDepartment)),
        (Staff.ruichengSystemAdmin, .operator, Units.ruicheng, .postNotAllowedAtUnit(.operator, .countyDepartment)),
        (Staff.ruichengSystemAdmin, .reviewer, Units.guweiCentre, .postNotAllowedAtUnit(.reviewer, .servicePoint)),
        (Staff.ruichengSystemAdmin, .operator, Units.misplacedVillagePoint, .malformedUnit),
        // Nobody else creates accounts.
        (Staff.provinceBusinessAdmin, .systemAdmin, Units.ruicheng, .notSystemAdmin),
        (Staff.ruichengBusinessAdmin, .operator, Units.taianVillage, .notSystemAdmin),
        (Staff.ruichengReviewer, .operator, Units.taianVillage, .notSystemAdmin),
        (Staff.ruichengExpert, .operator, Units.taianVillage, .notSystemAdmin),
        (Staff.ruichengAuditor, .operator, Units.taianVillage, .notSystemAdmin),
        (Staff.taianOperator, .operator, Units.taianVillage, .notSystemAdmin),
        (Staff.yunchengOfficer, .auditor, Units.yuncheng, .notSystemAdmin),
        (Staff.taskForceMember, .taskForce, Units.province, .notSystemAdmin),
        (Staff.provinceAuditor, .auditor, Units.province, .notSystemAdmin),
        (Staff.frozenRuichengSystemAdmin, .operator, Units.taianVillage, .actorNotActive(.frozen)),
    ] as [(StaffAccount, Post, OrgUnit, Refusal?)])
    func create(actor: StaffAccount, post: Post, unit: OrgUnit, refusal: Refusal?) {
        let subject = AccountSubject(personID: newcomer, post: post, unit: unit)
        let decision = AccountPolicy.mayCreate(actor, subject, route: .accountPage, otherAccountsOfPerson: [])
        #expect(decision == AccountFixture.decision(refusal))
    }

    @Test("inactive system admins create nothing", arguments: [AccountStatus.frozen, .locked, .deactivated])
    func inactiveActor(status: AccountStatus) {
        let actor = AccountFixture.staff(.systemAdmin, at: Units.ruicheng, 60, status: status)
        let subject = AccountSubject(personID: newcomer, post: .operator, unit: Units.taianVillage)
        #expect(AccountPolicy.mayCreate(actor, subject, route: .accountPage, otherAccountsOfPerson: []) == .refused(.actorNotActive(status)))
    }

    @Test("no administrator creates an account for its own person")
    func ownPerson() {
        let actor = Staff.ruichengSystemAdmin
        let subject = AccountSubject(personID: actor.personID, post: .operator, unit: Units.taianVillage)
        #expect(AccountPolicy.mayCreate(actor, subject, route: .accountPage, otherAccountsOfPerson: [HeldAccount(actor)]) == .refused(.ownAccount))
    }

    @Test("creation applies the one-person-several-accounts rule to the person's other accounts")
    func separation() {
        let person = AccountFixture.id(20_001)
        let countySystemAdmin = HeldAccount(StaffAccount(id: AccountFixture.id(61), personID: person, post: .systemAdmin,
                                                         unit: Units.yongji, status: .active))
        let businessAdmin = AccountSubject(personID: person, post: .businessAdmin, unit: Units.ruicheng)
        #expect(AccountPolicy.mayCreate(Staff.provinceSystemAdmin, businessAdmin, route: .accountPage,
                                        otherAccountsOfPerson: [countySystemAdmin])
                == .refused(.personPosts(PostConflict(kind: .twoAdministratorPosts, held: countySystemAdmin, proposed: .businessAdmin))))

        let villageOperator = HeldAccount(StaffAccount(id: AccountFixture.id(62), personID: person, post: .operator,
                                                       unit: Units.taianVillage, status: .active))
        let second = AccountSubject(personID: person, post: .operator, unit: Units.taianVillage)
        #expect(AccountPolicy.mayCreate(Staff.ruichengSystemAdmin, second, route: .applicationForm,
                                        otherAccountsOfPerson: [villageOperator])
                == .refused(.personPosts(PostConflict(kind: .sameUnit, held: villageOperator, proposed: .operator))))
        // A second point: through an approved application only.
        let elsewhere = AccountSubject(personID: person, post: .operator, unit: Units.guweiCentre)
        #expect(AccountPolicy.mayCreate(Staff.ruichengSystemAdmin, elsewhere, route: .accountPage,
                                        otherAccountsOfPerson: [villageOperator])
                == .refused(.personPosts(PostConflict(kind: .secondHandlingOutsideForm, held: villageOperator, proposed: .operator))))
        #expect(AccountPolicy.mayCreate(Staff.ruichengSystemAdmin, elsewhere, route: .applicationForm,
                                        otherAccountsOfPerson: [villageOperator])
                == .allowed)
    }

    @Test("changing an account: managed as it is and as it will be")
    func change() {
        let account = Staff.taianOperator
        let moved = AccountSubject(personID: account.personID, post: .operator, unit: Units.guweiCentre)
        #expect(AccountPolicy.mayChange(Staff.ruichengSystemAdmin, account, to: moved, otherAccountsOfPerson: [HeldAccount(account)])
                == .allowed)

        let toYongji = AccountSubject(personID: account.personID, post: .operator, unit: Units.yongjiCentre)
        #expect(AccountPolicy.mayChange(Staff.ruichengSystemAdmin, account, to: toYongji, otherAccountsOfPerson: [])
                == .refused(.otherCounty))
        #expect(AccountPolicy.mayChange(Staff.yongjiSystemAdmin, account, to: toYongji, otherAccountsOfPerson: [])
                == .refused(.otherCounty))
        #expect(AccountPolicy.mayChange(Staff.provinceSystemAdmin, account, to: moved, otherAccountsOfPerson: [])
                == .refused(.outsideJurisdiction(.operator, managedBy: .countyDepartment)))
        #expect(AccountPolicy.mayChange(Staff.ruichengBusinessAdmin, account, to: moved, otherAccountsOfPerson: [])
                == .refused(.notSystemAdmin))
    }

    @Test("an unchanged post and unit (new phone, say) is not a second account in the unit")
    func changeInPlace() {
        let account = Staff.taianOperator
        let unchanged = account.subject
        #expect(AccountPolicy.mayChange(Staff.ruichengSystemAdmin, account, to: unchanged, otherAccountsOfPerson: [HeldAccount(account)])
                == .allowed)
        let other = AccountFixture.staff(.operator, at: Units.guweiCentre, 63, person: 10_014)
        let onto = AccountSubject(personID: account.personID, post: .operator, unit: Units.guweiCentre)
        let others = [HeldAccount(account), HeldAccount(other)]
        #expect(AccountPolicy.mayChange(Staff.ruichengSystemAdmin, account, to: onto, otherAccountsOfPerson: others)
                == .refused(.personPosts(PostConflict(kind: .sameUnit, held: HeldAccount(other), proposed: .operator))))
    }

    @Test("a county administrator may switch posts, since the account itself is not a clash")
    func switchAdministratorPost() {
        let account = Staff.ruichengSystemAdmin
        let switched = AccountSubject(personID: account.personID, post: .businessAdmin, unit: Units.ruicheng)
        #expect(AccountPolicy.mayChange(Staff.provinceSystemAdmin, account, to: switched, otherAccountsOfPerson: [HeldAccount(account)])
                == .allowed)
    }

    @Test("an account never passes to another person, and a deactivated one is not changed")
    func changeRefusals() {
        let account = Staff.taianOperator
        let otherPerson = AccountSubject(personID: newcomer, post: .operator, unit: Units.taianVillage)
        #expect(AccountPolicy.mayChange(Staff.ruichengSystemAdmin, account, to: otherPerson, otherAccountsOfPerson: [])
                == .refused(.accountChangesPerson))
        let gone = AccountFixture.staff(.operator, at: Units.taianVillage, 64, status: .deactivated)
        #expect(AccountPolicy.mayChange(Staff.ruichengSystemAdmin, gone, to: gone.subject, otherAccountsOfPerson: [])
                == .refused(.accountDeactivated))
    }
}

@Suite("冻结、解锁、注销 freezing, unlocking, deactivating")
struct AccountStatusPolicyTests {
    private static let frozenOperator = AccountFixture.staff(.operator, at: Units.taianVillage, 70, status: .frozen)
    private static let lockedOperator = AccountFixture.staff(.operator, at: Units.taianVillage, 71, status: .locked)
    private static let goneOperator = AccountFixture.staff(.operator, at: Units.taianVillage, 72, status: .deactivated)

    @Test("who may change which status", arguments: [
        (Staff.ruichengSystemAdmin, Staff.taianOperator, AccountStatus.Change.freeze, Refusal?.none),
        (Staff.ruichengSystemAdmin, Staff.taianOperator, .deactivate, nil),
        (Staff.ruichengSystemAdmin, frozenOperator, .unlock, nil),
        (Staff.ruichengSystemAdmin, lockedOperator, .unlock, nil),
        (Staff.ruichengSystemAdmin, lockedOperator, .freeze, nil),
        (Staff.ruichengSystemAdmin, frozenOperator, .deactivate, nil),
        (Staff.ruichengSystemAdmin, Staff.ruichengReviewer, .freeze, nil),
        (Staff.provinceSystemAdmin, Staff.ruichengSystemAdmin, .deactivate, nil),
        (Staff.provinceSystemAdmin, Staff.yunchengOfficer, .freeze, nil),
        (Staff.ruichengSystemAdmin, Staff.yongjiOperator, .freeze, .otherCounty),
        (Staff.yongjiSystemAdmin, Staff.taianOperator, .deactivate, .otherCounty),
        (Staff.provinceSystemAdmin, Staff.taianOperator, .freeze, outside(.operator, .countyDepartment)),
        (Staff.ruichengSystemAdmin, Staff.ruichengBusinessAdmin, .freeze,
         .outsideJurisdiction(.businessAdmin, managedBy: .provinceDepartment)),
        (Staff.ruichengBusinessAdmin, Staff.taianOperator, .freeze, .notSystemAdmin),
        (Staff.taianOperator, Staff.secondTaianOperator, .freeze, .notSystemAdmin),
        (Staff.ruichengSystemAdmin, frozenOperator, .freeze, .statusChangeNotApplicable(.frozen, .freeze)),
        (Staff.ruichengSystemAdmin, Staff.taianOperator, .unlock, .statusChangeNotApplicable(.active, .unlock)),
        (Staff.ruichengSystemAdmin, goneOperator, .unlock, .statusChangeNotApplicable(.deactivated, .unlock)),
        (Staff.ruichengSystemAdmin, goneOperator, .deactivate, .statusChangeNotApplicable(.deactivated, .deactivate)),
        (Staff.ruichengSystemAdmin, Staff.taianOperator, .idleLock, .idleLockIsAutomatic),
        (Staff.provinceSystemAdmin, Staff.provinceSystemAdmin, .deactivate, .createdOnlyByBootstrap),
        (Staff.frozenRuichengSystemAdmin, Staff.taianOperator, .freeze, .actorNotActive(.frozen)),
    ] as [(StaffAccount, StaffAccount, AccountStatus.Change, Refusal?)])
    func statusChange(actor: StaffAccount, account: StaffAccount, change: AccountStatus.Change, refusal: Refusal?) {
        #expect(AccountPolicy.mayChangeStatus(actor, of: account, change) == AccountFixture.decision(refusal))
    }

    @Test("a system admin does not freeze its own person's operator account")
    func ownPerson() {
        let own = AccountFixture.staff(.operator, at: Units.taianVillage, 73, person: 10_003)
        #expect(AccountPolicy.mayChangeStatus(Staff.ruichengSystemAdmin, of: own, .freeze) == .refused(.ownAccount))
    }
}

@Suite("账号泄露 reporting a leaked account")
struct LeakReportTests {
    @Test func onlyOwnAccount() {
        #expect(AccountPolicy.mayReportLeak(Staff.taianOperator, account: Staff.taianOperator) == .allowed)
        #expect(AccountPolicy.mayReportLeak(Staff.taianOperator, account: Staff.secondTaianOperator)
                == .refused(.leakReportOnlyForOwnAccount))
        #expect(AccountPolicy.mayReportLeak(Staff.ruichengSystemAdmin, account: Staff.taianOperator)
                == .refused(.leakReportOnlyForOwnAccount))
        let frozen = Staff.frozenRuichengSystemAdmin
        #expect(AccountPolicy.mayReportLeak(frozen, account: frozen) == .refused(.actorNotActive(.frozen)))
    }

    @Test("the managing department's system admin is alerted to freeze", arguments: [
        (Staff.taianOperator, Units.ruicheng),
        (Staff.bankOperator, Units.ruicheng),
        (Staff.yongjiOperator, Units.yongji),
        (Staff.ruichengReviewer, Units.ruicheng),
        (Staff.ruichengAuditor, Units.ruicheng),
        (Staff.ruichengSystemAdmin, Units.province),
        (Staff.yunchengOfficer, Units.province),
        (Staff.provinceSystemAdmin, Units.province),
    ] as [(StaffAccount, OrgUnit)])
    func alert(account: StaffAccount, recipient: OrgUnit) {
        let alert = AccountPolicy.leakAlert(for: account)
        #expect(alert.recipientPost == .systemAdmin)
        #expect(alert.recipientUnit == recipient)
        #expect(alert.change == .freeze)
    }

    @Test("managing departments", arguments: [
        (Post.operator, Units.guweiBank, AccountFixture.Codes.ruicheng as DivisionCode?),
        (.expert, Units.ruicheng, AccountFixture.Codes.ruicheng),
        (.businessAdmin, Units.xiaodian, AccountFixture.Codes.shanxi),
        (.businessAdmin, Units.province, AccountFixture.Codes.shanxi),
        (.auditor, Units.taiyuan, AccountFixture.Codes.shanxi),
        (.systemAdmin, Units.province, nil),
        (.operator, Units.ruicheng, nil),
    ] as [(Post, OrgUnit, DivisionCode?)])
    func managingDepartment(post: Post, unit: OrgUnit, department: DivisionCode?) {
        #expect(AccountPolicy.managingDepartment(of: post, at: unit) == department)
    }
}
