import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// Drives the real QR login as a browser and a phone would.
struct LoginFlow {
    let app: Application

    struct Page {
        let ticket: String
        let browserCookie: String
        /// The login page's cookie, and the Host and Origin a browser sends from the page (S09).
        var headers: HTTPHeaders {
            ["Cookie": "\(SessionIssuer.browserCookie)=\(browserCookie)", "Host": TestSite.host, "Origin": TestSite.origin]
        }
        var formHeaders: HTTPHeaders {
            var headers = self.headers
            headers.add(name: .contentType, value: "application/x-www-form-urlencoded")
            return headers
        }
    }

    /// Opens the login page: a fresh ticket bound to a new browser cookie.
    func openLoginPage() async throws -> Page {
        var page: Page?
        try await app.testing().test(.GET, "/login") { res in
            #expect(res.status == .ok)
            let html = res.body.string
            let ticket = try #require(html.firstMatch(of: /name="ticket" value="([^"]+)"/)?.1)
            let cookie = try #require(res.headers.setCookie?[SessionIssuer.browserCookie]?.string)
            page = Page(ticket: String(ticket), browserCookie: cookie)
        }
        return try #require(page)
    }

    /// What the card platform sends for `member` scanning `ticket`, signed with `key`.
    func assertion(for member: DemoStaff.Member, ticket: String, issuedAt: Date? = nil, nonce: String = SessionToken.generate(),
                   key: P256.Signing.PrivateKey? = nil) throws -> ByteBuffer {
        let signingKey = try #require(key ?? app.jiujinban.keys.simulatorKey)
        let assertion = try CardLoginAssertion(ticket: ticket, idNumber: member.idNumber, name: member.name,
                                               issuedAt: issuedAt ?? app.jiujinban.clock.now(), nonce: nonce)
        return ByteBuffer(data: try CardAssertionSigner(privateKey: signingKey).sign(assertion).encoded())
    }

    /// The card platform's callback.
    func confirm(_ body: ByteBuffer, expect status: HTTPResponseStatus = .ok) async throws {
        try await app.testing().test(.POST, "/login/card/callback", headers: ["Content-Type": "application/json"], body: body) { res in
            #expect(res.status == status, "\(res.body.string)")
        }
    }

    /// Completes the login on the page; returns the session cookie on success.
    @discardableResult
    func complete(_ page: Page, expect status: HTTPResponseStatus = .seeOther) async throws -> String? {
        var session: String?
        try await app.testing().test(.POST, "/login/complete", headers: page.formHeaders,
                                     body: formBody([("ticket", page.ticket)])) { res in
            #expect(res.status == status, "\(res.body.string.prefix(300))")
            session = res.headers.setCookie?[SessionMiddleware.cookieName]?.string
        }
        return session
    }

    /// The whole flow for one demonstration member.
    func signIn(_ role: DemoRole) async throws -> String {
        let page = try await openLoginPage()
        try await confirm(try assertion(for: role.member, ticket: page.ticket))
        return try #require(try await complete(page))
    }
}

func sessionHeaders(_ cookie: String) -> HTTPHeaders {
    ["Cookie": "\(SessionMiddleware.cookieName)=\(cookie)", "Host": TestSite.host, "Origin": TestSite.origin]
}

/// The address tests send their requests to, as a browser on one of the site's pages names it.
enum TestSite {
    static let host = "localhost"
    static let origin = "http://localhost"
}
