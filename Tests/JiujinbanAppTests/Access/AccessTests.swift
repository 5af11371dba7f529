import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// A concrete path for a route pattern: parameters get placeholder values.
func samplePath(_ route: Route) -> String {
    "/" + route.path.map { component -> String in
        switch component {
        case .parameter(let name): name == "id" ? UUID().uuidString : (name == "code" ? "140830000000" : "job")
        case .constant(let value): value
        case .anything, .catchall: "x"
        }
    }.joined(separator: "/")
}

@Suite("Deny by default, role × route matrix, CSRF, data scope (S09–S13)")
struct AccessTests {
    @Test("every route declares its access")
    func everyRouteDeclares() async throws {
        try await TestApp.run { app in
            let undeclared = app.routes.all.filter { $0.access == nil }.map { "\($0.method) \(samplePath($0))" }
            #expect(undeclared.isEmpty, "routes without access: \(undeclared)")
        }
    }

    @Test("anonymously, every route but the public ones answers with the login page or 401")
    func anonymousWalk() async throws {
        try await TestApp.run { app in
            var checked = 0
            for route in app.routes.all {
                if case .anonymous = route.access { continue }
                let path = samplePath(route)
                try await app.testing().test(route.method, path) { res in
                    if route.method == .GET && !path.hasPrefix("/api/") {
                        #expect(res.status == .seeOther, "\(route.method) \(path)")
                        #expect(res.headers.first(name: .location) == "/login", "\(path)")
                    } else {
                        #expect(res.status == .unauthorized, "\(route.method) \(path)")
                    }
                }
                checked += 1
            }
            #expect(checked >= 15)
            // An unknown path is not public either.
            try await app.testing().test(.GET, "/admin/secret") { res in #expect(res.status == .seeOther) }
        }
    }

    @Test("role × route: each role reaches exactly the routes of its capabilities; denials are audited",
          arguments: [DemoRole.provinceSystemAdmin, .provinceBusinessAdmin, .taskForce, .provinceAuditor, .cityOfficer,
                      .countySystemAdmin, .countyBusinessAdmin, .reviewer, .expert, .villageOperator, .bankOperator])
    func matrix(role: DemoRole) async throws {
        try await TestApp.run { app in
            let session = try await app.session(as: role)
            // The account's item grants as stored: a route may be guarded by an item's handle grant (items 18 and 19).
            let grants = try await StaffDirectory.grants(of: session.accountID, on: app.db)
            let capabilities = Capability.granted(to: role.member.post, grants: grants, at: try role.unit())
            var denied = 0
            for route in app.routes.all {
                guard let access = route.access, route.method == .GET else { continue }
                switch access {
                case .capability, .anyOf: break
                case .anonymous, .signedIn: continue
                }
                let allowed = access.admits(capabilities)
                try await app.testing().test(.GET, samplePath(route), headers: session.headers) { res in
                    if allowed {
                        #expect(res.status != .forbidden, "\(role) \(samplePath(route))")
                    } else {
                        #expect(res.status == .forbidden, "\(role) should not reach \(samplePath(route))")
                    }
                }
                if !allowed { denied += 1 }
            }
            // Capability refusals name the route; the walk's sample ids may also meet records out of scope (404, also
            // audited as denials, with the record).
            let audited = try await (app.db as! any SQLDatabase).raw("""
                SELECT COUNT(*) AS n FROM audit_log WHERE action = 'access.denied' AND result = 'denied' AND object_type = 'route'
                """).first()?.decode(column: "n", as: Int.self)
            #expect(audited == denied)
        }
    }

    @Test("administrators never reach item handling, whatever grants are stored (S12)")
    func adminsNeverHandle() async throws {
        try await TestApp.run { app in
            let session = try await app.session(as: .countySystemAdmin)
            try await StaffRegistry.setGrants([.handle(1), .review(11)], of: session.accountID, on: app.db)
            let record = try #require(try await AccountRecord.find(session.accountID, on: app.db))
            let account = try #require(try await StaffDirectory.account(record, on: app.db))
            let grants = try await StaffDirectory.grants(of: session.accountID, on: app.db)
            #expect(!account.may(.handle(item: 1), grants: grants))
            #expect(!account.may(.review(item: 11), grants: grants))
        }
    }

    @Test("state-changing requests need the session's CSRF token and a same-origin Origin", arguments: [
        ("missing", nil, nil), ("wrong", "not-the-token", nil), ("foreign origin", "TOKEN", "https://evil.example"),
    ] as [(String, String?, String?)])
    func csrf(label: String, token: String?, origin: String?) async throws {
        try await TestApp.run { app in
            let session = try await app.session(as: .countySystemAdmin)
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100204").first())
            var headers = session.formHeaders
            if let origin { headers.replaceOrAdd(name: .origin, value: origin) }
            var fields = [("reason", "测试"), ("date", "")]
            if let token { fields.append((SessionMiddleware.csrfField, token == "TOKEN" ? session.csrf : token)) }
            try await app.testing().test(.POST, "/service-points/\(try point.requireID().uuidString.lowercased())/disable",
                                         headers: headers, body: formBody(fields)) { res in
                #expect(res.status == .forbidden, "\(label)")
            }
            let status = try await ServicePoint.find(point.id, on: app.db)?.status
            #expect(status == "active")
        }
    }

    /// (label, Origin, Referer, accepted): a POST with a valid session and CSRF token, as a browser (or not) sends it.
    @Test("a POST made with a session cookie needs an Origin, or else a Referer, of this site (S09)", arguments: [
        ("Origin of this site", TestSite.origin, nil, true),
        ("Referer of this site, no Origin", nil, TestSite.origin + "/service-points", true),
        ("neither Origin nor Referer", nil, nil, false),
        ("Origin: null", "null", nil, false),
        ("Origin: null with a Referer of this site", "null", TestSite.origin + "/", false),
        ("foreign Referer, no Origin", nil, "https://evil.example/page", false),
        ("another port of this host", "http://localhost:8081", nil, false),
    ] as [(String, String?, String?, Bool)])
    func originRequired(label: String, origin: String?, referer: String?, accepted: Bool) async throws {
        try await TestApp.run { app in
            let session = try await app.session(as: .countySystemAdmin)
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100204").first())
            var headers = session.formHeaders
            headers.remove(name: .origin)
            if let origin { headers.add(name: .origin, value: origin) }
            if let referer { headers.add(name: .referer, value: referer) }
            try await app.testing().test(.POST, "/service-points/\(try point.requireID().uuidString.lowercased())/disable",
                                         headers: headers, body: session.form([("reason", "撤并"), ("date", "")])) { res in
                #expect(accepted ? res.status == .seeOther : res.status == .forbidden, "\(label): \(res.status)")
            }
            let status = try await ServicePoint.find(point.id, on: app.db)?.status
            #expect(status == (accepted ? "disabled" : "active"), "\(label)")
        }
    }

    @Test("the card platform's callback is exempt by declaration: it carries its own signature, not a browser's Origin")
    func machineToMachineDeclared() async throws {
        let paths = publicPaths(AppConfiguration(database: .sqlite(path: ":memory:"), loadDemoData: false))
        #expect(paths.isMachineToMachine(SiteURL.cardCallback.path))
        #expect(!paths.isMachineToMachine(SiteURL.loginComplete.path))
        #expect(!paths.isMachineToMachine(SiteURL.login.path))
    }

    @Test("no GET changes anything: walking every GET route as an administrator writes no business row")
    func noStateChangingGet() async throws {
        try await TestApp.run { app in
            let session = try await app.session(as: .provinceSystemAdmin)
            let sql = app.db as! any SQLDatabase
            func fingerprint() async throws -> [Int] {
                var counts: [Int] = []
                for table in ["divisions", "service_points", "staff_accounts", "staff_persons", "account_grants", "app_settings"] {
                    counts.append(try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self))
                }
                return counts
            }
            let before = try await fingerprint()
            for route in app.routes.all where route.method == .GET {
                try await app.testing().test(.GET, samplePath(route), headers: session.headers) { _ in }
            }
            let after = try await fingerprint()
            #expect(before == after)
        }
    }
}
