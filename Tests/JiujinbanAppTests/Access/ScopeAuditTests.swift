import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Finding 5 of the security probe: a 404 given because a record lies outside the user's scope wrote no audit row,
/// while a 403 did. Both are denials (S12, S16); a record that does not exist is not.
@Suite("Scope refusals answer 404 and are audited as denials; missing records are not")
struct ScopeAuditTests {
    func status(_ app: Application, _ session: TestSession, _ path: String) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.GET, path, headers: session.headers) { res in result = (res.status, res.body.string) }
        return result
    }

    func denials(_ app: Application) async throws -> [AuditedObject] {
        try await auditedObjects("access.denied", on: app)
    }

    @Test("another point's case: the same 404 as a missing case, but audited with the case and the path")
    func caseOfAnotherPoint() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let community = try await app.session(as: .communityOperator)
            let engine = CaseEngineTests()
            let citizen = try await engine.citizen(app, village)
            let item = try await engine.item(app, timed: false)
            let (_, created) = try await engine.accept(app, village, citizen: citizen, item: item.seq)
            let id = try #require(created).uuidString.lowercased()
            let refused = try await status(app, community, "/cases/\(id)")
            let missing = try await status(app, community, "/cases/\(UUID().uuidString.lowercased())")
            #expect(refused.0 == .notFound && missing.0 == .notFound)
            #expect(refused.1.contains("该办件不存在或您无权查看") && missing.1.contains("该办件不存在或您无权查看"))
            let rows = try await denials(app)
            #expect(rows == [AuditedObject(id, "超出数据范围：GET /cases/\(id)")])
            let sql = app.db as! any SQLDatabase
            let row = try #require(try await sql.raw("SELECT user_id, result, object_type FROM audit_log WHERE action = 'access.denied'").first())
            #expect(try row.decode(column: "user_id", as: UUID.self) == community.accountID)
            #expect(try row.decode(column: "result", as: String.self) == "denied")
            #expect(try row.decode(column: "object_type", as: String.self) == "case")
        }
    }

    @Test("an account above the county administrator's subtree: 404, audited")
    func accountOutsideSubtree() async throws {
        try await TestApp.run { app in
            let county = try await app.session(as: .countySystemAdmin)
            let province = try await app.session(as: .provinceSystemAdmin)
            let path = "/accounts/\(province.accountID.uuidString.lowercased())"
            #expect(try await status(app, county, path).0 == .notFound)
            #expect(try await denials(app) == [AuditedObject(province.accountID.uuidString.lowercased(), "超出数据范围：GET \(path)")])
            #expect(try await status(app, province, "/accounts/\(county.accountID.uuidString.lowercased())").0 == .ok)
            #expect(try await denials(app).count == 1)
        }
    }
}
