import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("双向匹配, the employer's side: the job seekers of the user's division a posting suits, ranked as item 2 ranks, masked, audited")
struct PostingSeekersTests {
    let jobs = FixedJobsTests()

    /// A citizen living in `residence`, registered by `session` as a job seeker wanting `occupation`.
    func seeker(_ app: Application, _ session: TestSession, id: String, residence: String, occupation: String) async throws -> UUID {
        var fields = CitizenRegistryTests.registration(BadInputs.withCheck(id))
        fields = fields.map { $0.0 == "residence_division" ? ($0.0, residence) : $0 }
        try await app.expectNoticeRedirect("/citizens", as: session, fields: fields)
        let index = app.jiujinban.cipher.blindIndex(BadInputs.withCheck(id), context: CitizenCrypto.idNumberContext)
        let person = try #require(try await CitizenRecord.query(on: app.db).filter(\.$idNumberIndex == index).first()?.requireID())
        #expect(try await jobs.accept(app, session, citizen: person, item: 1, [("occupation1", occupation), ("education", "2")]).0 == .seeOther)
        return person
    }

    @Test("the village sees its own residents, the right trade first; the county sees every village's; a closed posting matches nobody")
    func seekersForPosting() async throws {
        try await TestApp.run { app in
            let township = try await app.session(as: .townshipOperator)
            #expect(try await jobs.employer(app, township).0 == .seeOther)
            let employerID = try #require(try await EmployerRecord.query(on: app.db).first()?.requireID())
            #expect(try await jobs.posting(app, township, employer: employerID, title: "厨师", occupation: "4-03").0 == .seeOther)
            let postingID = try #require(try await JobPostingRecord.query(on: app.db).first()?.requireID()).uuidString.lowercased()
            let path = "/jobs/postings/\(postingID)/seekers"

            let village = try await app.session(as: .villageOperator)
            let community = try await app.session(as: .communityOperator)
            let cook = try await seeker(app, village, id: "14083019850101123", residence: "140830100204", occupation: "4-03")
            let welder = try await seeker(app, village, id: "14083019860202123", residence: "140830100204", occupation: "6-18")
            let neighbour = try await seeker(app, community, id: "14083019870303123", residence: "140830100019", occupation: "4-03")
            func ids(_ page: String) -> [UUID] {
                [cook, welder, neighbour].compactMap { id in page.range(of: id.uuidString.lowercased()).map { (id, $0.lowerBound) } }
                    .sorted { $0.1 < $1.1 }.map(\.0)
            }

            #expect(try await app.getPage(village, "/jobs/postings/\(postingID)").1.contains("href=\"\(path)\""))
            let own = try await app.getPage(village, path)
            #expect(own.0 == .ok && ids(own.1) == [cook, welder] && own.1.contains(Masking.maskedName("王小明")) && !own.1.contains("王小明<"))
            #expect(own.1.contains("职业对口") && own.1.contains("职业不对口"))
            let county = try await app.session(as: .reviewer)
            let all = try await app.getPage(county, path)
            #expect(Set(ids(all.1)) == [cook, welder, neighbour] && ids(all.1).last == welder)
            let audited = try await (app.db as! any SQLDatabase).raw(
                "SELECT detail FROM audit_log WHERE action = 'job.seekers_for_posting' ORDER BY seq").all()
                .map { try $0.decode(column: "detail", as: String.self) }
            #expect(audited == ["2名求职者", "3名求职者"])

            // A post that does not serve citizens has no such page; a closed posting lists nobody.
            #expect(try await app.getPage(try await app.session(as: .countySystemAdmin), path).0 == .forbidden)
            try await app.expectNoticeRedirect("/jobs/postings/\(postingID)/close", as: township, fields: [("reason", "filled")])
            let closed = try await app.getPage(county, path)
            #expect(closed.1.contains("该岗位已停止招聘或已过有效期") && ids(closed.1).isEmpty)
        }
    }
}
