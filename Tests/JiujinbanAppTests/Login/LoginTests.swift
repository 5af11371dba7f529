import Crypto
import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Counts audit rows of one action (and result).
func auditCount(_ action: String, result: String? = nil, on app: Application) async throws -> Int {
    let sql = app.db as! any SQLDatabase
    let query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_log")
        .where("action", .equal, SQLBind(action))
    if let result { query.where("result", .equal, SQLBind(result)) }
    return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
}

@Suite("QR login with the electronic social-security card (S02, S03, S07, S08)")
struct LoginTests {
    @Test("scan, confirm, complete: a session whose cookie is HttpOnly and SameSite, audited")
    func fullFlow() async throws {
        try await TestApp.run { app in
            let flow = LoginFlow(app: app)
            let page = try await flow.openLoginPage()
            #expect(page.ticket.count >= 22) // 128 random bits in base64url
            try await app.testing().test(.GET, "/login/status?ticket=\(page.ticket)", headers: page.headers) { res in
                let waiting = try res.content.decode([String: String].self)
                #expect(waiting == ["state": "waiting"])
            }
            try await flow.confirm(try flow.assertion(for: DemoRole.countySystemAdmin.member, ticket: page.ticket))
            try await app.testing().test(.GET, "/login/status?ticket=\(page.ticket)", headers: page.headers) { res in
                let confirmed = try res.content.decode([String: String].self)
                #expect(confirmed == ["state": "confirmed"])
            }
            var cookieHeader = ""
            try await app.testing().test(.POST, "/login/complete", headers: page.formHeaders,
                                         body: formBody([("ticket", page.ticket)])) { res in
                #expect(res.status == .seeOther)
                cookieHeader = res.headers[.setCookie].first { $0.hasPrefix(SessionMiddleware.cookieName) } ?? ""
            }
            #expect(cookieHeader.contains("HttpOnly"))
            #expect(cookieHeader.contains("SameSite=Lax"))
            let token = try #require(cookieHeader.split(separator: ";").first?.split(separator: "=").last.map(String.init))
            try await app.testing().test(.GET, "/", headers: sessionHeaders(token)) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("周晓东"))
                #expect(res.body.string.contains("系统管理员"))
            }
            let succeeded = try await auditCount("login.succeeded", on: app)
            let confirmed = try await auditCount("login.card_confirmed", on: app)
            #expect(succeeded == 1)
            #expect(confirmed == 1)
            // Only the token's digest is stored.
            let stored: [String] = try await SessionRecord.query(on: app.db).all().compactMap { $0.id }
            #expect(!stored.contains(token))
            #expect(stored.contains(SessionToken.digest(token)))
        }
    }

    @Test("a ticket is single use")
    func reuse() async throws {
        try await TestApp.run { app in
            let flow = LoginFlow(app: app)
            let page = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: DemoRole.villageOperator.member, ticket: page.ticket))
            try await flow.complete(page)
            try await flow.complete(page, expect: .forbidden)
            // A second confirmation of the consumed ticket is refused as well.
            try await flow.confirm(try flow.assertion(for: DemoRole.villageOperator.member, ticket: page.ticket), expect: .gone)
            let reused = try await auditCount("login.ticket_reused", result: "denied", on: app)
            #expect(reused == 1)
        }
    }

    @Test("a ticket is bound to the browser that showed it")
    func foreignBrowser() async throws {
        try await TestApp.run { app in
            let flow = LoginFlow(app: app)
            let victim = try await flow.openLoginPage()
            let attacker = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: DemoRole.villageOperator.member, ticket: victim.ticket))
            let stolen = LoginFlow.Page(ticket: victim.ticket, browserCookie: attacker.browserCookie)
            try await flow.complete(stolen, expect: .forbidden)
            let foreign = try await auditCount("login.foreign_ticket", result: "denied", on: app)
            #expect(foreign == 1)
            try await flow.complete(victim) // the rightful browser still can
        }
    }

    @Test("a ticket expires after 120 seconds")
    func expiry() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let flow = LoginFlow(app: app)
            let page = try await flow.openLoginPage()
            clock.advance(by: 121)
            try await flow.confirm(try flow.assertion(for: DemoRole.villageOperator.member, ticket: page.ticket), expect: .gone)
            let second = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: DemoRole.villageOperator.member, ticket: second.ticket))
            clock.advance(by: 121)
            try await flow.complete(second, expect: .forbidden)
        }
    }

    @Test("bad signature, wrong key, stale or future timestamp, replay: refused and audited")
    func forgedAssertions() async throws {
        try await TestApp.run { app in
            let flow = LoginFlow(app: app)
            let member = DemoRole.countySystemAdmin.member
            let page = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: member, ticket: page.ticket, key: P256.Signing.PrivateKey()),
                                   expect: .unauthorized)
            var flipped = try flow.assertion(for: member, ticket: page.ticket)
            var bytes = Array(flipped.readableBytesView)
            let signatureStart = try #require(String(decoding: bytes, as: UTF8.self).range(of: "\"signature\""))
            let index = String(decoding: bytes, as: UTF8.self).distance(from: String(decoding: bytes, as: UTF8.self).startIndex,
                                                                       to: signatureStart.upperBound) + 4
            bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            flipped = ByteBuffer(bytes: bytes)
            try await flow.confirm(flipped, expect: .unauthorized)
            let now = app.jiujinban.clock.now()
            try await flow.confirm(try flow.assertion(for: member, ticket: page.ticket, issuedAt: now.addingTimeInterval(-121)),
                                   expect: .unauthorized)
            try await flow.confirm(try flow.assertion(for: member, ticket: page.ticket, issuedAt: now.addingTimeInterval(120)),
                                   expect: .unauthorized)
            let nonce = SessionToken.generate()
            let good = try flow.assertion(for: member, ticket: page.ticket, nonce: nonce)
            try await flow.confirm(good)
            let other = try await flow.openLoginPage()
            let replay = try flow.assertion(for: member, ticket: other.ticket, nonce: nonce)
            try await flow.confirm(replay, expect: .unauthorized)
            let refused = try await auditCount("login.card_refused", result: "denied", on: app)
            #expect(refused == 5)
        }
    }

    @Test("a new session id at every login; the old cookie is anonymous afterwards; logout ends the session")
    func rotationAndLogout() async throws {
        try await TestApp.run { app in
            let flow = LoginFlow(app: app)
            let first = try await flow.signIn(.countySystemAdmin)
            let page = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: DemoRole.countySystemAdmin.member, ticket: page.ticket))
            var headers = page.formHeaders
            headers.replaceOrAdd(name: .cookie, value: "\(SessionIssuer.browserCookie)=\(page.browserCookie); \(SessionMiddleware.cookieName)=\(first)")
            var second = ""
            try await app.testing().test(.POST, "/login/complete", headers: headers, body: formBody([("ticket", page.ticket)])) { res in
                second = res.headers.setCookie?[SessionMiddleware.cookieName]?.string ?? ""
            }
            #expect(!second.isEmpty && second != first)
            try await app.testing().test(.GET, "/", headers: sessionHeaders(first)) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/login")
            }
            let session = try #require(try await SessionRecord.find(SessionToken.digest(second), on: app.db))
            var logoutHeaders = sessionHeaders(second)
            logoutHeaders.add(name: .contentType, value: "application/x-www-form-urlencoded")
            try await app.testing().test(.POST, "/logout", headers: logoutHeaders,
                                         body: formBody([(SessionMiddleware.csrfField, session.csrfToken)])) { res in
                #expect(res.status == .seeOther && res.headers.first(name: .location) == "/login")
                #expect(res.headers.setCookie?[PageNotice.cookieName]?.string == LoginNotices.signedOut.key)
            }
            // The login page says so once.
            try await app.testing().test(.GET, "/login", headers: ["Cookie": "\(PageNotice.cookieName)=\(LoginNotices.signedOut.key)"]) { res in
                #expect(res.status == .ok && res.body.string.contains(LoginNotices.signedOut.text))
                #expect(res.headers.setCookie?[PageNotice.cookieName]?.string == "")
            }
            try await app.testing().test(.GET, "/", headers: sessionHeaders(second)) { res in
                #expect(res.status == .seeOther)
            }
        }
    }

    @Test("sessions end after 30 idle minutes and after 12 hours whatever the activity")
    func timeouts() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let flow = LoginFlow(app: app)
            let idle = try await flow.signIn(.countySystemAdmin)
            clock.advance(by: 29 * 60)
            try await app.testing().test(.GET, "/", headers: sessionHeaders(idle)) { res in #expect(res.status == .ok) }
            clock.advance(by: 30 * 60 + 1)
            try await app.testing().test(.GET, "/", headers: sessionHeaders(idle)) { res in #expect(res.status == .seeOther) }

            let busy = try await flow.signIn(.countySystemAdmin)
            for _ in 0..<24 {
                clock.advance(by: 29 * 60)
                try await app.testing().test(.GET, "/", headers: sessionHeaders(busy)) { res in #expect(res.status == .ok) }
            }
            clock.advance(by: 25 * 60) // 12 h 1 min after sign-in, 25 min after the last request
            try await app.testing().test(.GET, "/", headers: sessionHeaders(busy)) { res in #expect(res.status == .seeOther) }
        }
    }

    @Test("freezing an account ends its sessions at once (S06)")
    func frozenAccount() async throws {
        try await TestApp.run { app in
            let cookie = try await LoginFlow(app: app).signIn(.villageOperator)
            let session = try #require(try await SessionRecord.find(SessionToken.digest(cookie), on: app.db))
            let account = try #require(try await AccountRecord.find(session.accountID, on: app.db))
            account.status = AccountStatus.frozen.rawValue
            try await account.update(on: app.db)
            try await app.testing().test(.GET, "/", headers: sessionHeaders(cookie)) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/login")
            }
            let page = try await LoginFlow(app: app).openLoginPage()
            try await LoginFlow(app: app).confirm(try LoginFlow(app: app).assertion(for: DemoRole.villageOperator.member, ticket: page.ticket))
            try await LoginFlow(app: app).complete(page, expect: .forbidden)
        }
    }

    @Test("3 months without login: 90 days − 1 minute still signs in, + 1 minute is locked (S05)")
    func idleLock() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let flow = LoginFlow(app: app)
            _ = try await flow.signIn(.villageOperator)
            clock.advance(by: 90 * 86_400 - 60)
            _ = try await flow.signIn(.villageOperator)
            clock.advance(by: 90 * 86_400 + 60)
            let page = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: DemoRole.villageOperator.member, ticket: page.ticket))
            try await flow.complete(page, expect: .forbidden)
            let locked = try await auditCount("account.idle_locked", on: app)
            #expect(locked == 1)
            // The daily job locks the accounts nobody used for 90 days (every other demonstration account).
            let count = try await IdleLockJob.run(app)
            #expect(count == DemoStaff.members.count - 1)
        }
    }

    @Test("a person without an account is told to apply; one with accounts in two units chooses")
    func accountsOfThePerson() async throws {
        try await TestApp.run { app in
            let flow = LoginFlow(app: app)
            let stranger = DemoStaff.Member(name: "路人甲", idNumber: "11010519491231002X", phone: "13800000000",
                                           post: .operator, place: .county)
            let page = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: stranger, ticket: page.ticket))
            try await flow.complete(page, expect: .forbidden)

            // The township operator also works at the bank branch.
            let member = DemoRole.townshipOperator.member
            let index = app.jiujinban.cipher.blindIndex(member.idNumber, context: StaffCrypto.idNumberContext)
            let person = try #require(try await StaffPerson.query(on: app.db).filter(\.$idNumberIndex == index).first())
            let bank = try await DemoStaff.unit(for: .point(divisionCode: "140830100000", kind: .bankBranch), on: app.db)
            let second = AccountRecord(personID: try person.requireID(), post: .operator, unit: bank,
                                       createdAt: app.jiujinban.clock.now())
            try await second.create(on: app.db)
            let choose = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: member, ticket: choose.ticket))
            try await app.testing().test(.POST, "/login/complete", headers: choose.formHeaders,
                                         body: formBody([("ticket", choose.ticket)])) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("山西芮城农村商业银行古魏支行"))
            }
            try await app.testing().test(.POST, "/login/choose", headers: choose.formHeaders,
                                         body: formBody([("ticket", choose.ticket), ("account_id", try second.requireID().uuidString)])) { res in
                #expect(res.status == .seeOther)
                let cookie = try #require(res.headers.setCookie?[SessionMiddleware.cookieName]?.string)
                let session = try #require(try await SessionRecord.find(SessionToken.digest(cookie), on: app.db))
                #expect(session.accountID == (try second.requireID()))
            }
        }
    }
}
