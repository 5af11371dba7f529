import Foundation
import JiujinbanRules
import Testing

/// Issue 23: a case whose ledger change the core system rejected (核心系统退回).
@Suite("办件 returned by the core system: open again, only its point may submit it again or close it")
struct CoreReturnedCaseTests {
    func returned(workingDays: Int) -> CaseFile {
        CaseFile(number: CaseFileTests.number, item: 11, workingDays: workingDays, servicePoint: AccountFixture.Units.taianVillage,
                 handlerAccount: CaseFileTests.operatorAccount.id, handlerPerson: CaseFileTests.operatorAccount.personID, state: .coreReturned)
    }

    @Test("not final; the point resubmits (a reviewed item goes to review again, an instant one is done again); nobody approves it as it stands")
    func resubmitOnly() throws {
        let file = returned(workingDays: 2)
        #expect(!CaseFile.State.coreReturned.isFinal && CaseFile.State.coreReturned.label == "核心系统退回")
        #expect(file.may(CaseFileTests.reviewer, grants: CaseFileTests.review11, .approve).refusal == .caseWrongState(.coreReturned))
        #expect(file.may(CaseFileTests.reviewer, grants: CaseFileTests.review11, .resubmit).refusal == .notHandlingPoint)
        #expect(file.may(CaseFileTests.operatorAccount, grants: CaseFileTests.handle11, .returnForDocuments(missing: ["户口本"])).refusal
                == .caseWrongState(.coreReturned))
        #expect(try file.applying(.resubmit, by: CaseFileTests.operatorAccount, grants: CaseFileTests.handle11).get().state == .accepted)
        #expect(try returned(workingDays: 0).applying(.resubmit, by: CaseFileTests.operatorAccount, grants: CaseFileTests.handle11).get()
            .state == .approved)
        #expect(CaseFile.State.coreReturned.receiptWording(deadline: nil).contains("省级社保核心系统核对未通过"))
    }

    @Test("its point closes it with a reason (终止办理, ending as 不予办理 without effect); nobody else, and no other case")
    func closeByThePoint() throws {
        let file = returned(workingDays: 2)
        let closed = try file.applying(.close(reason: "缴费档次有误，重新受理"), by: CaseFileTests.operatorAccount, grants: CaseFileTests.handle11).get()
        #expect(closed.state == .rejected && closed.state.isFinal)
        #expect(file.may(CaseFileTests.operatorAccount, grants: CaseFileTests.handle11, .close(reason: "  ")).refusal == .caseCloseReasonRequired)
        #expect(Refusal.caseCloseReasonRequired.message == "请填写终止办理的理由")
        #expect(file.may(CaseFileTests.operatorAccount, grants: CaseFileTests.handle11, .close(reason: String(repeating: "长", count: 201))).refusal
                == .caseReasonTooLong(201))
        #expect(file.may(CaseFileTests.operatorAccount, grants: CaseFileTests.handle11, .close(reason: "x\u{7}")).refusal
                == .commentHasControlCharacters)
        // The county's reviewer is not the point; an operator without the item's grant may not either.
        #expect(file.may(CaseFileTests.reviewer, grants: CaseFileTests.review11, .close(reason: "x")).refusal == .notHandlingPoint)
        #expect(file.may(CaseFileTests.operatorAccount, grants: [], .close(reason: "x")).refusal == .notHandlingPoint)
        // Only a case the core system returned: an accepted, returned or finished case is not closed this way.
        for state in [CaseFile.State.accepted, .returned] {
            let other = CaseFile(number: CaseFileTests.number, item: 11, workingDays: 2, servicePoint: AccountFixture.Units.taianVillage,
                                 handlerAccount: CaseFileTests.operatorAccount.id, handlerPerson: CaseFileTests.operatorAccount.personID,
                                 state: state)
            #expect(other.may(CaseFileTests.operatorAccount, grants: CaseFileTests.handle11, .close(reason: "x")).refusal
                    == .caseWrongState(state))
        }
        #expect(closed.may(CaseFileTests.operatorAccount, grants: CaseFileTests.handle11, .close(reason: "x")).refusal == .caseClosed(.rejected))
        #expect(CaseFile.Action.close(reason: "x").label == "终止办理")
    }
}
