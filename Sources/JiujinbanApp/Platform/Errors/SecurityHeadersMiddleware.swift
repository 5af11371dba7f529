import Vapor

/// Headers every response carries: no inline script, no framing, no MIME sniffing, and no caching of pages that
/// may show personal data; served over TLS (production), HSTS so a browser never tries plain HTTP again. Future-based,
/// like the logging middleware: no task of its own per request.
struct SecurityHeadersMiddleware: Middleware {
    /// One year, subdomains included: what a TLS-only government site sends (the `Secure` cookies need it).
    static let strictTransportSecurity = "max-age=31536000; includeSubDomains"

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ].joined(separator: "; ")

    /// Whether the site is served over TLS (`JIUJINBAN_SECURE_COOKIES`, on in production).
    let servedOverTLS: Bool

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
            response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
            response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
            response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
            if servedOverTLS {
                response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: Self.strictTransportSecurity)
            }
            if !response.headers.contains(name: .cacheControl) {
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            }
            return response
        }
    }
}
