import JiujinbanRules
import Vapor

/// Logs each request by method, path and status — never the query string, which may carry a login ticket or
/// a searched ID number (S20). The path is escaped: a percent-encoded line break in it cannot start a log line.
struct RequestLoggingMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let path = LogText.escaped(String(request.url.path.prefix(200)))
        request.logger.info("\(request.method.rawValue) \(path) \(response.status.code)")
        return response
    }
}
