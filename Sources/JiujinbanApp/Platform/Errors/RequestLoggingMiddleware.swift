import JiujinbanRules
import Vapor

/// Logs each request by method, path and status — never the query string, which may carry a login ticket or
/// a searched ID number (S20). The path is escaped: a percent-encoded line break in it cannot start a log line.
/// A plain (future-based) middleware: Vapor runs each `AsyncMiddleware` in a task of its own, a cost on every request.
struct RequestLoggingMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            let path = LogText.escaped(String(request.url.path.prefix(200)))
            // A scraper's successful call every 15 s would fill the log; it is logged at debug (`MetricsController`).
            let level: Logger.Level = response.status == .ok && request.url.path == SiteURL.metrics.path ? .debug : .info
            request.logger.log(level: level, "\(request.method.rawValue) \(path) \(response.status.code)")
            return response
        }
    }
}
