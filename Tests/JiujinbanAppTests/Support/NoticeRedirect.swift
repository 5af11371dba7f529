import Foundation
@testable import JiujinbanApp
import Testing
import Vapor
import VaporTesting

/// What a successful form answered under post/redirect/get: where it sent the browser and the message it left.
struct NoticeRedirect {
    let location: String
    let notice: PageNotice
}

extension Application {
    /// Posts `fields` as `session`'s browser would and checks post/redirect/get with a success message: the answer is
    /// 303 carrying the key of a registered notice (`Feature.notices`); the page it leads to answers 200, shows that
    /// message and clears the cookie; the same page loaded again (the cookie gone, as the browser drops it) shows none.
    /// Returns nil (having recorded the failure) when the answer was not such a redirect.
    @discardableResult
    func expectNoticeRedirect(
        _ path: String, as session: TestSession, fields: [(String, String)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> NoticeRedirect? {
        var status = HTTPStatus.ok, location = "", key: String?, body = ""
        try await testing().test(.POST, path, headers: session.formHeaders, body: session.form(fields)) { res in
            status = res.status
            location = res.headers.first(name: .location) ?? ""
            key = res.headers.setCookie?[PageNotice.cookieName]?.string
            body = res.body.string
        }
        #expect(status == .seeOther, "POST \(path) answered \(status): \(body.prefix(300))", sourceLocation: sourceLocation)
        guard status == .seeOther, let notice = key.flatMap({ features.notice(key: $0) }) else {
            Issue.record("POST \(path) left no registered notice (cookie \(key ?? "none"))", sourceLocation: sourceLocation)
            return nil
        }
        let shown = #"<div class="notice notice-success" role="status"><p>\#(notice.text)</p></div>"#
        try await testing().test(.GET, location, headers: PageNoticeTests.with(session.headers, notice: notice.key)) { res in
            #expect(res.status == .ok, "GET \(location) after POST \(path)", sourceLocation: sourceLocation)
            #expect(res.body.string.contains(shown), "GET \(location) shows \(notice.text)", sourceLocation: sourceLocation)
            #expect(res.headers.setCookie?[PageNotice.cookieName]?.string == "", sourceLocation: sourceLocation)
        }
        try await testing().test(.GET, location, headers: session.headers) { res in
            #expect(res.status == .ok && !res.body.string.contains("notice-success"),
                    "a second GET \(location) shows no message", sourceLocation: sourceLocation)
        }
        return NoticeRedirect(location: location, notice: notice)
    }
}

/// Watches every form the tests post: a POST answered 303 must leave a success message for the page it leads to
/// (post/redirect/get, issue 22). Installed in every test application (`TestApp.run`), so each test that posts a
/// form successfully checks it; the few redirects that are not the success of a clerk's action are listed.
final class SilentRedirects: AsyncMiddleware, @unchecked Sendable {
    private let lock = NSLock()
    private var found: [String] = []

    /// Sign-in: the page it leads to is the user's home, which needs no message.
    static func exempt(_ path: String, location: String) -> Bool {
        location == SiteURL.login.path && path != SiteURL.logout.path
            || path.hasPrefix("/login/") || path.hasPrefix("/dev/")
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let location = response.headers.first(name: .location) ?? ""
        if request.method == .POST, response.status == .seeOther, request.pendingNotice == nil,
           !Self.exempt(request.url.path, location: location) {
            lock.withLock { found.append("POST \(request.url.path) → \(location)") }
        }
        return response
    }

    var silent: [String] { lock.withLock { found } }
}
