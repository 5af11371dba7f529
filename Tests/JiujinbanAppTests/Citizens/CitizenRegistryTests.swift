import Fluent
import SQLKit
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("办事群众: one record per person, sealed, looked up by ID number, audited views")
struct CitizenRegistryTests {
    static let idNumber = "140830199001011232"
    static func registration(_ idNumber: String = idNumber) -> [(String, String)] {
        [("id_number", idNumber), ("name", "王小明"), ("phone", "13800001234"), ("hukou_division", "140830100000"),
         ("residence_division", "140830100204"), ("ethnicity", "汉族")]
    }

    func post(_ app: Application, _ session: TestSession, _ path: String, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, path, headers: session.formHeaders, body: session.form(fields)) { res in
            result = (res.status, res.body.string)
        }
        return result
    }

    @Test("unknown number → registration form; registered → 303 to the masked page; lookup again (15-digit too) → 303 to the same person")
    func lookupAndRegister() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            // Post/redirect/get: the search answers 303 to the registration form, which has the number typed; a
            // refresh of the form records no second lookup.
            let unknown = try await app.lookUpUnknown(village, " 140830199001011232 ")
            #expect(unknown.0 == .ok && unknown.1.contains("尚未登记") && unknown.1.contains("140830********1232"))
            #expect(unknown.1.contains(#"value="140830199001011232""#), "the number typed is in the form")
            #expect(!(try await app.getPage(village, "/citizens/new").1.isEmpty))
            #expect(try await auditCount("citizen.lookup", on: app) == 1)
            // Registration answers with a redirect to the person's page, which says so once; a reload asks nothing.
            let registered = try #require(try await app.expectNoticeRedirect("/citizens", as: village, fields: Self.registration()))
            let id = try #require(try await CitizenRecord.query(on: app.db).first()?.requireID())
            #expect(registered.location == SiteURL.citizen(id: id).path && registered.notice.text.contains("已登记"))
            var page = ""
            try await app.testing().test(.GET, registered.location, headers: village.headers) { res in page = res.body.string }
            #expect(page.contains("王**") && page.contains("140830********1232") && page.contains("138****1234"))
            #expect(!page.contains("王小明") && !page.contains(Self.idNumber) && !page.contains("13800001234"))
            #expect(page.contains("男") && page.contains("1990-01-01"))
            // The old 15-digit form of another person's number converts before lookup.
            let other = try #require(try await app.expectNoticeRedirect("/citizens", as: village, fields: Self.registration("142723196508150011")))
            let old = try #require(try await app.expectNoticeRedirect("/citizens/lookup", as: village, fields: [("id_number", "142723650815001")]))
            #expect(old.location == other.location && old.location != registered.location)
            try await app.testing().test(.GET, old.location, headers: village.headers) { res in
                #expect(res.status == .ok && res.body.string.contains("142723********0011"))
            }
            let count = try await CitizenRecord.query(on: app.db).count()
            #expect(count == 2)
            // The POST records the lookup (or registration); the page it leads to records each view, as any view.
            let lookups = try await auditCount("citizen.lookup", result: "success", on: app)
            #expect(lookups == 2)
            let registrations = try await auditCount("citizen.register", result: "success", on: app)
            #expect(registrations == 2)
        }
    }

    @Test("show full values only through the audited action; other divisions see no page; admins have no access")
    func revealAndScope() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            _ = try await post(app, village, "/citizens", Self.registration())
            let id = try #require(try await CitizenRecord.query(on: app.db).first()?.requireID())
            let path = "/citizens/\(id.uuidString.lowercased())"
            let full = try await post(app, village, path + "/reveal", [])
            #expect(full.0 == .seeOther)
            try await app.testing().test(.GET, path, headers: village.headers) { res in
                #expect(res.body.string.contains(Self.idNumber) && res.body.string.contains("13800001234"))
            }
            let reveals = try await auditCount("citizen.reveal", result: "success", on: app)
            #expect(reveals == 1)
            // The community operator of another township's community: no page by id (but a lookup by number works).
            let community = try await app.session(as: .communityOperator)
            var status = HTTPStatus.ok
            try await app.testing().test(.GET, path, headers: community.headers) { res in status = res.status }
            #expect(status == .notFound)
            let byNumber = try #require(try await app.expectNoticeRedirect("/citizens/lookup", as: community,
                                                                         fields: [("id_number", Self.idNumber)]))
            #expect(byNumber.location == path)
            // Administrators handle no business and see no citizen.
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.GET, path, headers: admin.headers) { res in status = res.status }
            #expect(status == .forbidden)
        }
    }

    @Test("bad input: 422 naming the field, nothing written")
    func badInput() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            var fields = Self.registration("140830199001011233")
            fields[1] = ("name", "<script>alert(1)</script>张三\u{0007}")
            let result = try await post(app, village, "/citizens", fields)
            #expect(result.0 == .unprocessableEntity)
            #expect(result.1.contains("校验") || result.1.contains("身份证"))
            #expect(result.1.contains("控制字符") && !result.1.contains("<script>alert"))
            // A quote typed into a field cannot end the attribute it is echoed in (Plot does not escape attributes).
            fields[1] = ("name", "王\"><img src=x onerror=alert(1)>")
            let quoted = try await post(app, village, "/citizens", fields)
            #expect(quoted.0 == .unprocessableEntity && !quoted.1.contains("\"><img") && quoted.1.contains("&quot;&gt;&lt;img"))
            let lookup = try await post(app, village, "/citizens/lookup", [("id_number", "abc")])
            #expect(lookup.0 == .unprocessableEntity)
            let count = try await CitizenRecord.query(on: app.db).count()
            #expect(count == 0)
        }
    }

    @Test("20 identical concurrent registrations make one record (S26)")
    func concurrentRegistrations() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<20 { group.addTask { try await post(app, village, "/citizens", Self.registration()).0 } }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .seeOther }, "\(statuses)")
            let count = try await CitizenRecord.query(on: app.db).count()
            #expect(count == 1)
            let registrations = try await auditCount("citizen.register", result: "success", on: app)
            #expect(registrations == 1)
        }
    }

    @Test("the raw SQLite file holds no seeded ID number or phone in clear (S21)")
    func sealedAtRest() async throws {
        guard Environment.get("DATABASE_URL") == nil else { return }
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            _ = try await post(app, village, "/citizens", Self.registration())
            guard case .sqlite(let path) = app.jiujinban.configuration.database else { return }
            _ = try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(FULL)").all()
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { bytes.append(wal) }
            for secret in [Self.idNumber, "13800001234"] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret)")
            }
            let found = try await CitizenRegistry.find(
                try ResidentIDNumber.parse(Self.idNumber, today: app.jiujinban.clock.today).get(), cipher: app.jiujinban.cipher, on: app.db)
            #expect(found != nil)
        }
    }
}
