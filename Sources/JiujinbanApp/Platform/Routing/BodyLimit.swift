import JiujinbanRules
import Vapor

/// How much request body a route accepts (S24). Every route states it at registration (`bodyLimit:`, forms by
/// default); a route that takes an upload names its own, larger limit.
enum BodyLimit {
    /// Forms: the longest form of the platform is a few kilobytes.
    static let form: ByteCount = "64kb"
    /// The card platform's login assertion.
    static let cardCallback = ByteCount(value: CardAssertionWire.maximumByteCount)

    /// `64 KB`, `4 KB`, for the refusal message.
    static func label(_ limit: ByteCount) -> String {
        limit.value % 1024 == 0 ? "\(limit.value / 1024) KB" : "\(limit.value) 字节"
    }
}

extension Route {
    /// The body limit the route was registered with.
    var bodyLimit: ByteCount? { userInfo["bodyLimit"] as? ByteCount }
}

/// Refuses a body larger than its route accepts before anything reads it: at once by a declared Content-Length,
/// by size when the body arrived whole, and by counting while it streams in. The body is then held in memory for
/// the CSRF check and the handler. An unknown path is held to the form limit.
/// Future-based, like the other plain middlewares: no task of its own per request.
struct BodyLimitMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let limit = request.route?.bodyLimit ?? BodyLimit.form
        let tooLarge = PublicError(.payloadTooLarge, "提交的内容过大：此处最多接受 \(BodyLimit.label(limit))")
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit.value {
            return request.eventLoop.makeFailedFuture(tooLarge)
        }
        if let collected = request.body.data {
            guard collected.readableBytes <= limit.value else { return request.eventLoop.makeFailedFuture(tooLarge) }
            return next.respond(to: request)
        }
        return request.body.collect(max: limit.value).flatMapErrorThrowing { error in
            if let abort = error as? Abort, abort.status == .payloadTooLarge { throw tooLarge }
            throw error
        }.flatMap { _ in next.respond(to: request) }
    }
}
