import Vapor

/// Logs each request by method, path and status — never the query string, which may carry a login ticket or
/// a searched ID number (S20).
struct RequestLoggingMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        request.logger.info("\(request.method.rawValue) \(request.url.path) \(response.status.code)")
        return response
    }
}
