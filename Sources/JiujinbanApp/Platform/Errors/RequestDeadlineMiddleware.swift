import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Every request is answered within `limit`, even when its database statement never comes back.
///
/// PostgresNIO never completes a statement written to a connection that has just closed (vapor/postgres-nio#487,
/// reverted in #501). The write path no longer sends one (`PostgresTransaction`), but a read that picks a pooled
/// connection in the instant PostgreSQL ends it could still wait forever. Past the limit the request is answered
/// 503 with the database page (`DatabaseOutage`); the stuck work is left to finish or not on its own (it holds its
/// pooled connection until then). Only with PostgreSQL: the embedded SQLite has no such hang, and no request of the
/// platform legitimately takes this long (the province-wide report takes about a second).
struct RequestDeadlineMiddleware: AsyncMiddleware {
    static let defaultLimit = TimeAmount.seconds(20)
    var limit = Self.defaultLimit

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Response, any Error>) in
            let answered = NIOLockedValueBox(false)
            @Sendable func answer(_ result: Result<Response, any Error>) {
                let first = answered.withLockedValue { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(with: result) }
            }
            let deadline = request.eventLoop.scheduleTask(in: limit) {
                request.logger.error("request unanswered after \(limit.nanoseconds / 1_000_000_000) s: answered 503")
                answer(.failure(RequestDeadlineExceeded()))
            }
            Task {
                do { answer(.success(try await next.respond(to: request))) } catch { answer(.failure(error)) }
                deadline.cancel()
            }
        }
    }
}

/// A request that outlived `RequestDeadlineMiddleware.limit`: treated as the database being away.
struct RequestDeadlineExceeded: Error, CustomStringConvertible {
    var description: String { "request deadline exceeded" }
}
