import Vapor

/// An error whose reason is written for the person at the counter (in Chinese) and safe to show as is.
package struct PublicError: AbortError {
    package let status: HTTPResponseStatus
    package let reason: String

    package init(_ status: HTTPResponseStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    static func notFound(_ what: String) -> PublicError { PublicError(.notFound, "\(what)不存在或您无权查看") }
}

/// Renders every error: an HTML page in Chinese for browsers, `{"error": true, "reason": …}` under `/api`.
/// Neither shows internals; 5xx details go to the log only. Future-based: only a failed request starts a task (to
/// render its page), not every request.
struct AppErrorMiddleware: Middleware {
    struct ErrorBody: Content {
        let error: Bool
        let reason: String
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapError { error in
            let (status, reason) = Self.describe(error, method: request.method)
            if error is StorageFull {
                // Logged once per episode by the writer's `StorageAlarm`, not once per refused request.
                request.logger.debug("request refused: storage full")
            } else if status == .serviceUnavailable {
                request.logger.warning("database unavailable: \(String(reflecting: error))")
            } else if status.code >= 500 {
                request.logger.error("request failed: \(String(reflecting: error))")
            } else {
                request.logger.debug("request refused: \(status.code) \(reason)")
            }
            return request.eventLoop.makeFutureWithTask { try await render(status: status, reason: reason, for: request) }
        }
    }

    /// The database's outage reasons: a reading request has nothing to lose; any other was not stored (every write is
    /// one transaction, rolled back or never begun).
    static let databaseUnavailableForReading = "数据库暂时不可用，请稍后再试"
    static let databaseUnavailableForWriting = "数据库暂时不可用，请稍后再试；本次操作未保存"

    static func describe(_ error: any Error, method: HTTPMethod = .GET) -> (HTTPResponseStatus, String) {
        if DatabaseOutage.isOutage(error) {
            let reading = method == .GET || method == .HEAD
            return (.serviceUnavailable, reading ? databaseUnavailableForReading : databaseUnavailableForWriting)
        }
        switch error {
        case let publicError as PublicError:
            return (publicError.status, publicError.reason)
        case let full as StorageFull:
            return (full.status, full.reason)
        case let refusal as OutOfScope:
            // Audited by `AccessMiddleware` on every registered route; here only its public answer.
            return (refusal.publicError.status, refusal.publicError.reason)
        case let abort as any AbortError where abort.status.code < 500:
            return (abort.status, genericReason(for: abort.status))
        case is DecodingError:
            return (.badRequest, genericReason(for: .badRequest))
        default:
            return (.internalServerError, genericReason(for: .internalServerError))
        }
    }

    static func genericReason(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "提交的数据格式不正确，请检查后重试"
        case 401: "请先登录"
        case 403: "您没有执行此操作的权限"
        case 404: "您访问的页面不存在"
        case 405: "不支持此种请求方式"
        case 409: "数据已被他人修改，请刷新后重试"
        case 413: "提交的内容过大"
        case 415: "不支持提交的数据类型"
        case 422: "提交的数据有误，请检查后重试"
        case 429: "请求过于频繁，请稍后再试"
        case 503: "服务暂时不可用，请稍后再试"
        case 507: StorageFull.message
        case 400..<500: "请求无法处理（\(status.code)）"
        default: "服务器内部错误，请稍后重试；如问题持续，请通过问题反映模块报告"
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        if request.url.path.hasPrefix("/api/") || request.url.path == "/api" { return true }
        let accept = request.headers.first(name: .accept) ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    private func render(status: HTTPResponseStatus, reason: String, for request: Request) async throws -> Response {
        let response: Response
        if Self.wantsJSON(request) {
            response = try await ErrorBody(error: true, reason: reason).encodeResponse(status: status, for: request)
        } else {
            response = HTMLResponse.make(ErrorPage.render(status: status, reason: reason, context: PageContext(request)), status: status)
        }
        // Only a database outage answers 503 (an `AbortError` of 5xx is a 500): clients may retry after a pause.
        if status == .serviceUnavailable {
            response.headers.replaceOrAdd(name: .retryAfter, value: String(DatabaseOutage.retryAfterSeconds))
        }
        return response
    }
}
