import Foundation
import JiujinbanRules
import Testing

/// Issue 23: a case whose ledger change the core system rejected (核心系统退回).
@Suite("办件 returned by the core system: open again, only its point may submit it again")
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
}
