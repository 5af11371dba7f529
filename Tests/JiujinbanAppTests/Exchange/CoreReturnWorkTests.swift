import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor

/// Issue 23: a case the core system returned (核心系统退回) reaches its point without anyone looking: a notification to
/// the operator who accepted it, its line with the reason on the point's home page, a count beside 办件; the case page
/// says what to do next, and the point submits it again or closes it. Other points see none of it.
@Suite("核心系统退回 reaches the point: notification, home page and count, resubmit or close")
struct CoreReturnWorkTests {
    /// An item-31 case approved, exported and rejected by the core system: the case, and the ledger before it.
    static func returned(_ app: Application, reason: String = "暂停原因与核心系统记录不符") async throws
        -> (person: UUID, before: [[String]], record: CaseRecord) {
        let (person, before, record) = try await CoreExchangeTests.suspended(app)
        let id = try #require(try await CoreExchangeTests.export(app).lines.first?["record_id"])
        _ = try await CoreExchangeTests.acknowledge(app, "format_version,record_id,result,reason\n1,\(id),rejected,\(reason)\n")
        return (person, before, try #require(try await CaseRecord.find(record.id, on: app.db)))
    }

    static func path(_ record: CaseRecord) throws -> String { "/cases/\(try record.requireID().uuidString.lowercased())" }

    static func act(_ app: Application, _ session: TestSession, _ record: CaseRecord, _ fields: [(String, String)]) async throws
        -> (HTTPStatus, String) {
        try await RegistrationTests().act(app, session, record, fields)
    }

    @Test("the operator who accepted it is notified with the reason and a link; its home page lists it with the reason; 办件 shows the count; another point sees nothing")
    func reachesThePoint() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let (_, _, record) = try await Self.returned(app)
            let path = try Self.path(record)

            let told = try await CaseReviewTests().notifications(app, of: village.accountID).filter { $0.title.contains("核心系统退回") }
            #expect(told.count == 1)
            #expect(told.first?.title == "办件被核心系统退回：\(record.number)")
            #expect(told.first?.body.contains("退回原因：暂停原因与核心系统记录不符") == true && told.first?.link == path)
            // Nobody else: not the business admin who imported the answers, not the reviewer.
            let reviewer = try await app.session(as: .reviewer)
            #expect(try await CaseReviewTests().notifications(app, of: reviewer.accountID).filter { $0.title.contains("核心系统退回") }.isEmpty)

            let home = try await app.getPage(village, "/")
            #expect(home.0 == .ok && home.1.contains("核心系统退回的办件（1）"))
            #expect(home.1.contains("href=\"\(path)\"") && home.1.contains("暂停原因与核心系统记录不符"))
            #expect(home.1.contains("<span class=\"badge\">核心系统退回 1</span>"))

            let township = try await app.session(as: .townshipOperator)
            let other = try await app.getPage(township, "/")
            #expect(other.0 == .ok && !other.1.contains("核心系统退回") && !other.1.contains(record.number))
            #expect(try await app.getPage(township, path).0 == .notFound)
        }
    }

    @Test("the case page says what to do next; closing needs a reason, ends the case as 不予办理 with it, audited; only its point may")
    func close() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let (person, before, record) = try await Self.returned(app)
            let path = try Self.path(record)
            let page = try await app.getPage(village, path)
            #expect(page.1.contains("本办件被省级社保核心系统退回") && page.1.contains("href=\"#case-actions\""), "said at the top, linked to the actions")
            #expect(page.1.contains("省级社保核心系统退回了本办件对参保台账的变更，变更已撤销"))
            #expect(page.1.contains("value=\"resubmit\"") && page.1.contains("value=\"close\"") && page.1.contains("终止办理理由（必填）"))
            #expect(page.1.contains("为该群众重新受理本事项") && page.1.contains("/cases/new?citizen=\(person.uuidString.lowercased())&amp;item=31"))
            // The county's reviewer reads the case but neither closes nor resubmits it.
            let reviewer = try await app.session(as: .reviewer)
            let read = try await app.getPage(reviewer, path)
            #expect(read.0 == .ok && read.1.contains("核心系统退回原因") && !read.1.contains("value=\"close\"") && !read.1.contains("#case-actions"))
            let refused = try await Self.act(app, reviewer, record, [("action", "close"), ("reason", "x")])
            #expect(refused.0 == .forbidden && refused.1.contains("只有受理该办件的服务点可以重新提交或终止办理"))

            let empty = try await Self.act(app, village, record, [("action", "close"), ("reason", "  ")])
            #expect(empty.0 == .unprocessableEntity && empty.1.contains("请填写终止办理的理由"))
            #expect(try await CaseRecord.find(record.id, on: app.db)?.stateValue == .coreReturned)

            let closed = try await Self.act(app, village, record, [("action", "close"), ("reason", "暂停原因选错，另行受理")])
            #expect(closed.0 == .seeOther)
            let after = try #require(try await CaseRecord.find(record.id, on: app.db))
            #expect(after.stateValue == .rejected && after.decisionReason == "暂停原因选错，另行受理" && after.finishedAt != nil)
            // The reviewer's refusal and the closing without a reason audited as denied; the closing itself once.
            #expect(try await auditCount("case.close", result: "denied", on: app) == 2)
            #expect(try await auditCount("case.close", result: "success", on: app) == 1)
            #expect(try await auditedObjects("case.close", on: app).last == AuditedObject(record.number, CaseFile.State.rejected.label))
            let shown = try await app.getPage(village, path)
            #expect(shown.1.contains("终止办理理由") && shown.1.contains("暂停原因选错，另行受理") && shown.1.contains("<strong>终止办理</strong>"))
            #expect(!shown.1.contains("value=\"resubmit\""))
            // Nothing comes back into the ledger and nothing more goes to the core system; the point's lists are clear.
            #expect(try await CoreExchangeTests.ledger(person, app) == before)
            #expect(try await CoreExchangeTests.export(app).lines.isEmpty)
            let home = try await app.getPage(village, "/")
            #expect(!home.1.contains("核心系统退回的办件") && !home.1.contains("核心系统退回 1"))
        }
    }

    @Test("resubmitted: back to the county's review; approval applies the change anew and sends it to the core system again")
    func resubmit() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let (person, before, record) = try await Self.returned(app)
            let resubmitted = try await Self.act(app, village, record, [("action", "resubmit")])
            #expect(resubmitted.0 == .seeOther)
            let again = try #require(try await CaseRecord.find(record.id, on: app.db))
            #expect(again.stateValue == .accepted && again.decisionReason == nil)
            #expect(try await CoreExchangeTests.ledger(person, app) == before, "nothing applied before the review")
            #expect(try await Self.act(app, reviewer, again, [("action", "approve")]).0 == .seeOther)
            #expect(try await CoreExchangeTests.ledger(person, app) != before)
            let sent = try await CoreExchangeTests.export(app).lines
            #expect(sent.count == 1 && sent.first?["case_number"] == record.number && sent.first?["status"] == "暂停缴费")
        }
    }
}
