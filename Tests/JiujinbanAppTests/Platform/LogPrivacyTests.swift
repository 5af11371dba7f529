import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Logging
import Testing
import Vapor
import VaporTesting

@Suite("Application logs: no ID numbers, phones, session ids or tickets; no forged lines (S20)")
struct LogPrivacyTests {
    @Test("the QR login and the pages with personal data leave no personal data or secret in the logs")
    func noSecretsInLogs() async throws {
        let capture = LogCapture()
        var secrets: [String] = []
        let newPerson = (id: TestIdentity.idNumber(birth: "19880214", sequence: 517), phone: "13912345678")
        secrets += [newPerson.id, newPerson.phone]
        try await TestApp.run(logger: capture.logger()) { app in
            let flow = LoginFlow(app: app)
            let page = try await flow.openLoginPage()
            try await app.testing().test(.GET, "/login/status?ticket=\(page.ticket)", headers: page.headers) { res in
                #expect(res.status == .ok)
            }
            try await app.testing().test(.GET, "/dev/card-simulator?ticket=\(page.ticket)", headers: page.headers) { res in
                #expect(res.status == .ok)
            }
            try await flow.confirm(try flow.assertion(for: DemoRole.countySystemAdmin.member, ticket: page.ticket))
            let cookie = try #require(try await flow.complete(page))
            let session = try #require(try await SessionRecord.find(SessionToken.digest(cookie), on: app.db))
            secrets += [page.ticket, page.browserCookie, cookie, session.csrfToken]
            // A refused login (a replayed ticket) and a forged assertion log their refusals too.
            try await flow.complete(page, expect: .forbidden)
            let other = try await flow.openLoginPage()
            secrets.append(other.ticket)
            try await flow.confirm(try flow.assertion(for: DemoRole.villageOperator.member, ticket: other.ticket,
                                                      key: P256.Signing.PrivateKey()), expect: .unauthorized)

            let headers = sessionHeaders(cookie)
            var paths = ["/", "/accounts", "/accounts/new", "/service-points", "/my-account"]
            for account in try await AccountRecord.query(on: app.db).filter(\.$unitDivisionCode =~ "140830").all() {
                paths.append(SiteURL.account(id: try account.requireID()).path)
            }
            for path in paths {
                try await app.testing().test(.GET, path, headers: headers) { res in
                    #expect(res.status == .ok, "\(path)")
                }
            }
            // The auditor searches the trail for an ID number (the query string is never logged).
            let auditor = try await app.session(as: .provinceAuditor)
            secrets.append(auditor.token)
            for path in ["/audit", "/audit?action=\(DemoRole.villageOperator.member.idNumber)"] {
                try await app.testing().test(.GET, path, headers: auditor.headers) { res in
                    #expect(res.status == .ok, "\(path)")
                }
            }
            // Creating an account sends a full ID number and phone; a mistyped one is refused and shown again.
            var formHeaders = headers
            formHeaders.add(name: .contentType, value: "application/x-www-form-urlencoded")
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$kind == "village").first())
            let fields = [("name", "石磊"), ("id_number", newPerson.id), ("phone", newPerson.phone), ("post", "operator"),
                          ("unit", "sp:\(try point.requireID().uuidString)"), (SessionMiddleware.csrfField, session.csrfToken)]
            var mistyped = fields
            mistyped[1].1 = String(newPerson.id.dropLast()) + (newPerson.id.last == "1" ? "2" : "1")
            secrets.append(mistyped[1].1)
            try await app.testing().test(.POST, "/accounts", headers: formHeaders, body: formBody(mistyped)) { res in
                #expect(res.status == .unprocessableEntity)
            }
            try await app.testing().test(.POST, "/accounts", headers: formHeaders, body: formBody(fields)) { res in
                #expect(res.status == .seeOther, "\(res.text.prefix(400))")
            }
        }
        let entries = capture.all
        let text = capture.text
        #expect(text.contains("GET /accounts 200"), "the capture saw the requests")
        #expect(entries.contains { $0.hasPrefix("debug") && $0.contains("staff_sessions") }, "and the database queries at debug")
        #expect(entries.contains { $0.contains("binds=[redacted]") })
        for member in DemoStaff.members {
            #expect(!text.contains(member.idNumber), "\(member.name)")
            #expect(!text.contains(member.phone), "\(member.name)")
        }
        for secret in secrets {
            #expect(!text.contains(secret), "\(secret.prefix(6))…")
        }
    }

    @Test("a real HTTP request at LOG_LEVEL=trace does not log its head or body (Vapor's decoder traces them)")
    func traceIsClamped() async throws {
        let capture = LogCapture()
        var cookie = ""
        try await TestApp.run(logger: capture.logger(level: .trace)) { app in
            let admin = try await app.session(as: .countySystemAdmin)
            cookie = admin.token
            try await app.testing(method: .running(hostname: "127.0.0.1", port: 0))
                .test(.GET, "/accounts", headers: admin.headers) { res in
                    #expect(res.status == .ok)
                }
        }
        #expect(capture.text.contains("GET /accounts 200"))
        #expect(!capture.text.contains(cookie))
        #expect(!capture.all.contains { $0.hasPrefix("trace") })
    }

    @Test("a line break in a path, query string or header cannot start a log line of its own")
    func forgedLines() async throws {
        let capture = LogCapture()
        try await TestApp.run(logger: capture.logger()) { app in
            let admin = try await app.session(as: .countySystemAdmin)
            var headers = admin.headers
            headers.add(name: .userAgent, value: "curl\nFORGED user-agent line")
            headers.add(name: "X-Forwarded-For", value: "10.0.0.1\r\nFORGED forwarded line")
            for path in ["/service-points%0AFORGED%20path%20line", "/service-points?q=%0D%0AFORGED%20query%20line",
                         "/divisions/1408%0AFORGED%20parameter%20line", "/no-such-page%0D%0AFORGED%20crlf%20line"] {
                try await app.testing().test(.GET, path, headers: headers) { _ in }
            }
        }
        let entries = capture.all
        #expect(entries.count > 4)
        for entry in entries {
            #expect(!entry.contains("\n") && !entry.contains("\r"), "\(entry)")
            #expect(!entry.hasPrefix("FORGED"))
        }
        #expect(!capture.text.contains("FORGED query"), "query strings are never logged")
    }

    @Test("the handler itself escapes line breaks and masks ID numbers in messages and metadata")
    func handlerEscapes() {
        let capture = LogCapture()
        var logger = capture.logger(level: .info)
        logger[metadataKey: "user"] = "a\nb"
        logger.info("登录 140830198802145174\nFORGED", metadata: ["phone": "13912345678", "list": ["x\ry"]])
        let entry = capture.all.last ?? ""
        #expect(!entry.contains("\n") && !entry.contains("\r"))
        #expect(entry.contains("\\nFORGED"))
        #expect(entry.contains("a\\nb"))
        #expect(!entry.contains("140830198802145174"))
        #expect(!entry.contains("13912345678"))
        logger.trace("never")
        logger.logLevel = .trace
        #expect(logger.logLevel == .debug)
    }
}
