import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// Authentication and deny-by-default for every request:
/// - finds the session of the `jjb_session` cookie, checks its idle and absolute lifetime and that the account is
///   still active, and attaches the signed-in account to the request;
/// - refuses every path that is not on the short public list to anonymous requests (login page or 401);
/// - checks the CSRF token and the Origin of every state-changing request.
struct SessionMiddleware: AsyncMiddleware {
    static let cookieName = "jjb_session"
    static let csrfField = "_csrf"

    let lifetime: SessionLifetime
    /// Paths anyone may reach (exact, or a prefix ending in `/`).
    let publicPaths: PublicPaths

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.cookies[Self.cookieName]?.string {
            request.staff = try await authenticate(token: token, request: request)
        }
        let isPublic = publicPaths.contains(request.url.path)
        if request.staff == nil, !isPublic {
            if request.method == .GET, !AppErrorMiddleware.wantsJSON(request) {
                return HTMLResponse.seeOther(.login)
            }
            throw PublicError(.unauthorized, "请先登录（登录已超时或尚未登录）")
        }
        if request.method != .GET, request.method != .HEAD {
            try checkOrigin(request)
            if let staff = request.staff, !publicPaths.skipsCSRF(request.url.path) {
                try await checkCSRF(request, staff: staff)
            }
        }
        return try await next.respond(to: request)
    }

    private func authenticate(token: String, request: Request) async throws -> SignedInStaff? {
        let db = request.db
        let hash = SessionToken.digest(token)
        guard let session = try await SessionLookup.find(tokenHash: hash, counts: request.application.features.sessionCounts,
                                                          on: db) else { return nil }
        let now = request.jiujinban.clock.now()
        guard lifetime.state(createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, now: now) == .valid,
              let account = session.account, account.status == .active else {
            try await request.write { db in try await SessionRecord.query(on: db).filter(\.$id == hash).delete() }
            return nil
        }
        // Sliding idle timeout; written at most once a minute so reading pages does not queue behind writes.
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            do {
                try await request.write { db in
                    try await SessionRecord.query(on: db).filter(\.$id == hash).set(\.$lastSeenAt, to: now).update()
                }
            } catch is StorageFull {
                // Pages are still read while the disk is full; the idle clock moves on at a request after space returns.
            }
        }
        return SignedInStaff(
            account: account, personName: session.personName, grants: session.grants,
            unitName: session.unitName, sessionHash: hash, csrfToken: session.csrfToken,
            counts: session.counts, revealGrant: session.revealGrant)
    }

    /// A state-changing request made with a session cookie must come from a page of this site (S09): its Origin, or
    /// failing that its Referer (sent for same-origin requests under `Referrer-Policy: same-origin`), names this host.
    /// `Origin: null` (a sandboxed frame, a redirect across sites) is not this site. A request without a session that
    /// names a source is held to the same. Machine-to-machine endpoints carry their own signature and are exempt by
    /// declaration (`PublicPaths.machineToMachine`).
    private func checkOrigin(_ request: Request) throws {
        guard !publicPaths.isMachineToMachine(request.url.path) else { return }
        guard let source = request.headers.first(name: .origin) ?? request.headers.first(name: .referer) else {
            guard request.cookies[Self.cookieName] == nil else {
                throw PublicError(.forbidden, "请求未注明来源页面（缺少 Origin 或 Referer），已拒绝；请从本系统页面提交")
            }
            return
        }
        guard Self.isSameSite(source, host: request.headers.first(name: .host)) else {
            throw PublicError(.forbidden, "请求来源不是本系统页面，已拒绝")
        }
    }

    /// Whether an Origin or Referer names the host the request was sent to (host and port as in the Host header).
    static func isSameSite(_ source: String, host: String?) -> Bool {
        guard let host, !host.isEmpty, let url = URLComponents(string: source), let name = url.host, !name.isEmpty,
              url.scheme == "http" || url.scheme == "https" else { return false }
        let named = url.port.map { "\(name):\($0)" } ?? name
        return named.lowercased() == host.lowercased()
    }

    private func checkCSRF(_ request: Request, staff: SignedInStaff) async throws {
        if let header = request.headers.first(name: "X-CSRF-Token"), SessionToken.matches(header, staff.csrfToken) { return }
        if request.body.data == nil {
            _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
        }
        // A URL-encoded form is read once, here, and kept for the handler.
        let sent = URLEncodedForm.fields(of: request)?[Self.csrfField] ?? (try? request.content.get(String.self, at: Self.csrfField))
        guard let sent, SessionToken.matches(sent, staff.csrfToken) else {
            throw PublicError(.forbidden, "页面已过期或来源不明（缺少有效的防伪令牌），请刷新页面后重试")
        }
    }
}

/// The paths that answer without a session.
struct PublicPaths: Sendable {
    var exact: Set<String>
    var prefixes: [String]
    /// Public POSTs that carry their own proof instead of a session's CSRF token (the card platform's signature,
    /// the login ticket's browser binding).
    var withoutCSRF: Set<String>
    /// Endpoints other systems call with their own signature or token (the card platform's callback; later kiosk
    /// devices and interface clients): no browser, so no Origin to check.
    var machineToMachine: Set<String> = []

    func contains(_ path: String) -> Bool {
        exact.contains(path) || prefixes.contains { path.hasPrefix($0) }
    }

    func skipsCSRF(_ path: String) -> Bool { withoutCSRF.contains(path) }

    func isMachineToMachine(_ path: String) -> Bool { machineToMachine.contains(path) }
}
