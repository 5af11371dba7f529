import Foundation
@testable import JiujinbanApp
import Testing
import Vapor
import VaporTesting

/// After a form succeeds the browser is sent on (303) and the page it lands on says what was done, once: a reload,
/// or any later page, says nothing more. The message travels as a registered key, never as text.
@Suite("Success messages after post/redirect/get")
struct PageNoticeTests {
    let engine = CaseEngineTests()

    @Test("accepting a case: 303 with the notice's key; the case page shows the message once and clears it")
    func acceptedShownOnce() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let citizenID = try await engine.citizen(app, village)
            let item = try await engine.item(app, timed: true)
            var cookie: HTTPCookies.Value?
            var location = ""
            let fields = [("citizen", citizenID.uuidString.lowercased()), ("item", String(item.seq)),
                          ("submission", UUID().uuidString.lowercased()), ("documents_checked", "yes")]
            try await app.testing().test(.POST, "/cases", headers: village.formHeaders, body: village.form(fields)) { res in
                #expect(res.status == .seeOther)
                cookie = res.headers.setCookie?[PageNotice.cookieName]
                location = res.headers.first(name: .location) ?? ""
            }
            let notice = try #require(cookie)
            #expect(notice.string == CaseNotices.accepted.key && notice.isHTTPOnly && notice.sameSite == .strict)
            try await app.testing().test(.GET, location, headers: Self.with(village.headers, notice: notice.string)) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#"<div class="notice notice-success" role="status"><p>\#(CaseNotices.accepted.text)</p></div>"#))
                #expect(res.headers.setCookie?[PageNotice.cookieName]?.string == "")
            }
            // Without the cookie (as after the page cleared it), the same page says nothing.
            try await app.testing().test(.GET, location, headers: village.headers) { res in
                #expect(res.status == .ok && !res.body.string.contains("notice-success"))
            }
        }
    }

    /// The session's headers with the notice cookie added, as the browser sends them.
    static func with(_ headers: HTTPHeaders, notice: String) -> HTTPHeaders {
        var headers = headers
        headers.replaceOrAdd(name: .cookie, value: (headers.first(name: .cookie) ?? "") + "; \(PageNotice.cookieName)=\(notice)")
        return headers
    }

    @Test("a key no feature declared shows nothing, and a cookie cannot put its own words on the page")
    func unknownKeys() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let words = CaseNotices.accepted.text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            for value in ["no-such-notice", "%3Cscript%3E", words] {
                try await app.testing().test(.GET, "/cases", headers: Self.with(village.headers, notice: value)) { res in
                    #expect(res.status == .ok && !res.body.string.contains("notice-success"), "\(value)")
                }
            }
        }
    }
}
