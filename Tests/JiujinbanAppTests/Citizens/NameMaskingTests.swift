import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// One masking rule for a person's name (domain rules §10): every staff page that shows a person shows `王**`; the full
/// name appears only on the person's page after the audited 显示完整信息, which that page offers near its top.
@Suite("Names: masked on every page that shows a person, full only after 显示完整信息")
struct NameMaskingTests {
    static let fullName = "王小明"
    static let masked = Masking.maskedName(fullName)

    /// The person's own pages and the pages of their case, as the operator who accepted it sees them.
    static func operatorPages(citizen: UUID, item: Int, caseID: UUID) -> [String] {
        [
            SiteURL.citizen(id: citizen).path,
            SiteURL.newCase(citizen: citizen, item: item).path,
            SiteURL.caseFile(id: caseID).path,
            SiteURL.caseReceipt(id: caseID).path,
            SiteURL.home.path,
            SiteURL.employmentCard(citizen: citizen).path,
            SiteURL.gigRecommendations(citizen: citizen).path,
            SiteURL.gigRecruiter(citizen: citizen).path,
            SiteURL.jobRecommendations(citizen: citizen).path,
        ]
    }

    @Test("no page of a demonstration person carries the full name; each names them masked")
    func everyPageMasked() async throws {
        try await TestApp.run { app in
            let engine = CaseEngineTests()
            let village = try await app.session(as: .villageOperator)
            let citizen = try await engine.citizen(app, village)
            let item = try await engine.item(app, timed: true)
            let (status, created) = try await engine.accept(app, village, citizen: citizen, item: item.seq)
            #expect(status == .seeOther)
            let caseID = try #require(created)
            let reviewer = try await app.session(as: .reviewer)
            let pages = Self.operatorPages(citizen: citizen, item: item.seq, caseID: caseID).map { (village, $0, true) }
                + [SiteURL.caseFile(id: caseID).path, SiteURL.home.path, SiteURL.cases().path].map { (reviewer, $0, true) }
                // The workbench names each case's person, masked like everywhere else.
                + [(village, SiteURL.cases().path, true)]
            for (session, path, namesPerson) in pages {
                try await app.testing().test(.GET, path, headers: session.headers) { res in
                    #expect(res.status == .ok, "\(path)")
                    #expect(!res.body.string.contains(Self.fullName), "\(path) shows the full name")
                    if namesPerson { #expect(res.body.string.contains(Self.masked), "\(path) names the person masked") }
                }
            }
        }
    }

    @Test("the person's page: masked title, crumb and 姓名; one click near the top reveals, audited, the full values")
    func revealShowsFull() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let citizen = try await CaseEngineTests().citizen(app, village)
            let path = SiteURL.citizen(id: citizen).path
            var page = ""
            try await app.testing().test(.GET, path, headers: village.headers) { res in page = res.body.string }
            #expect(page.contains("<h1>\(Self.masked)</h1>") && page.contains("<dd>\(Self.masked)</dd>"))
            // The reveal form comes before the facts it reveals: the clerk checks the name against the ID card first.
            let reveal = try #require(page.range(of: SiteURL.revealCitizen(id: citizen).path))
            let facts = try #require(page.range(of: #"<div class="facts">"#))
            #expect(reveal.lowerBound < facts.lowerBound)
            // Post/redirect/get: the reveal answers 303 to the person's page with its message, once.
            let redirect = try #require(try await app.expectNoticeRedirect(
                SiteURL.revealCitizen(id: citizen).path, as: village, fields: []))
            #expect(redirect.location == path)
            // A refresh shows the full values again and resubmits nothing: one reveal in the trail.
            try await app.testing().test(.GET, path, headers: village.headers) { res in
                let body = res.body.string
                #expect(body.contains("<h1>\(Self.fullName)</h1>") && body.contains("<dd>\(Self.fullName)</dd>"))
                #expect(body.contains(CitizenRegistryTests.idNumber) && body.contains("13800001234"))
                #expect(!body.contains(Self.masked))
                #expect(body.contains(SiteURL.concealCitizen(id: citizen).path), "恢复脱敏 offered")
            }
            #expect(try await auditCount("citizen.reveal", result: "success", on: app) == 1)
        }
    }

    @Test("the reveal holds for this session and this person only, ends after its minutes or by 恢复脱敏, each audited")
    func revealGrantBounds() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let engine = CaseEngineTests()
            let village = try await app.session(as: .villageOperator)
            let citizen = try await engine.citizen(app, village)
            var second = CitizenRegistryTests.registration("14083019900202123X")
            second[1] = ("name", "李四")
            try await app.testing().test(.POST, "/citizens", headers: village.formHeaders, body: village.form(second)) { res in
                #expect(res.status == .seeOther)
            }
            let other = try #require(try await CitizenRecord.query(on: app.db).filter(\.$id != citizen).first()?.requireID())
            let path = SiteURL.citizen(id: citizen).path
            func shows(_ session: TestSession, _ path: String, _ text: String) async throws -> Bool {
                var body = ""
                try await app.testing().test(.GET, path, headers: session.headers) { res in body = res.body.string }
                return body.contains(text)
            }
            _ = try #require(try await app.expectNoticeRedirect(SiteURL.revealCitizen(id: citizen).path, as: village, fields: []))
            #expect(try await shows(village, path, "<h1>\(Self.fullName)</h1>"))
            // Another person's page stays masked; so does the same page in another session of the same account.
            #expect(try await shows(village, SiteURL.citizen(id: other).path, "<h1>\(Masking.maskedName("李四"))</h1>"))
            let elsewhere = try await app.session(as: .villageOperator)
            #expect(try await shows(elsewhere, path, "<h1>\(Self.masked)</h1>"))
            // Within its minutes the page stays revealed, and every such view says so in the trail.
            clock.advance(by: RevealGrant.lifetime - 1)
            #expect(try await shows(village, path, "<h1>\(Self.fullName)</h1>"))
            let sql = app.db as! any SQLDatabase
            let revealedViews = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("audit_log").where("action", .equal, SQLBind("citizen.view"))
                .where("detail", .equal, SQLBind("显示完整信息")).first()?.decode(column: "n", as: Int.self) ?? 0
            #expect(revealedViews >= 2)
            clock.advance(by: 2)
            #expect(try await shows(village, path, "<h1>\(Self.masked)</h1>"), "masked again after the grant's minutes")
            // 恢复脱敏 ends it at once.
            _ = try #require(try await app.expectNoticeRedirect(SiteURL.revealCitizen(id: citizen).path, as: village, fields: []))
            let concealed = try #require(try await app.expectNoticeRedirect(
                SiteURL.concealCitizen(id: citizen).path, as: village, fields: []))
            #expect(concealed.location == path)
            #expect(try await shows(village, path, "<h1>\(Self.masked)</h1>"))
            #expect(try await auditCount("citizen.reveal", result: "success", on: app) == 2)
            #expect(try await auditCount("citizen.conceal", result: "success", on: app) == 1)
        }
    }
}
