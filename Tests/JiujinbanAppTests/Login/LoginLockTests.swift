import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Login lock after repeated failures (S04)")
struct LoginLockTests {
    let member = DemoRole.villageOperator.member

    /// The stored throttle of a demonstration person, nil when the table has no row for them.
    func storedThrottle(_ member: DemoStaff.Member, on app: Application) async throws -> LoginThrottle? {
        let subject = app.jiujinban.cipher.blindIndex(member.idNumber, context: StaffCrypto.idNumberContext)
        let row = try await (app.db as! any SQLDatabase).raw(
            "SELECT state FROM login_throttles WHERE subject = \(bind: subject)").first()
        guard let state = try row?.decode(column: "state", as: String.self) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(LoginThrottle.self, from: Data(state.utf8))
    }

    func post(_ path: String, _ app: Application, headers: HTTPHeaders, body: ByteBuffer,
              _ check: (TestingHTTPResponse) throws -> Void) async throws {
        try await app.testing().test(.POST, path, headers: headers, body: body) { res in try check(res) }
    }

    @Test("5 refusals in 15 minutes lock sign-in for 30 minutes; locked attempts don't count; the lock ends on time")
    func lockSequence() async throws {
        let clock = TestClock() // 2026-11-25 10:00:00 in Shanghai
        try await TestApp.run(clock: clock.appClock) { app in
            let flow = LoginFlow(app: app)
            // 1. 10:00 an assertion signed by the platform but 121 s old.
            let stale = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: member, ticket: stale.ticket, issuedAt: clock.now.addingTimeInterval(-121)),
                                   expect: .unauthorized)
            // 2. 10:01 a confirmed ticket completed from another browser.
            clock.advance(by: 60)
            let confirmed = try await flow.openLoginPage()
            let nonce = SessionToken.generate()
            try await flow.confirm(try flow.assertion(for: member, ticket: confirmed.ticket, nonce: nonce))
            let intruder = try await flow.openLoginPage()
            try await flow.complete(LoginFlow.Page(ticket: confirmed.ticket, browserCookie: intruder.browserCookie), expect: .forbidden)
            // 3. 10:02 the same assertion's nonce replayed for another ticket.
            clock.advance(by: 60)
            let replayed = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: member, ticket: replayed.ticket, nonce: nonce), expect: .unauthorized)
            // 4. 10:04:01 a ticket confirmed after its 120 seconds.
            let late = try await flow.openLoginPage()
            clock.advance(by: 121)
            try await flow.confirm(try flow.assertion(for: member, ticket: late.ticket), expect: .gone)
            let failedBeforeLock = try await auditCount("login.failed", on: app)
            #expect(failedBeforeLock == 4)
            let unlockedYet = try await storedThrottle(member, on: app)
            #expect(unlockedYet?.lockedUntil == nil)
            #expect(unlockedYet?.recentFailures.count == 4)

            // 5. 10:05 choosing an account that is not the scanner's: the fifth refusal locks until 10:35.
            clock.advance(by: 59)
            let choosing = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: member, ticket: choosing.ticket))
            let foreignAccount = try await app.session(as: .countySystemAdmin).accountID
            try await post("/login/choose", app, headers: choosing.formHeaders,
                           body: formBody([("ticket", choosing.ticket), ("account_id", foreignAccount.uuidString)])) { res in
                #expect(res.status == .tooManyRequests)
                #expect(res.text.contains("登录已锁定至 10:35（北京时间）"))
            }
            let lockedAt = clock.now
            let failed = try await auditCount("login.failed", result: "denied", on: app)
            let locks = try await auditCount("account_locked", on: app)
            #expect(failed == 5)
            #expect(locks == 1)
            let locked = try await storedThrottle(member, on: app)
            #expect(locked?.lockedUntil == lockedAt.addingTimeInterval(30 * 60))

            // While locked (10:06 … 10:34:59) a correct scan and a stale one are refused, not counted.
            clock.advance(by: 60)
            let correct = try await flow.openLoginPage()
            try await app.testing().test(.POST, "/login/card/callback", headers: ["Content-Type": "application/json"],
                                         body: try flow.assertion(for: member, ticket: correct.ticket)) { res in
                #expect(res.status == .tooManyRequests)
                #expect(res.text.contains("登录已锁定至 10:35（北京时间）"))
            }
            try await flow.confirm(try flow.assertion(for: member, ticket: correct.ticket, issuedAt: clock.now.addingTimeInterval(-300)),
                                   expect: .tooManyRequests)
            clock.advance(by: 28 * 60 + 59) // 10:34:59
            let stillLocked = try await flow.openLoginPage()
            try await flow.confirm(try flow.assertion(for: member, ticket: stillLocked.ticket), expect: .tooManyRequests)
            let failedWhileLocked = try await auditCount("login.failed", on: app)
            let refusedWhileLocked = try await auditCount("login.refused_locked", result: "denied", on: app)
            let locksWhileLocked = try await auditCount("account_locked", on: app)
            #expect(failedWhileLocked == 5)
            #expect(refusedWhileLocked == 3)
            #expect(locksWhileLocked == 1)
            let notExtended = try await storedThrottle(member, on: app)
            #expect(notExtended == locked)

            // Someone else signs in meanwhile.
            _ = try await flow.signIn(.countySystemAdmin)

            // 10:35:00 the lock has ended: the person signs in, and the success clears the count.
            clock.advance(by: 1)
            _ = try await flow.signIn(.villageOperator)
            let cleared = try await storedThrottle(member, on: app)
            #expect(cleared == nil)
        }
    }

    @Test("a success clears the count; failures older than the window no longer count")
    func successAndWindow() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let flow = LoginFlow(app: app)
            func fail() async throws {
                let page = try await flow.openLoginPage()
                try await flow.confirm(try flow.assertion(for: member, ticket: page.ticket, issuedAt: clock.now.addingTimeInterval(-200)),
                                       expect: .unauthorized)
                clock.advance(by: 10)
            }
            for _ in 0..<4 { try await fail() }
            _ = try await flow.signIn(.villageOperator)
            for _ in 0..<4 { try await fail() }
            _ = try await flow.signIn(.villageOperator) // 8 failures in 2 minutes, but a success between them

            for _ in 0..<4 { try await fail() }
            clock.advance(by: 15 * 60) // the four fall out of the 15-minute window
            try await fail()
            let throttle = try #require(try await storedThrottle(member, on: app))
            #expect(throttle.recentFailures.count == 1)
            #expect(throttle.lockedUntil == nil)
            _ = try await flow.signIn(.villageOperator)
            let locks = try await auditCount("account_locked", on: app)
            #expect(locks == 0)
        }
    }

    @Test("a body nobody signed names nobody: it is refused but counts for no one")
    func unsignedCountsForNoOne() async throws {
        try await TestApp.run { app in
            let flow = LoginFlow(app: app)
            let page = try await flow.openLoginPage()
            for _ in 0..<6 {
                try await flow.confirm(try flow.assertion(for: member, ticket: page.ticket, key: P256.Signing.PrivateKey()),
                                       expect: .unauthorized)
            }
            let untouched = try await storedThrottle(member, on: app)
            #expect(untouched == nil)
            _ = try await flow.signIn(.villageOperator)
        }
    }

    @Test("the lock notice shows Beijing time, rounded up to the minute, with the date when it is another day")
    func notice() {
        let now = TestApp.fixedNow // 2026-11-25 10:00 in Shanghai
        #expect(LoginLockNotice.message(lockedUntil: now.addingTimeInterval(30 * 60), now: now).contains("锁定至 10:30（北京时间）"))
        #expect(LoginLockNotice.message(lockedUntil: now.addingTimeInterval(30 * 60 + 1), now: now).contains("锁定至 10:31"))
        #expect(LoginLockNotice.message(lockedUntil: now.addingTimeInterval(14 * 3_600 + 5 * 60), now: now).contains("锁定至 11月26日 00:05"))
    }
}
