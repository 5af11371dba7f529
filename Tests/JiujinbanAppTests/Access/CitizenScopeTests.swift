import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Finding 2 of the security probe: an operator could open `/cases/new?citizen=<id>` and accept a case for a person
/// whose page answered them 404. Every use of a citizen id now applies `CitizenScope`; its refusals are audited
/// (finding 5).
@Suite("One scope rule for a citizen id: lives or is registered here, or found by full ID number within 30 minutes")
struct CitizenScopeTests {
    /// 风陵渡镇 凤凰社区: outside the village and the community operators' own divisions.
    static let elsewhere = "140830101001"
    static let idNumber = TestIdentity.idNumber(birth: "19800101", sequence: 271)

    func register(_ app: Application, _ session: TestSession) async throws -> UUID {
        let fields = [("id_number", Self.idNumber), ("name", "李四"), ("phone", "13800005678"), ("hukou_division", Self.elsewhere),
                      ("residence_division", Self.elsewhere), ("ethnicity", "汉族")]
        try await app.testing().test(.POST, "/citizens", headers: session.formHeaders, body: session.form(fields)) { res in
            #expect(res.status == .seeOther)
        }
        return try #require(try await CitizenRecord.query(on: app.db).filter(\.$name == "李四").first()?.requireID())
    }

    func status(_ app: Application, _ session: TestSession, _ path: String) async throws -> HTTPStatus {
        var status = HTTPStatus.ok
        try await app.testing().test(.GET, path, headers: session.headers) { res in status = res.status }
        return status
    }

    func accept(_ app: Application, _ session: TestSession, _ citizen: UUID) async throws -> HTTPStatus {
        var status = HTTPStatus.ok
        let fields = [("citizen", citizen.uuidString.lowercased()), ("item", "38"), ("submission", UUID().uuidString.lowercased()),
                      ("documents_checked", "yes")]
        try await app.testing().test(.POST, "/cases", headers: session.formHeaders, body: session.form(fields)) { res in status = res.status }
        return status
    }

    func denials(_ app: Application, _ citizen: UUID) async throws -> Int {
        try await auditedObjects("access.denied", on: app).filter { $0.object == citizen.uuidString.lowercased() }.count
    }

    @Test("a bare id of a person elsewhere answers 404 on every route, audited; nothing is accepted")
    func bareIDRefused() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let community = try await app.session(as: .communityOperator)
            let person = try await register(app, village)
            let id = person.uuidString.lowercased()
            let paths = ["/cases/new?citizen=\(id)&item=38", "/citizens/\(id)", "/jobs/recommendations/\(id)",
                         "/gigs/recommendations/\(id)", "/gigs/recruiters/\(id)", "/registrations/card/\(id)",
                         "/jobs/postings?citizen=\(id)"]
            for path in paths {
                #expect(try await status(app, community, path) == .notFound, "\(path)")
            }
            #expect(try await accept(app, community, person) == .notFound)
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            #expect(try await denials(app, person) == paths.count + 1)
            // A missing person is a plain 404, not a denial.
            #expect(try await status(app, community, "/cases/new?citizen=\(UUID().uuidString.lowercased())&item=38") == .notFound)
            #expect(try await denials(app, person) == paths.count + 1)
        }
    }

    @Test("found by full ID number, the person may be served for 30 minutes, then the id answers 404 again")
    func walkIn() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let village = try await app.session(as: .villageOperator)
            let community = try await app.session(as: .communityOperator)
            let person = try await register(app, village)
            let id = person.uuidString.lowercased()
            try await app.testing().test(.POST, "/citizens/lookup", headers: community.formHeaders,
                                         body: community.form([("id_number", Self.idNumber)])) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/citizens/\(id)")
            }
            #expect(try await status(app, community, "/cases/new?citizen=\(id)&item=38") == .ok)
            #expect(try await status(app, community, "/citizens/\(id)") == .ok)
            clock.advance(by: 29 * 60)
            #expect(try await accept(app, community, person) == .seeOther)
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
            let casePath = "/cases/" + (try await CaseRecord.query(on: app.db).first()?.requireID().uuidString.lowercased() ?? "")
            #expect(try await app.getPage(community, casePath).1.contains(">返回群众页面</a>"))
            clock.advance(by: 2 * 60)
            #expect(try await status(app, community, "/cases/new?citizen=\(id)&item=38") == .notFound)
            #expect(try await accept(app, community, person) == .notFound)
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
            // The point's own case still opens, but no longer offers a way to the person that would answer 404.
            let later = try await app.getPage(community, casePath)
            #expect(later.0 == .ok && !later.1.contains("返回群众页面") && !later.1.contains("href=\"/citizens/\(id)\""))
            // The grant is the user's own: the township operator, who never looked the person up, is refused throughout.
            let township = try await app.session(as: .townshipOperator)
            #expect(try await status(app, township, "/citizens/\(id)") == .notFound)
            // The lookup itself is audited, as before.
            #expect(try await auditedObjects("citizen.lookup", on: app).contains { $0.object == person.uuidString })
        }
    }

    @Test("the rule: own division by residence or household registration, or a lookup no older than 30 minutes")
    func rule() throws {
        let village = try DivisionCode("140830100204"), township = try DivisionCode("140830100000")
        let elsewhere = try DivisionCode(Self.elsewhere)
        let now = Date(timeIntervalSince1970: 1_795_572_000)
        #expect(CitizenScope.admits(residence: village, hukou: elsewhere, scope: township, lastLookup: nil, now: now))
        #expect(CitizenScope.admits(residence: elsewhere, hukou: village, scope: township, lastLookup: nil, now: now))
        #expect(!CitizenScope.admits(residence: elsewhere, hukou: elsewhere, scope: township, lastLookup: nil, now: now))
        #expect(CitizenScope.admits(residence: elsewhere, hukou: elsewhere, scope: village, lastLookup: now.addingTimeInterval(-1_800), now: now))
        #expect(!CitizenScope.admits(residence: elsewhere, hukou: elsewhere, scope: village, lastLookup: now.addingTimeInterval(-1_801), now: now))
        #expect(!CitizenScope.admits(residence: elsewhere, hukou: elsewhere, scope: village, lastLookup: now.addingTimeInterval(60), now: now))
        #expect(!CitizenScope.admits(residence: nil, hukou: nil, scope: village, lastLookup: nil, now: now))
    }
}
