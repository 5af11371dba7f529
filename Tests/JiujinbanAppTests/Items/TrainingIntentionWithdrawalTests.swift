import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// 撤销培训意向: the registering point ends an intention with the person's reason; it then leaves item 17's page and the
/// follow-up sweep. Refused without a reason, at another point, and while the person holds a class place.
@Suite("撤销培训意向: by the registering point, with a reason, audited")
struct TrainingIntentionWithdrawalTests {
    let fixtures = TrainingFixtures()

    @Test("refused without a reason and at another point (nothing written); withdrawn with one, and gone from the intentions page")
    func withdraw() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await fixtures.jobs.citizen(app, village)
            #expect(try await fixtures.intention(app, village, citizen: person, InstitutionRecommendationTests.proof).0 == .seeOther)
            let intention = try #require(try await fixtures.intentions(app).first)
            let id = try intention.requireID()
            let page = "/training/recommend/\(person.uuidString.lowercased())"
            #expect(try await app.getPage(village, page).1.contains("撤销该培训意向"))
            let path = "/training/intentions/\(id.uuidString.lowercased())/withdraw"

            let empty = try await app.post(village, path, [("reason", "  ")])
            #expect(empty.0 == .unprocessableEntity && empty.1.contains("撤销原因：请填写群众撤销培训意向的原因"))
            let township = try await app.session(as: .townshipOperator)
            #expect(try await app.post(township, path, [("reason", "不想学了")]).0 == .forbidden)
            #expect(try await TrainingIntentionRecord.find(id, on: app.db)?.status == "open")
            #expect(try await auditCount("training.intention.withdraw", result: "denied", on: app) == 1)
            #expect(try await auditedObjects("access.denied", on: app).contains { $0.object == id.uuidString.lowercased() })

            let done = try await app.expectNoticeRedirect(path, as: village, fields: [("reason", "已在外地找到工作")])
            #expect(done?.notice == TrainingIntentionNotices.withdrawn)
            let ended = try #require(try await TrainingIntentionRecord.find(id, on: app.db))
            #expect(ended.status == "withdrawn" && ended.closedOn == app.jiujinban.clock.today.iso && ended.closeReason == "群众撤销：已在外地找到工作")
            #expect(try await auditedObjects("training.intention.withdraw", on: app).last == AuditedObject(id.uuidString.lowercased(), "已在外地找到工作"))
            #expect(try await app.getPage(village, page).1.contains("该群众没有在办的培训意向"))
            // Once ended, a second withdrawal is refused by field.
            #expect(try await app.post(village, path, [("reason", "再次撤销")]).0 == .unprocessableEntity)
            // The person may register the same occupation again.
            #expect(try await fixtures.intention(app, village, citizen: person, InstitutionRecommendationTests.proof).0 == .seeOther)
        }
    }
}
