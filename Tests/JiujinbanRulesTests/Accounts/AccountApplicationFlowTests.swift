import Foundation
import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units
private typealias Staff = AccountFixture.Staff
private typealias Fixture = ApplicationFixture

/// Applies `action` by `actor`, failing the test on a refusal.
private func step(
    _ application: AccountApplication, _ action: AccountApplication.Action, by actor: StaffAccount,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> AccountApplication {
    switch application.applying(action, by: actor) {
    case .success(let next): return next
    case .failure(let refusal):
        Issue.record("refused: \(refusal.message)", sourceLocation: sourceLocation)
        throw refusal
    }
}

private func refusal(
    _ application: AccountApplication, _ action: AccountApplication.Action, by actor: StaffAccount
) -> Refusal? {
    AccountApplication.may(actor, perform: action, on: application).refusal
}

@Suite("用户申请（变更）单流程 account application flows")
struct AccountApplicationFlowTests {
    @Test("operator account: village files, county approves, system then business admin carry out")
    func operatorFlow() throws {
        let filed = try AccountApplication.file(Fixture.request(Units.taianVillage, [Fixture.newOperator]),
                                                number: Fixture.number, by: Staff.taianOperator).get()
        #expect(filed.state == .submitted)
        #expect(filed.flow == .operatorAccounts)
        #expect(filed.filedByAccount == Staff.taianOperator.id)
        #expect(filed.decidingDepartment == AccountFixture.Codes.ruicheng)

        let approved = try step(filed, .approve(comment: " 同意 "), by: Staff.ruichengBusinessAdmin)
        #expect(approved.state == .approved)
        #expect(approved.decisionComment == "同意")
        #expect(refusal(approved, .carryOut(.permissions), by: Staff.ruichengBusinessAdmin) == .accountsFirst)

        let created = try step(approved, .carryOut(.accounts), by: Staff.ruichengSystemAdmin)
        #expect(created.state == .partlyCarriedOut)
        #expect(!created.state.notifiesApplicant)
        #expect(refusal(created, .carryOut(.accounts), by: Staff.ruichengSystemAdmin) == .partAlreadyCarriedOut(.accounts))

        let done = try step(created, .carryOut(.permissions), by: Staff.ruichengBusinessAdmin)
        #expect(done.state == .done)
        #expect(done.state.notifiesApplicant)
        #expect(done.carriedOut == [.accounts, .permissions])
        #expect(done.decisionComment == "同意")
    }

    @Test("county administrator account: county files, city forwards, province approves and carries out")
    func administratorFlow() throws {
        let filed = try AccountApplication.file(Fixture.request(Units.ruicheng, [Fixture.newBusinessAdmin]),
                                                number: Fixture.number, by: Staff.ruichengSystemAdmin).get()
        #expect(filed.flow == .countyAdministratorAccounts)
        #expect(filed.decidingDepartment == AccountFixture.Codes.shanxi)
        #expect(refusal(filed, .approve(comment: ""), by: Staff.provinceSystemAdmin) == .awaitingCityForwarding)
        #expect(refusal(filed, .forward, by: Staff.taiyuanOfficer) == .notForwardingCity)

        let forwarded = try step(filed, .forward, by: Staff.yunchengOfficer)
        #expect(forwarded.state == .forwardedByCity)
        #expect(refusal(forwarded, .approve(comment: ""), by: Staff.ruichengBusinessAdmin)
                == .notDecidingDepartment(.countyAdministratorAccounts))
        #expect(refusal(forwarded, .forward, by: Staff.yunchengOfficer) == .wrongState(.forwardedByCity, .forward))

        let approved = try step(forwarded, .approve(comment: ""), by: Staff.provinceSystemAdmin)
        #expect(approved.decisionComment == nil)
        #expect(refusal(approved, .carryOut(.accounts), by: Staff.ruichengSystemAdmin)
                == .notCarryingOutAdministrator(.accounts, .countyAdministratorAccounts))
        let created = try step(approved, .carryOut(.accounts), by: Staff.provinceSystemAdmin)
        let done = try step(created, .carryOut(.permissions), by: Staff.provinceBusinessAdmin)
        #expect(done.state == .done)
    }

    @Test("an account-only application is done when the system admin carries it out")
    func accountsOnly() throws {
        let application = Fixture.operatorApplication([.freeze(accountID: Staff.secondTaianOperator.id)], state: .approved)
        #expect(application.requiredParts == [.accounts])
        #expect(refusal(application, .carryOut(.permissions), by: Staff.ruichengBusinessAdmin)
                == .partNotRequested(.permissions))
        #expect(try step(application, .carryOut(.accounts), by: Staff.ruichengSystemAdmin).state == .done)
    }

    @Test("a permission-only application needs no account step first")
    func permissionsOnly() throws {
        let change = RequestedItem.changePermissions(accountID: Staff.taianOperator.id, grants: [.handle(1)])
        let application = Fixture.operatorApplication([change], state: .approved)
        #expect(refusal(application, .carryOut(.accounts), by: Staff.ruichengSystemAdmin) == .partNotRequested(.accounts))
        #expect(try step(application, .carryOut(.permissions), by: Staff.ruichengBusinessAdmin).state == .done)
    }

    @Test("rejecting needs a reason and ends the application")
    func rejection() throws {
        let filed = Fixture.operatorApplication()
        #expect(refusal(filed, .reject(comment: "  "), by: Staff.ruichengSystemAdmin) == .commentRequired)
        #expect(refusal(filed, .reject(comment: String(repeating: "材", count: 201)), by: Staff.ruichengSystemAdmin)
                == .commentTooLong(201))
        #expect(refusal(filed, .approve(comment: "同\u{202E}意"), by: Staff.ruichengSystemAdmin)
                == .commentHasControlCharacters)
        #expect(refusal(filed, .reject(comment: String(repeating: "材", count: 200)), by: Staff.ruichengSystemAdmin) == nil)

        let rejected = try step(filed, .reject(comment: "身份证号码与本人不符"), by: Staff.ruichengSystemAdmin)
        #expect(rejected.state == .rejected)
        #expect(rejected.state.notifiesApplicant)
        #expect(rejected.decisionComment == "身份证号码与本人不符")
    }

    @Test("nothing happens to a rejected, withdrawn or finished application", arguments: [
        AccountApplication.State.rejected, .withdrawn, .done,
    ])
    func closed(state: AccountApplication.State) {
        let parts: Set<ExecutionPart> = state == .done ? [.accounts, .permissions] : []
        let application = Fixture.operatorApplication(state: state, carriedOut: parts)
        let attempts: [(AccountApplication.Action, StaffAccount)] = [
            (.approve(comment: "同意"), Staff.ruichengSystemAdmin), (.reject(comment: "不同意"), Staff.ruichengSystemAdmin),
            (.carryOut(.accounts), Staff.ruichengSystemAdmin), (.carryOut(.permissions), Staff.ruichengBusinessAdmin),
            (.withdraw, Staff.taianOperator), (.forward, Staff.yunchengOfficer),
        ]
        for (action, actor) in attempts {
            #expect(refusal(application, action, by: actor) == .applicationClosed(state))
            #expect(throws: Refusal.applicationClosed(state)) { try application.applying(action, by: actor).get() }
        }
    }

    @Test("the applicant withdraws before the decision, nobody else does")
    func withdrawal() throws {
        let filed = Fixture.operatorApplication()
        #expect(try step(filed, .withdraw, by: Staff.secondTaianOperator).state == .withdrawn)
        #expect(refusal(filed, .withdraw, by: Staff.guweiOperator) == .notApplicant)
        #expect(refusal(filed, .withdraw, by: Staff.ruichengSystemAdmin) == .notApplicant)
        let approved = Fixture.operatorApplication(state: .approved)
        #expect(refusal(approved, .withdraw, by: Staff.taianOperator) == .wrongState(.approved, .withdraw))
        let forwarded = Fixture.administratorApplication(state: .forwardedByCity)
        #expect(try step(forwarded, .withdraw, by: Staff.ruichengBusinessAdmin).state == .withdrawn)
    }

    @Test("illegal steps of the operator flow", arguments: [
        (Staff.yongjiSystemAdmin, AccountApplication.Action.approve(comment: ""),
         Refusal.notDecidingDepartment(.operatorAccounts)),
        (Staff.provinceSystemAdmin, .approve(comment: ""), .notDecidingDepartment(.operatorAccounts)),
        (Staff.taianOperator, .approve(comment: ""), .notDecidingDepartment(.operatorAccounts)),
        (Staff.ruichengReviewer, .reject(comment: "不同意"), .notDecidingDepartment(.operatorAccounts)),
        (Staff.yunchengOfficer, .forward, .operatorApplicationsAreNotForwarded),
        (Staff.ruichengSystemAdmin, .carryOut(.accounts), .wrongState(.submitted, .carryOut(.accounts))),
        (Staff.ruichengBusinessAdmin, .carryOut(.accounts), .notCarryingOutAdministrator(.accounts, .operatorAccounts)),
        (Staff.ruichengSystemAdmin, .carryOut(.permissions), .notCarryingOutAdministrator(.permissions, .operatorAccounts)),
        (Staff.frozenRuichengSystemAdmin, .approve(comment: ""), .actorNotActive(.frozen)),
    ] as [(StaffAccount, AccountApplication.Action, Refusal)])
    func illegalOperatorSteps(actor: StaffAccount, action: AccountApplication.Action, expected: Refusal) {
        #expect(refusal(Fixture.operatorApplication(), action, by: actor) == expected)
    }

    @Test("nobody approves an application they filed, even from another account")
    func ownApplication() {
        let countyAccountOfTheFiler = AccountFixture.staff(.systemAdmin, at: Units.ruicheng, 90, person: 10_014)
        #expect(refusal(Fixture.operatorApplication(), .approve(comment: ""), by: countyAccountOfTheFiler)
                == .ownApplication)
        let provinceAccountOfTheFiler = AccountFixture.staff(.systemAdmin, at: Units.province, 91, person: 10_003)
        let forwarded = Fixture.administratorApplication(state: .forwardedByCity)
        #expect(refusal(forwarded, .approve(comment: ""), by: provinceAccountOfTheFiler) == .ownApplication)
        #expect(refusal(Fixture.administratorApplication(), .approve(comment: ""), by: Staff.ruichengSystemAdmin)
                == .notDecidingDepartment(.countyAdministratorAccounts))
    }

    @Test("who may file", arguments: [
        (Staff.taianOperator, Units.taianVillage, [Fixture.newOperator], Refusal?.none),
        (Staff.ruichengBusinessAdmin, Units.ruicheng, [Fixture.newBusinessAdmin], nil),
        (Staff.guweiOperator, Units.taianVillage, [Fixture.newOperator], .cannotFile),
        (Staff.ruichengReviewer, Units.ruicheng, [Fixture.newBusinessAdmin], .cannotFile),
        (Staff.provinceSystemAdmin, Units.province, [Fixture.newBusinessAdmin], .cannotFile),
        (Staff.yunchengOfficer, Units.yuncheng, [Fixture.newBusinessAdmin], .cannotFile),
        (Staff.taianOperator, Units.taianVillage, [Fixture.newBusinessAdmin], .itemsOutsideFlow(.operatorAccounts)),
        (Staff.ruichengSystemAdmin, Units.ruicheng, [Fixture.newOperator], .itemsOutsideFlow(.countyAdministratorAccounts)),
        (Staff.ruichengSystemAdmin, Units.ruicheng, [.changePermissions(accountID: AccountFixture.id(4), grants: [])],
         .itemsOutsideFlow(.countyAdministratorAccounts)),
        (Staff.yongjiOperator, Units.yongjiCentre, [Fixture.newOperator], .numberOfAnotherCounty),
        (AccountFixture.staff(.operator, at: Units.taianVillage, 92, status: .locked), Units.taianVillage,
         [Fixture.newOperator], .actorNotActive(.locked)),
    ] as [(StaffAccount, OrgUnit, [RequestedItem], Refusal?)])
    func filing(actor: StaffAccount, applicant: OrgUnit, items: [RequestedItem], expected: Refusal?) {
        let result = AccountApplication.file(Fixture.request(applicant, items), number: Fixture.number, by: actor)
        switch (result, expected) {
        case (.success(let application), nil): #expect(application.state == .submitted)
        case (.failure(let refusal), let expected?): #expect(refusal == expected)
        default: Issue.record("expected \(String(describing: expected)), got \(result)")
        }
    }

    @Test("an application is only rebuilt for an applicant that can file, under its county's number")
    func rebuild() {
        let request = Fixture.request(Units.province, [Fixture.newBusinessAdmin])
        #expect(AccountApplication(number: Fixture.number, request: request, filedByAccount: AccountFixture.id(1),
                                   filedByPerson: AccountFixture.id(2)) == nil)
        let yongji = Fixture.request(Units.yongji, [Fixture.newBusinessAdmin])
        #expect(AccountApplication(number: Fixture.number, request: yongji, filedByAccount: AccountFixture.id(1),
                                   filedByPerson: AccountFixture.id(2)) == nil)
    }

    @Test("next states", arguments: [
        (AccountApplication.Action.forward, Set<ExecutionPart>(), AccountApplication.State.forwardedByCity),
        (.approve(comment: ""), [], .approved),
        (.reject(comment: "不同意"), [], .rejected),
        (.withdraw, [], .withdrawn),
        (.carryOut(.accounts), [], .partlyCarriedOut),
        (.carryOut(.permissions), [.accounts], .done),
        (.carryOut(.accounts), [.permissions], .done),
    ] as [(AccountApplication.Action, Set<ExecutionPart>, AccountApplication.State)])
    func nextStates(action: AccountApplication.Action, carriedOut: Set<ExecutionPart>, next: AccountApplication.State) {
        let application = Fixture.operatorApplication(state: .approved, carriedOut: carriedOut)
        #expect(application.nextState(after: action) == next)
    }

    @Test func labels() {
        #expect(AccountApplication.State.allCases.map(\.rawValue)
                == ["submitted", "forwarded_by_city", "approved", "rejected", "partly_carried_out", "done", "withdrawn"])
        #expect(AccountApplication.State.allCases.filter(\.isFinal) == [.rejected, .done, .withdrawn])
        #expect(Refusal.wrongState(.approved, .withdraw).message == "申请单当前为“已同意，待办理”，不能撤回")
        #expect(Refusal.notCarryingOutAdministrator(.permissions, .operatorAccounts).message == "角色和权限事项由县级业务管理员办理")
        #expect(RequestedItem.Kind.allCases.map(\.label) == ["新增账号", "冻结账号", "解锁账号", "注销账号", "变更账号权限"])
    }
}
