import Foundation
import JiujinbanRules
import Testing

private typealias Units = AccountFixture.Units

@Suite("办件 workflow: every transition and every illegal one")
struct CaseFileTests {
    static let date = CalendarDate(year: 2026, month: 11, day: 30)!
    static let number = CaseNumber(county: try! DivisionCode("140830000000"), date: date, sequence: 42)!
    static let operatorAccount = StaffAccount(id: UUID(), personID: UUID(), post: .operator, unit: Units.taianVillage, status: .active)
    static let reviewer = StaffAccount(id: UUID(), personID: UUID(), post: .reviewer, unit: Units.ruicheng, status: .active)
    static let otherCountyReviewer = StaffAccount(id: UUID(), personID: UUID(), post: .reviewer, unit: Units.yongji, status: .active)
    /// The handler's own person holding a reviewer account too.
    static let handlerAsReviewer = StaffAccount(id: UUID(), personID: operatorAccount.personID, post: .reviewer,
                                                unit: Units.ruicheng, status: .active)
    static let handle11: Set<ItemPermission> = [.handle(11)]
    static let review11: Set<ItemPermission> = [.review(11)]

    func accepted(workingDays: Int = 10) -> CaseFile {
        CaseFile(number: Self.number, item: 11, workingDays: workingDays, servicePoint: Units.taianVillage,
                 handlerAccount: Self.operatorAccount.id, handlerPerson: Self.operatorAccount.personID,
                 state: CaseFile.initialState(workingDays: workingDays))
    }

    @Test("numbers print and read back; the sequence restarts per county and day")
    func numbers() {
        #expect(Self.number.text == "140830-20261130-00042")
        #expect(CaseNumber("140830-20261130-00042") == Self.number)
        for bad in ["140830-20261131-00042", "140830-20261130-42", "140831x-20261130-00001", "140830-20261130-00000"] {
            #expect(CaseNumber(bad) == nil, "\(bad)")
        }
        #expect(CaseNumber.counterName(county: try! DivisionCode("140830000000"), date: Self.date) == "case:140830:2026-11-30")
    }

    @Test("acceptance: only an operator at its point with the handle grant; instant items finish at once")
    func acceptance() {
        #expect(CaseFile.mayAccept(Self.operatorAccount, item: 11, grants: Self.handle11).isAllowed)
        #expect(CaseFile.mayAccept(Self.operatorAccount, item: 12, grants: Self.handle11).refusal == .noHandleGrant(12))
        #expect(CaseFile.mayAccept(Self.reviewer, item: 11, grants: Self.review11).refusal == .caseOnlyAtServicePoint)
        #expect(CaseFile.initialState(workingDays: 0) == .approved && CaseFile.initialState(workingDays: 10) == .accepted)
    }

    @Test("review: approve and reject by the county's reviewer; never the handler, another county, or without a grant")
    func review() throws {
        let file = accepted()
        #expect(try file.applying(.approve, by: Self.reviewer, grants: Self.review11).get().state == .approved)
        #expect(try file.applying(.reject(reason: "不符合条件"), by: Self.reviewer, grants: Self.review11).get().state == .rejected)
        #expect(file.may(Self.reviewer, grants: Self.review11, .reject(reason: "  ")).refusal == .caseReasonRequired)
        #expect(file.may(Self.reviewer, grants: [], .approve).refusal == .noReviewGrant(11))
        #expect(file.may(Self.otherCountyReviewer, grants: Self.review11, .approve).refusal == .reviewOutsideCounty)
        #expect(file.may(Self.handlerAsReviewer, grants: Self.review11, .approve).refusal == .reviewerIsHandler)
        #expect(file.may(Self.operatorAccount, grants: Self.handle11.union(Self.review11), .approve).refusal == .noReviewGrant(11))
    }

    @Test("return for documents lists everything at once; the point resubmits; closed cases stay closed")
    func returnAndResubmit() throws {
        let file = accepted()
        #expect(file.may(Self.reviewer, grants: Self.review11, .returnForDocuments(missing: [" ", ""])).refusal
                == .caseMissingDocumentsRequired)
        let returned = try file.applying(.returnForDocuments(missing: ["户口本", "失业证明"]), by: Self.reviewer,
                                         grants: Self.review11).get()
        #expect(returned.state == .returned)
        #expect(returned.may(Self.reviewer, grants: Self.review11, .approve).refusal == .caseWrongState(.returned))
        #expect(returned.may(Self.reviewer, grants: Self.review11, .resubmit).refusal == .notHandlingPoint)
        let again = try returned.applying(.resubmit, by: Self.operatorAccount, grants: Self.handle11).get()
        #expect(again.state == .accepted)
        let done = try again.applying(.approve, by: Self.reviewer, grants: Self.review11).get()
        for action in [CaseFile.Action.approve, .reject(reason: "x"), .returnForDocuments(missing: ["a"]), .resubmit] {
            #expect(done.may(Self.reviewer, grants: Self.review11, action).refusal == .caseClosed(.approved), "\(action)")
        }
        // The point itself may return before review.
        #expect(file.may(Self.operatorAccount, grants: Self.handle11, .returnForDocuments(missing: ["照片"])).isAllowed)
    }

    @Test("deadline status: on time, due within one working day, overdue, none when finished")
    func deadlines() {
        let d = { CalendarDate(iso: $0)! }
        #expect(DeadlineStatus.of(deadline: d("2026-12-10"), finished: false, today: d("2026-12-01"), nextWorkday: d("2026-12-02")) == .onTime)
        #expect(DeadlineStatus.of(deadline: d("2026-12-02"), finished: false, today: d("2026-12-01"), nextWorkday: d("2026-12-02")) == .dueSoon)
        #expect(DeadlineStatus.of(deadline: d("2026-12-07"), finished: false, today: d("2026-12-04"), nextWorkday: d("2026-12-07")) == .dueSoon)
        #expect(DeadlineStatus.of(deadline: d("2026-12-01"), finished: false, today: d("2026-12-02"), nextWorkday: d("2026-12-03")) == .overdue)
        #expect(DeadlineStatus.of(deadline: d("2026-12-01"), finished: true, today: d("2026-12-02"), nextWorkday: d("2026-12-03")) == .none)
        #expect(DeadlineStatus.of(deadline: nil, finished: false, today: d("2026-12-02"), nextWorkday: d("2026-12-03")) == .none)
    }

    @Test("the receipt says what each state means: never 已办结 together with a progress to follow")
    func receiptWording() {
        let waiting = CaseFile.State.accepted.receiptWording(deadline: "2026-12-10")
        #expect(waiting == "您的申请已受理，正在审核，将于2026-12-10前办结。请凭本回执的办件编号向受理服务点查询办理进度。")
        #expect(CaseFile.State.accepted.receiptWording(deadline: nil) == "您的申请已受理，正在审核。请凭本回执的办件编号向受理服务点查询办理进度。")
        let done = CaseFile.State.approved.receiptWording(deadline: "2026-12-10")
        #expect(done.contains("已办结") && !done.contains("查询办理进度") && !done.contains("正在审核"))
        let refused = CaseFile.State.rejected.receiptWording(deadline: nil)
        #expect(refused.contains("不予办理") && !refused.contains("已办结"))
        #expect(CaseFile.State.returned.receiptWording(deadline: nil).contains("一次性告知单"))
    }
}
