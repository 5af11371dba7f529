import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("固定工岗位推送 (item 2): only postings still open when the push is sent, and only to a registered job seeker")
struct JobPushTests {
    let jobs = FixedJobsTests()

    func outbox(_ app: Application) async throws -> [String] {
        try await (app.db as! any SQLDatabase).raw("SELECT body FROM sms_outbox ORDER BY created_at").all()
            .map { try $0.decode(column: "body", as: String.self) }
    }

    @Test("a posting closed since the page was drawn is left out of the message; with none left nothing is sent and no case is kept")
    func stalePostings() async throws {
        try await TestApp.run { app in
            let township = try await app.session(as: .townshipOperator)
            #expect(try await jobs.employer(app, township).0 == .seeOther)
            let employerID = try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())
            #expect(try await jobs.posting(app, township, employer: employerID, title: "果品分拣员", occupation: "5-01").0 == .seeOther)
            #expect(try await jobs.posting(app, township, employer: employerID, title: "叉车司机", occupation: "6-30").0 == .seeOther)
            let ids = try await JobPostingRecord.query(on: app.db).sort(\.$revision).all().map { try $0.requireID().uuidString.lowercased() }

            let village = try await app.session(as: .villageOperator)
            let person = try await jobs.citizen(app, village)
            // No registration, no push.
            let unregistered = try await jobs.accept(app, village, citizen: person, item: 2, [("postings", ids.joined(separator: ","))])
            #expect(unregistered.0 == .unprocessableEntity && unregistered.1.contains("没有有效的固定工求职登记"))
            #expect(try await jobs.accept(app, village, citizen: person, item: 1, [("education", "2")]).0 == .seeOther)

            // The sorter's posting closes after the page was drawn: the message carries the forklift driver only.
            try await app.expectNoticeRedirect("/jobs/postings/\(ids[0])/close", as: township, fields: [("reason", "filled")])
            #expect(try await jobs.accept(app, village, citizen: person, item: 2, [("postings", ids.joined(separator: ","))]).0 == .seeOther)
            let sent = try await outbox(app)
            #expect(sent.count == 1 && sent[0].contains("1.芮城县果品加工有限公司 叉车司机") && !sent[0].contains("果品分拣员"))

            // Both closed: refused, and neither a case nor a message is kept.
            try await app.expectNoticeRedirect("/jobs/postings/\(ids[1])/close", as: township, fields: [("reason", "filled")])
            let cases = try await CaseRecord.query(on: app.db).filter(\.$itemSeq == 2).count()
            let stale = try await jobs.accept(app, village, citizen: person, item: 2, [("postings", ids.joined(separator: ","))])
            #expect(stale.0 == .conflict && stale.1.contains("推荐的岗位都已停止招聘或过期"))
            #expect(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == 2).count() == cases)
            #expect(try await outbox(app).count == 1)
        }
    }
}
