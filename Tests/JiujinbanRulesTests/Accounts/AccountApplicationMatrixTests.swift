import JiujinbanRules
import Testing

private typealias Staff = AccountFixture.Staff
private typealias Fixture = ApplicationFixture
private typealias State = AccountApplication.State

/// Everyone who might try to act on an application, by a short name used in the expected tables.
private let roster: [(String, StaffAccount)] = [
    ("taianOperator", Staff.taianOperator), ("secondTaianOperator", Staff.secondTaianOperator),
    ("guweiOperator", Staff.guweiOperator), ("yongjiOperator", Staff.yongjiOperator),
    ("ruichengSystem", Staff.ruichengSystemAdmin), ("ruichengBusiness", Staff.ruichengBusinessAdmin),
    ("ruichengReviewer", Staff.ruichengReviewer), ("ruichengExpert", Staff.ruichengExpert),
    ("ruichengAuditor", Staff.ruichengAuditor), ("yongjiSystem", Staff.yongjiSystemAdmin),
    ("yongjiBusiness", Staff.yongjiBusinessAdmin), ("yunchengOfficer", Staff.yunchengOfficer),
    ("taiyuanOfficer", Staff.taiyuanOfficer), ("provinceSystem", Staff.provinceSystemAdmin),
    ("provinceBusiness", Staff.provinceBusinessAdmin), ("taskForce", Staff.taskForceMember),
    ("provinceAuditor", Staff.provinceAuditor), ("frozenRuichengSystem", Staff.frozenRuichengSystemAdmin),
]

private let actions: [(String, AccountApplication.Action)] = [
    ("forward", .forward), ("approve", .approve(comment: "同意")), ("reject", .reject(comment: "材料不全")),
    ("carryOutAccounts", .carryOut(.accounts)), ("carryOutPermissions", .carryOut(.permissions)),
    ("withdraw", .withdraw),
]

/// The only (state, action, actor) combinations allowed, by hand. The applications ask for a new account, so both
/// parts are needed; in `partlyCarriedOut` the account part is done.
private let allowedOperatorFlow: Set<String> = [
    "submitted approve ruichengSystem", "submitted approve ruichengBusiness",
    "submitted reject ruichengSystem", "submitted reject ruichengBusiness",
    "submitted withdraw taianOperator", "submitted withdraw secondTaianOperator",
    "approved carryOutAccounts ruichengSystem",
    "partlyCarriedOut carryOutPermissions ruichengBusiness",
]

private let allowedAdministratorFlow: Set<String> = [
    "submitted forward yunchengOfficer",
    "submitted withdraw ruichengSystem", "submitted withdraw ruichengBusiness",
    "forwardedByCity approve provinceSystem", "forwardedByCity approve provinceBusiness",
    "forwardedByCity reject provinceSystem", "forwardedByCity reject provinceBusiness",
    "forwardedByCity withdraw ruichengSystem", "forwardedByCity withdraw ruichengBusiness",
    "approved carryOutAccounts provinceSystem",
    "partlyCarriedOut carryOutPermissions provinceBusiness",
]

/// The state each allowed action leads to, from the fixture applications.
private let expectedNext: [String: State] = [
    "forward": .forwardedByCity, "approve": .approved, "reject": .rejected, "withdraw": .withdrawn,
    "carryOutAccounts": .partlyCarriedOut, "carryOutPermissions": .done,
]

private func check(_ application: AccountApplication, allowed: Set<String>) {
    for (actionName, action) in actions {
        for (actorName, actor) in roster {
            let key = "\(application.state) \(actionName) \(actorName)"
            let decision = AccountApplication.may(actor, perform: action, on: application)
            #expect(decision.isAllowed == allowed.contains(key), "\(key): \(decision.refusal?.message ?? "allowed")")
            if decision.isAllowed {
                let next = application.applying(action, by: actor)
                #expect((try? next.get().state) == expectedNext[actionName], "\(key)")
            } else {
                #expect(throws: Refusal.self, "\(key)") { try application.applying(action, by: actor).get() }
            }
        }
    }
}

private func carriedOut(in state: State) -> Set<ExecutionPart> {
    switch state {
    case .partlyCarriedOut: [.accounts]
    case .done: [.accounts, .permissions]
    default: []
    }
}

@Suite("申请单状态 × 操作 × 人员 application state × action × actor")
struct AccountApplicationMatrixTests {
    @Test("the tables name only real states, actions and actors")
    func tablesAreWellFormed() {
        let states = Set(State.allCases.map { "\($0)" })
        let actionNames = Set(actions.map(\.0))
        let actorNames = Set(roster.map(\.0))
        for key in allowedOperatorFlow.union(allowedAdministratorFlow) {
            let parts = key.split(separator: " ").map(String.init)
            #expect(parts.count == 3 && states.contains(parts[0]) && actionNames.contains(parts[1])
                    && actorNames.contains(parts[2]), "\(key)")
        }
    }

    @Test("operator flow", arguments: State.allCases)
    func operatorFlow(state: AccountApplication.State) {
        check(Fixture.operatorApplication(state: state, carriedOut: carriedOut(in: state)), allowed: allowedOperatorFlow)
    }

    @Test("county administrator flow", arguments: State.allCases)
    func administratorFlow(state: AccountApplication.State) {
        check(Fixture.administratorApplication(state: state, carriedOut: carriedOut(in: state)),
              allowed: allowedAdministratorFlow)
    }
}
