import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units

private let person = AccountFixture.id(30_000)

private func held(_ post: Post, at unit: OrgUnit, _ n: Int, _ status: AccountStatus = .active, named name: String? = nil)
    -> HeldAccount
{
    HeldAccount(StaffAccount(id: AccountFixture.id(n), personID: person, post: post, unit: unit, status: status), unitName: name)
}

private func conflict(_ kind: PostConflict.Kind, _ existing: HeldAccount, _ proposed: Post) -> Refusal? {
    .personPosts(PostConflict(kind: kind, held: existing, proposed: proposed))
}

/// One unit per post for the held account and another for the new one, so that only the task force (the province
/// department alone) meets itself in one unit.
private let heldUnit: [Post: OrgUnit] = [
    .systemAdmin: Units.ruicheng, .businessAdmin: Units.ruicheng, .operator: Units.taianVillage, .reviewer: Units.ruicheng,
    .expert: Units.ruicheng, .taskForce: Units.province, .cityOfficer: Units.yuncheng, .auditor: Units.ruicheng,
]
private let newUnit: [Post: OrgUnit] = [
    .systemAdmin: Units.yongji, .businessAdmin: Units.yongji, .operator: Units.guweiCentre, .reviewer: Units.yongji,
    .expert: Units.yongji, .taskForce: Units.province, .cityOfficer: Units.taiyuan, .auditor: Units.yongji,
]

/// The expected answer for every pair (held post in rows, new post in columns), written out by hand from the rule
/// rather than computed: A auditor alone, O oversight alone, 2 two administrator posts, H administrator handles,
/// F second handling account outside the application form, - allowed.
private let posts: [Post] = [.systemAdmin, .businessAdmin, .operator, .reviewer, .expert, .taskForce, .cityOfficer, .auditor]
private let accountPageMatrix = """
    2 2 H H H O O A
    2 2 H H H O O A
    H H F F F O O A
    H H F F F O O A
    H H F F F O O A
    O O O O O O O A
    O O O O O O O A
    A A A A A A A A
    """
private let applicationFormMatrix = accountPageMatrix.replacingOccurrences(of: "F", with: "-")

private func expected(_ matrix: String, held: Post, proposed: Post) -> PostConflict.Kind? {
    let rows = matrix.split(separator: "\n").map { $0.split(separator: " ") }
    let code = rows[posts.firstIndex(of: held)!][posts.firstIndex(of: proposed)!]
    let kinds: [Substring: PostConflict.Kind] = [
        "A": .auditorAlone, "O": .oversightAlone, "2": .twoAdministratorPosts, "H": .administratorHandles,
        "F": .secondHandlingOutsideForm,
    ]
    return kinds[code]
}

private let allPairs = posts.flatMap { held in posts.map { (held, $0) } }

