import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units

private let person = AccountFixture.id(30_000)
private let systemAdminHeld = Refusal.bothAdministratorPosts(held: .systemAdmin)

private func held(_ post: Post, at unit: OrgUnit, _ n: Int, _ status: AccountStatus = .active) -> StaffAccount {
    StaffAccount(id: AccountFixture.id(n), personID: person, post: post, unit: unit, status: status)
}

@Suite("职责分离 separation of duties")
struct SeparationOfDutiesTests {
    @Test("one person never holds both administrator posts", arguments: [
        (Post.businessAdmin, Units.ruicheng, held(.systemAdmin, at: Units.ruicheng, 1), Refusal?.some(systemAdminHeld)),
        (.businessAdmin, Units.yongji, held(.systemAdmin, at: Units.ruicheng, 2), systemAdminHeld),
        (.systemAdmin, Units.province, held(.businessAdmin, at: Units.xiaodian, 3),
         .bothAdministratorPosts(held: .businessAdmin)),
        (.businessAdmin, Units.ruicheng, held(.systemAdmin, at: Units.ruicheng, 4, .frozen), systemAdminHeld),
        (.businessAdmin, Units.ruicheng, held(.systemAdmin, at: Units.ruicheng, 5, .locked), systemAdminHeld),
        (.businessAdmin, Units.ruicheng, held(.systemAdmin, at: Units.ruicheng, 6, .deactivated), nil),
        (.businessAdmin, Units.yongji, held(.businessAdmin, at: Units.ruicheng, 7), nil),
        (.systemAdmin, Units.ruicheng, held(.operator, at: Units.taianVillage, 8), nil),
        (.reviewer, Units.ruicheng, held(.expert, at: Units.yongji, 9), nil),
    ] as [(Post, OrgUnit, StaffAccount, Refusal?)])
    func administratorPosts(post: Post, unit: OrgUnit, other: StaffAccount, refusal: Refusal?) {
        let subject = AccountSubject(personID: person, post: post, unit: unit)
        #expect(SeparationOfDuties.check(subject, otherAccountsOfPerson: [other]) == AccountFixture.decision(refusal))
    }

    @Test("one person never has two live accounts in the same unit", arguments: [
        (Post.expert, Units.ruicheng, held(.reviewer, at: Units.ruicheng, 11), Refusal?.some(.secondAccountInUnit)),
        (.operator, Units.taianVillage, held(.operator, at: Units.taianVillage, 12, .locked), .secondAccountInUnit),
        (.operator, Units.taianVillage, held(.operator, at: Units.taianVillage, 13, .deactivated), nil),
        (.operator, Units.guweiCentre, held(.operator, at: Units.taianVillage, 14), nil),
        (.operator, Units.guweiBank, held(.operator, at: Units.guweiCentre, 15), nil),
    ] as [(Post, OrgUnit, StaffAccount, Refusal?)])
    func oneAccountPerUnit(post: Post, unit: OrgUnit, other: StaffAccount, refusal: Refusal?) {
        let subject = AccountSubject(personID: person, post: post, unit: unit)
        #expect(SeparationOfDuties.check(subject, otherAccountsOfPerson: [other]) == AccountFixture.decision(refusal))
    }

    @Test func aPersonWithoutAccounts() {
        let subject = AccountSubject(personID: person, post: .systemAdmin, unit: Units.ruicheng)
        #expect(SeparationOfDuties.check(subject, otherAccountsOfPerson: []) == .allowed)
    }

    @Test("the reviewer of a case is never its handler")
    func reviewerIsNotHandler() {
        let handler = AccountFixture.id(30_001)
        let reviewer = AccountFixture.id(30_002)
        #expect(SeparationOfDuties.mayReview(caseHandledBy: handler, reviewer: reviewer) == .allowed)
        #expect(SeparationOfDuties.mayReview(caseHandledBy: handler, reviewer: handler) == .refused(.reviewerIsHandler))
        #expect(Refusal.reviewerIsHandler.message == "不能审核本人经办的业务")
    }

    @Test func messages() {
        #expect(Refusal.bothAdministratorPosts(held: .systemAdmin).message == "此人已是系统管理员，同一人不能兼任系统管理员和业务管理员")
        #expect(Refusal.secondAccountInUnit.message.contains("同一单位只能有一个账号"))
    }
}
