import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// Issue 22: the reviewer reads the whole case (the person masked, what the operator entered, the way back to the
/// person), decides in separate confirmed forms, and the operator is told of a return and of a decision.
@Suite("办件 review: the reviewer's case page and the notices to the operator")
struct CaseReviewTests {
    let engine = CaseEngineTests()

    func notifications(_ app: Application, of account: UUID) async throws -> [NotificationRecord] {
        try await NotificationRecord.query(on: app.db).filter(\.$accountID == account).sort(\.$createdAt).all()
    }

    @Test("a return and a decision each reach the operator who accepted the case, never the reviewer")
    func operatorTold() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let citizenID = try await engine.citizen(app, village)
            let timed = try await engine.item(app, timed: true)
            let id = try #require(try await engine.accept(app, village, citizen: citizenID, item: timed.seq).1)
            let number = try #require(try await CaseRecord.find(id, on: app.db)).number
            #expect(try await notifications(app, of: village.accountID).isEmpty)
            #expect(try await engine.step(app, reviewer, id, [("action", "return"), ("missing", "户口本\n近期免冠照片")]) == .seeOther)
            let returned = try await notifications(app, of: village.accountID)
            #expect(returned.map(\.title) == ["办件退回补正：\(number)"])
            #expect(returned.first?.body.contains("户口本、近期免冠照片") == true)
            #expect(returned.first?.link == "/cases/\(id.uuidString.lowercased())")
            // The resubmission is the operator's own step: nobody is told.
            #expect(try await engine.step(app, village, id, [("action", "resubmit")]) == .seeOther)
            #expect(try await notifications(app, of: village.accountID).count == 1)
            #expect(try await engine.step(app, reviewer, id, [("action", "reject"), ("reason", "不符合认定条件")]) == .seeOther)
            let decided = try await notifications(app, of: village.accountID)
            #expect(decided.map(\.title) == ["办件退回补正：\(number)", "办件不予办理：\(number)"])
            #expect(decided.last?.body.contains("不符合认定条件") == true)
            #expect(try await notifications(app, of: reviewer.accountID).isEmpty)
            // The operator's page shell counts it as unread.
            let page = try await app.getPage(village, "/cases")
            #expect(page.1.contains("notice-link unread"))
        }
    }

    @Test("the reviewer's case page: the person masked with age and residence, the operator's note, separate confirmed decisions")
    func reviewerReadsTheCase() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer)
            let citizenID = try await engine.citizen(app, village)
            let timed = try await engine.item(app, timed: true)
            let key = UUID()
            try await app.testing().test(.POST, "/cases", headers: village.formHeaders, body: village.form([
                ("citizen", citizenID.uuidString.lowercased()), ("item", String(timed.seq)), ("submission", key.uuidString.lowercased()),
                ("documents_checked", "yes"), ("note", "群众称下月起可到岗"),
            ])) { res in #expect(res.status == .seeOther) }
            let id = try #require(try await CaseRecord.query(on: app.db).first()?.requireID())
            let citizen = try #require(try await CitizenRecord.find(id: citizenID, on: app.db))
            let (status, html) = try await app.getPage(reviewer, "/cases/\(id.uuidString.lowercased())")
            #expect(status == .ok)
            #expect(html.contains(Masking.maskedName(citizen.name)) && !html.contains(citizen.name))
            #expect(html.contains("<dt>身份证号码</dt><dd class=\"code\">") && html.contains("********"))
            #expect(html.contains("周岁") && html.contains("<dt>居住地</dt>"))
            #expect(html.contains("<dt>备注</dt><dd>群众称下月起可到岗</dd>"))
            #expect(html.contains("href=\"/citizens/\(citizenID.uuidString.lowercased())\""))
            // Three decisions, three forms, each asking before it is sent.
            #expect(html.components(separatedBy: "data-confirm=").count - 1 == 3)
            #expect(html.components(separatedBy: "<textarea").count - 1 == 2)
        }
    }
}
