import Foundation
import Vapor

/// The success message the next page shows once, after a form succeeded and the browser was sent on to a page it can
/// reload safely (post/redirect/get). It travels as a key in a short-lived cookie, never as text: nothing a third
/// party manages to set can put words on a page. Each feature declares its keys and messages (`Feature.notices`);
/// `PageNoticeMiddleware` sets the cookie on the redirect and clears it once a page has shown it.
struct PageNotice: Sendable, Hashable {
    let key: String
    let text: String

    init(_ key: String, _ text: String) {
        self.key = key
        self.text = text
    }

    static let cookieName = "jjb_notice"
}

extension Request {
    private struct PendingNoticeKey: StorageKey { typealias Value = PageNotice }

    /// The message the page after this request's redirect shows (`HTMLResponse.seeOther(_:notice:on:)`).
    var pendingNotice: PageNotice? {
        get { storage[PendingNoticeKey.self] }
        set { storage[PendingNoticeKey.self] = newValue }
    }

    /// The registered message of the notice cookie this request carries, if any.
    var shownNotice: PageNotice? {
        cookies[PageNotice.cookieName].flatMap { application.features.notice(key: $0.string) }
    }
}

/// Sets the notice cookie on a redirect that carries a message, and expires it on the page that shows it.
struct PageNoticeMiddleware: AsyncMiddleware {
    let secure: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if let notice = request.pendingNotice, response.status == .seeOther {
            response.cookies[PageNotice.cookieName] = cookie(notice.key, maxAge: 120)
        } else if request.cookies[PageNotice.cookieName] != nil, response.headers.contentType == .html {
            response.cookies[PageNotice.cookieName] = cookie("", maxAge: 0)
        }
        return response
    }

    private func cookie(_ value: String, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: maxAge == 0 ? Date(timeIntervalSince1970: 0) : nil, maxAge: maxAge,
                          domain: nil, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }
}
