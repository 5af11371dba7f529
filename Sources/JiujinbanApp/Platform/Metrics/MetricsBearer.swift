import Foundation
import Vapor

/// Admits a request to `/metrics` only with `Authorization: Bearer <JIUJINBAN_METRICS_TOKEN>`. The comparison
/// is of SHA-256 digests in constant time, so neither the token's content nor its length shows in the timing. A
/// refusal is a 401 with `WWW-Authenticate: Bearer` and a short Chinese text, and an audit row like every other
/// denied route (`access.denied`).
struct MetricsBearer: AsyncMiddleware {
    private let expectedDigest: String

    init(token: String) {
        expectedDigest = SessionToken.digest(token)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let sent = request.headers.bearerAuthorization?.token
        if let sent, SessionToken.matches(SessionToken.digest(sent), expectedDigest) {
            return try await next.respond(to: request)
        }
        let reason = sent == nil ? "未提供指标令牌" : "指标令牌不正确"
        try await request.write { db in
            try await request.audit(AuditEvent(
                "access.denied", objectType: "route", objectID: "\(request.method.rawValue) \(SiteURL.metrics.path)",
                result: .denied, detail: reason), on: db)
        }
        // RFC 6750: a request without credentials gets the bare challenge, a wrong token `invalid_token`.
        let challenge = sent == nil ? #"Bearer realm="jiujinban-metrics""# : #"Bearer realm="jiujinban-metrics", error="invalid_token""#
        return Response(status: .unauthorized,
                        headers: ["WWW-Authenticate": challenge, "Content-Type": "text/plain; charset=utf-8"],
                        body: .init(string: "\(reason)：请在 Authorization 头中提供 Bearer 令牌（JIUJINBAN_METRICS_TOKEN）\n"))
    }
}
