import Foundation
import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units

@Suite("办结 at the point: a case whose work is its point's (item 18) is finished there and never reviewed")
struct FinishedAtPointCaseTests {
    static let number = CaseNumber(county: try! DivisionCode("140830000000"), date: CalendarDate(year: 2026, month: 11, day: 30)!, sequence: 7)!
    static let pointOperator = StaffAccount(id: UUID(), personID: UUID(), post: .operator, unit: Units.taianVillage, status: .active)
    static let otherPointOperator = StaffAccount(id: UUID(), personID: UUID(), post: .operator, unit: Units.dongguanCommunity,
                                                 status: .active)
    static let reviewer = StaffAccount(id: UUID(), personID: UUID(), post: .reviewer, unit: Units.ruicheng, status: .active)
    static let frozenOperator = StaffAccount(id: pointOperator.id, personID: pointOperator.personID, post: .operator,
                                             unit: Units.taianVillage, status: .frozen)
    static let handle18: Set<ItemPermission> = [.handle(18)]
    static let review18: Set<ItemPermission> = [.review(18)]

    /// A case the platform opened (no handling account), due in 5 working days.
    func opened(finishedAtPoint: Bool = true, state: CaseFile.State = .accepted) -> CaseFile {
        CaseFile(number: Self.number, item: 18, workingDays: 5, servicePoint: Units.taianVillage, handlerAccount: nil,
                 handlerPerson: nil, state: state, finishedAtPoint: finishedAtPoint)
    }

    @Test("the point's operator with the handle grant finishes it: the case is approved")
    func pointFinishes() throws {
        let finished = try opened().applying(.finish, by: Self.pointOperator, grants: Self.handle18).get()
        #expect(finished.state == .approved && finished.state.isFinal)
        #expect(CaseFile.Action.finish.label == "办结")
    }

    @Test("who may not: another point, no handle grant, a reviewer, an inactive account")
    func othersMayNot() {
        let file = opened()
        #expect(file.may(Self.otherPointOperator, grants: Self.handle18, .finish).refusal == .notHandlingPoint)
        #expect(file.may(Self.pointOperator, grants: [.handle(17)], .finish).refusal == .notHandlingPoint)
        #expect(file.may(Self.reviewer, grants: Self.review18.union(Self.handle18), .finish).refusal == .notHandlingPoint)
        #expect(file.may(Self.frozenOperator, grants: Self.handle18, .finish).refusal == .actorNotActive(.frozen))
    }

    @Test("states: only an accepted case; a finished one stays finished; a returned one is resubmitted first")
    func states() throws {
        #expect(opened(state: .approved).may(Self.pointOperator, grants: Self.handle18, .finish).refusal == .caseClosed(.approved))
        #expect(opened(state: .rejected).may(Self.pointOperator, grants: Self.handle18, .finish).refusal == .caseClosed(.rejected))
        #expect(opened(state: .returned).may(Self.pointOperator, grants: Self.handle18, .finish).refusal == .caseWrongState(.returned))
        let done = try opened().applying(.finish, by: Self.pointOperator, grants: Self.handle18).get()
        #expect(done.may(Self.pointOperator, grants: Self.handle18, .finish).refusal == .caseClosed(.approved))
    }

    @Test("a reviewer may neither approve nor reject it, with a message saying why")
    func noReview() {
        let file = opened()
        #expect(file.may(Self.reviewer, grants: Self.review18, .approve).refusal == .caseFinishedAtPoint)
        #expect(file.may(Self.reviewer, grants: Self.review18, .reject(reason: "无")).refusal == .caseFinishedAtPoint)
        #expect(Refusal.caseFinishedAtPoint.message.contains("不经县级审核"))
    }

    @Test("an item that is reviewed may not be finished at its point, and is reviewed as before")
    func reviewedItems() throws {
        let file = opened(finishedAtPoint: false)
        #expect(file.may(Self.pointOperator, grants: Self.handle18, .finish).refusal == .caseNotFinishedAtPoint)
        #expect(try file.applying(.approve, by: Self.reviewer, grants: Self.review18).get().state == .approved)
    }
}