@Suite("职责分离 separation of duties: one person, several accounts (PersonPosts)")
struct SeparationOfDutiesTests {
    @Test("every pair of posts, on the account page", arguments: allPairs)
    func accountPage(heldPost: Post, proposed: Post) {
        let existing = held(heldPost, at: heldUnit[heldPost]!, 1)
        let subject = AccountSubject(personID: person, post: proposed, unit: newUnit[proposed]!)
        let refusal = expected(accountPageMatrix, held: heldPost, proposed: proposed).flatMap { conflict($0, existing, proposed) }
        #expect(SeparationOfDuties.check(subject, route: .accountPage, otherAccountsOfPerson: [existing])
                == AccountFixture.decision(refusal))
        // The bootstrap command is no way round it either.
        #expect(SeparationOfDuties.check(subject, route: .bootstrap, otherAccountsOfPerson: [existing])
                == AccountFixture.decision(refusal))
    }

    @Test("every pair of posts, through an approved application", arguments: allPairs)
    func applicationForm(heldPost: Post, proposed: Post) {
        let existing = held(heldPost, at: heldUnit[heldPost]!, 1)
        let subject = AccountSubject(personID: person, post: proposed, unit: newUnit[proposed]!)
        let refusal = expected(applicationFormMatrix, held: heldPost, proposed: proposed).flatMap { conflict($0, existing, proposed) }
        #expect(SeparationOfDuties.check(subject, route: .applicationForm, otherAccountsOfPerson: [existing])
                == AccountFixture.decision(refusal))
    }

    @Test("every pair of handling posts in one unit is refused, whatever the route", arguments: [
        (Post.operator, Post.operator, Units.taianVillage), (.reviewer, .expert, Units.ruicheng),
        (.expert, .reviewer, Units.ruicheng), (.reviewer, .reviewer, Units.ruicheng),
    ])
    func sameUnit(heldPost: Post, proposed: Post, unit: OrgUnit) {
        let existing = held(heldPost, at: unit, 2)
        let subject = AccountSubject(personID: person, post: proposed, unit: unit)
        for route in [PersonPosts.Route.accountPage, .applicationForm] {
            #expect(SeparationOfDuties.check(subject, route: route, otherAccountsOfPerson: [existing])
                    == .refused(.personPosts(PostConflict(kind: .sameUnit, held: existing, proposed: proposed))))
        }
    }

    @Test("frozen and locked accounts count, deactivated ones do not", arguments: AccountStatus.allCases)
    func statuses(status: AccountStatus) {
        let existing = held(.systemAdmin, at: Units.ruicheng, 3, status)
        let subject = AccountSubject(personID: person, post: .operator, unit: Units.taianVillage)
        let decision = SeparationOfDuties.check(subject, route: .applicationForm, otherAccountsOfPerson: [existing])
        #expect(decision.isAllowed == (status == .deactivated))
    }

    @Test("the changed old case: a county system admin never also holds an operator account (issue 19, finding 7)")
    func systemAdminAndOperator() {
        let admin = held(.systemAdmin, at: Units.ruicheng, 4, named: "芮城县人社部门")
        let operatorSubject = AccountSubject(personID: person, post: .operator, unit: Units.taianVillage)
        let decision = SeparationOfDuties.check(operatorSubject, route: .applicationForm, otherAccountsOfPerson: [admin])
        #expect(decision == .refused(.personPosts(PostConflict(kind: .administratorHandles, held: admin, proposed: .operator))))
        #expect(decision.refusal?.message.hasPrefix("此人已有芮城县人社部门系统管理员账号（正常）：系统管理员、业务管理员不能有业务经办和审核权限") == true)
        // And the other way round.
        let village = held(.operator, at: Units.taianVillage, 5, named: "太安村党群服务中心")
        let adminSubject = AccountSubject(personID: person, post: .systemAdmin, unit: Units.ruicheng)
        #expect(SeparationOfDuties.check(adminSubject, route: .accountPage, otherAccountsOfPerson: [village]).refusal?.message
                .hasPrefix("此人已有太安村党群服务中心业务操作员账号（正常）") == true)
    }

    @Test("the most serious conflict is named when several accounts stand in the way")
    func mostSerious() {
        let first = held(.operator, at: Units.taianVillage, 6)
        let second = held(.auditor, at: Units.yongji, 7)
        let subject = AccountSubject(personID: person, post: .operator, unit: Units.guweiCentre)
        #expect(SeparationOfDuties.check(subject, route: .accountPage, otherAccountsOfPerson: [first, second])
                == .refused(.personPosts(PostConflict(kind: .auditorAlone, held: second, proposed: .operator))))
        // Two handling accounts already, a third through the form: allowed.
        let third = held(.operator, at: Units.guweiCentre, 8)
        let fourth = AccountSubject(personID: person, post: .operator, unit: Units.dongguanCommunity)
        #expect(SeparationOfDuties.check(fourth, route: .applicationForm, otherAccountsOfPerson: [first, third]) == .allowed)
    }

    @Test func aPersonWithoutAccounts() {
        for post in posts {
            let subject = AccountSubject(personID: person, post: post, unit: newUnit[post]!)
            #expect(SeparationOfDuties.check(subject, route: .accountPage, otherAccountsOfPerson: []) == .allowed)
        }
    }

    @Test("the reviewer of a case is never its handler")
    func reviewerIsNotHandler() {
        let handler = AccountFixture.id(30_001)
        let reviewer = AccountFixture.id(30_002)
        #expect(SeparationOfDuties.mayReview(caseHandledBy: handler, reviewer: reviewer) == .allowed)
        #expect(SeparationOfDuties.mayReview(caseHandledBy: handler, reviewer: handler) == .refused(.reviewerIsHandler))
        #expect(Refusal.reviewerIsHandler.message == "不能审核本人经办的业务")
    }

    @Test("every kind of conflict has its own Chinese reason")
    func messages() {
        let reasons = PostConflict.Kind.allCases.map(\.reason)
        #expect(Set(reasons).count == PostConflict.Kind.allCases.count)
        #expect(PostConflict.Kind.twoAdministratorPosts.reason.contains("严禁一人兼任"))
        #expect(PostConflict.Kind.secondHandlingOutsideForm.reason.contains("用户申请（变更）单"))
        #expect(PostConflict.Kind.sameUnit.reason.contains("同一单位只能有一个账号"))
    }
}

@Suite("一人多岗冲突 in the monthly review")
struct PersonPostsReviewTests {
    private let other = AccountFixture.id(30_100)

    @Test("old conflicting pairs touching the county are listed; handling pairs and deactivated accounts are not")
    func conflicts() {
        let admin = held(.systemAdmin, at: Units.ruicheng, 11)
        let village = held(.operator, at: Units.taianVillage, 12)
        let centre = held(.operator, at: Units.guweiCentre, 13)
        let gone = held(.auditor, at: Units.ruicheng, 14, .deactivated)
        let othersOperator = HeldAccount(StaffAccount(id: AccountFixture.id(15), personID: other, post: .operator,
                                                      unit: Units.taianVillage, status: .active))
        let othersCentre = HeldAccount(StaffAccount(id: AccountFixture.id(16), personID: other, post: .operator,
                                                    unit: Units.guweiCentre, status: .frozen))
        let pairs = PersonPosts.conflicts(among: [admin, village, centre, gone, othersOperator, othersCentre],
                                          touching: AccountFixture.Codes.ruicheng)
        #expect(pairs == [
            ConflictingPair(kind: .administratorHandles, first: admin, second: village),
            ConflictingPair(kind: .administratorHandles, first: admin, second: centre),
        ])
        #expect(pairs[0].message.contains("县级人社部门系统管理员账号（正常）与行政村服务点业务操作员账号（正常）"))
        // Another county's review does not see them; the province's does.
        #expect(PersonPosts.conflicts(among: [admin, village], touching: AccountFixture.Codes.yongji).isEmpty)
        #expect(PersonPosts.conflicts(among: [admin, village], touching: AccountFixture.Codes.shanxi).count == 1)
    }

    @Test("a pair with one account in the county and one elsewhere is listed in the county")
    func acrossCounties() {
        let yongjiAuditor = held(.auditor, at: Units.yongji, 21)
        let ruichengReviewer = held(.reviewer, at: Units.ruicheng, 22)
        #expect(PersonPosts.conflicts(among: [yongjiAuditor, ruichengReviewer], touching: AccountFixture.Codes.ruicheng)
                == [ConflictingPair(kind: .auditorAlone, first: yongjiAuditor, second: ruichengReviewer)])
    }
}
