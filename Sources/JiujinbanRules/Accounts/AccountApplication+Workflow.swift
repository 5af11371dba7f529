import Foundation

extension AccountApplication {
    /// 意见 may be at most this long.
    public static let maximumCommentLength = 200

    /// 提交: `actor` files `request` for its own unit under `number`. Operators file for their service point,
    /// county system and business admins for their department.
    public static func file(
        _ request: AccountApplicationRequest, number: ApplicationNumber, by actor: StaffAccount
    ) -> Result<AccountApplication, Refusal> {
        if case .refused(let refusal) = AccountPolicy.actorIsActive(actor) { return .failure(refusal) }
        guard let flow = Flow(applicant: request.applicant), actor.may(.fileAccountApplication),
              actor.unit.isSameUnit(as: request.applicant) else { return .failure(.cannotFile) }
        guard request.items.allSatisfy(flow.admitsItem) else { return .failure(.itemsOutsideFlow(flow)) }
        guard let application = AccountApplication(
            number: number, request: request, filedByAccount: actor.id, filedByPerson: actor.personID)
        else { return .failure(.numberOfAnotherCounty) }
        return .success(application)
    }

    /// Whether `actor` may perform `action` on `application` in its present state. Every combination not allowed
    /// below is refused: nothing happens to a rejected, withdrawn or finished application; only the applicant
    /// withdraws; only the city of a county administrator application forwards it; only the deciding department
    /// approves or rejects, never the person who filed; only its system admin carries out account items and only
    /// its business admin permission items, accounts first when the application creates accounts.
    public static func may(
        _ actor: StaffAccount, perform action: Action, on application: AccountApplication
    ) -> Decision {
        AccountPolicy.actorIsActive(actor)
            .then { Decision.require(!application.state.isFinal, else: .applicationClosed(application.state)) }
            .then {
                switch action {
                case .withdraw: application.mayWithdraw(actor)
                case .forward: application.mayForward(actor)
                case .approve(let comment): application.mayDecide(actor, comment: comment, commentRequired: false)
                case .reject(let comment): application.mayDecide(actor, comment: comment, commentRequired: true)
                case .carryOut(let part): application.mayCarryOut(part, actor)
                }
            }
    }

    /// The state `action` leads to from the present state (whether the action is allowed is `may`'s question).
    public func nextState(after action: Action) -> State {
        switch action {
        case .withdraw: .withdrawn
        case .forward: .forwardedByCity
        case .approve: .approved
        case .reject: .rejected
        case .carryOut(let part): carriedOut.union([part]).isSuperset(of: requiredParts) ? .done : .partlyCarriedOut
        }
    }

    /// Performs `action` by `actor`: the application in its next state, or the refusal.
    public func applying(_ action: Action, by actor: StaffAccount) -> Result<AccountApplication, Refusal> {
        if case .refused(let refusal) = Self.may(actor, perform: action, on: self) { return .failure(refusal) }
        var next = self
        switch action {
        case .approve(let comment), .reject(let comment):
            let cleaned = TextField.clean(comment)
            next.record(state: nextState(after: action), carriedOut: carriedOut,
                        decisionComment: cleaned.isEmpty ? nil : cleaned)
        case .carryOut(let part):
            next.record(state: nextState(after: action), carriedOut: carriedOut.union([part]),
                        decisionComment: decisionComment)
        case .forward, .withdraw:
            next.record(state: nextState(after: action), carriedOut: carriedOut, decisionComment: decisionComment)
        }
        return .success(next)
    }

    private func mayWithdraw(_ actor: StaffAccount) -> Decision {
        let isApplicant = actor.may(.fileAccountApplication) && actor.unit.isSameUnit(as: applicant)
        let undecided = state == .submitted || (flow == .countyAdministratorAccounts && state == .forwardedByCity)
        return Decision.require(isApplicant, else: .notApplicant)
            .then { Decision.require(undecided, else: .wrongState(state, .withdraw)) }
    }

    private func mayForward(_ actor: StaffAccount) -> Decision {
        let isApplicantsCity = applicant.city.map { actor.unit.isSameUnit(as: .department($0)) } ?? false
        return Decision.require(flow == .countyAdministratorAccounts, else: .operatorApplicationsAreNotForwarded)
            .then {
                Decision.require(actor.may(.forwardAccountApplications) && isApplicantsCity, else: .notForwardingCity)
            }
            .then { Decision.require(state == .submitted, else: .wrongState(state, .forward)) }
    }

    private func mayDecide(_ actor: StaffAccount, comment: String, commentRequired: Bool) -> Decision {
        let action: Action = commentRequired ? .reject(comment: comment) : .approve(comment: comment)
        let expected: State = flow == .operatorAccounts ? .submitted : .forwardedByCity
        return Decision.require(actor.may(.reviewAccountApplications) && atDecidingDepartment(actor),
                                else: .notDecidingDepartment(flow))
            .then {
                Decision.require(actor.id != filedByAccount && actor.personID != filedByPerson, else: .ownApplication)
            }
            .then {
                if state == .submitted, flow == .countyAdministratorAccounts {
                    return .refused(.awaitingCityForwarding)
                }
                return Decision.require(state == expected, else: .wrongState(state, action))
            }
            .then { Self.checkComment(comment, required: commentRequired) }
    }

    private func mayCarryOut(_ part: ExecutionPart, _ actor: StaffAccount) -> Decision {
        Decision.require(actor.post == part.post && atDecidingDepartment(actor),
                         else: .notCarryingOutAdministrator(part, flow))
            .then {
                let decided = state == .approved || state == .partlyCarriedOut
                return Decision.require(decided, else: .wrongState(state, .carryOut(part)))
            }
            .then { Decision.require(requiredParts.contains(part), else: .partNotRequested(part)) }
            .then { Decision.require(!carriedOut.contains(part), else: .partAlreadyCarriedOut(part)) }
            .then {
                Decision.require(part == .accounts || !permissionsWaitForAccounts || carriedOut.contains(.accounts),
                                 else: .accountsFirst)
            }
    }

    private func atDecidingDepartment(_ actor: StaffAccount) -> Bool {
        actor.unit.isSameUnit(as: .department(decidingDepartment))
    }

    static func checkComment(_ comment: String, required: Bool) -> Decision {
        let cleaned = TextField.clean(comment)
        if cleaned.isEmpty { return Decision.require(!required, else: .commentRequired) }
        if cleaned.count > maximumCommentLength { return .refused(.commentTooLong(cleaned.count)) }
        return Decision.require(!TextField.containsForbiddenCharacters(comment), else: .commentHasControlCharacters)
    }
}

extension AccountApplication.Flow {
    /// Whether a requested item belongs in this flow: new accounts of the flow's posts; permission changes only
    /// for operators, since administrators hold no item permissions.
    func admitsItem(_ item: RequestedItem) -> Bool {
        switch item {
        case .newAccount(let account): admits(account.post)
        case .changePermissions: self == .operatorAccounts
        case .freeze, .unlock, .deactivate: true
        }
    }
}
