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
    /// Under the load balancer's 60 s and a drill client's 30 s; above a 5 MB upload parsed by a debug build on a
    /// loaded machine (over 20 s once).
    static let defaultSeconds: Int64 = 25
    static let defaultLimit = TimeAmount.seconds(defaultSeconds)
    var limit = Self.defaultLimit
    /// The work of requests still running, answered or not: the application waits for it before it shuts down, so
    /// work that outlived its deadline never runs on an application already torn down.
    var outstanding = OutstandingRequests()

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
            let id = UUID()
            let work = Task {
                do { answer(.success(try await next.respond(to: request))) } catch { answer(.failure(error)) }
                deadline.cancel()
                outstanding.finished(id)
            }
            outstanding.started(id, work)
        }
    }
}

/// The request work `RequestDeadlineMiddleware` started and that has not finished yet.
final class OutstandingRequests: Sendable {
    private struct State {
        var tasks: [UUID: Task<Void, Never>] = [:]
        /// Work that finished before it was registered (a quick request): never registered.
        var finishedEarly: Set<UUID> = []
    }

    private let state = NIOLockedValueBox(State())

    func started(_ id: UUID, _ task: Task<Void, Never>) {
        state.withLockedValue { state in
            if state.finishedEarly.remove(id) == nil { state.tasks[id] = task }
        }
    }

    func finished(_ id: UUID) {
        state.withLockedValue { state in
            if state.tasks.removeValue(forKey: id) == nil { state.finishedEarly.insert(id) }
        }
    }

    var count: Int { state.withLockedValue { $0.tasks.count } }

    /// Cancels the work still running and waits for it, at most `limit`: a statement PostgresNIO never completes
    /// must not hold the shutdown forever.
    func drain(within limit: Duration) async {
        let running = state.withLockedValue { Array($0.tasks.values) }
        guard !running.isEmpty else { return }
        running.forEach { $0.cancel() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for task in running { await task.value } }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Waits for the outstanding work when the application shuts down, before its services are torn down.
    struct Drain: LifecycleHandler {
        let outstanding: OutstandingRequests
        func shutdownAsync(_ application: Application) async {
            await outstanding.drain(within: .seconds(10))
        }
    }
}

/// A request that outlived `RequestDeadlineMiddleware.limit`: treated as the database being away.
struct RequestDeadlineExceeded: Error, CustomStringConvertible {
    var description: String { "request deadline exceeded" }
}
