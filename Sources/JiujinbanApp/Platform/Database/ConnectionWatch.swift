import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// Runs work on one leased PostgreSQL connection and fails it as an outage when the connection closes under it
/// and the work has not ended a moment later.
///
/// PostgresNIO writes each statement to its channel without a write promise (vapor/postgres-nio#487, reverted in
/// #501): a statement written just after the channel closed is dropped and its result never comes. Work awaiting
/// it would hold its pooled connection for good, and after a few PostgreSQL restarts an event loop's pool would
/// have none left. The watch looks at the connection once a second while the work runs (no callback is left on
/// the connection's close future, which lives as long as the connection does). Work that fails by itself when the
/// connection closes, the usual case, ends within that second; work still waiting a second after the close is
/// answered with `PostgresConnectionEnded` and left suspended, so the caller's lease ends and the pool discards
/// the closed connection.
enum ConnectionWatch {
    static let interval = TimeAmount.seconds(1)

    static func run<T: Sendable>(
        on connection: PostgresConnection, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let answered = NIOLockedValueBox(false)
            @Sendable func answer(_ result: Result<T, any Error>) {
                let first = answered.withLockedValue { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(with: result) }
            }
            let closedAt = NIOLockedValueBox<NIODeadline?>(nil)
            let watch = connection.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { task in
                guard connection.isClosed else { return }
                let now = NIODeadline.now()
                let since = closedAt.withLockedValue { seen in
                    if seen == nil { seen = now }
                    return seen!
                }
                if now - since >= interval {
                    task.cancel()
                    connection.logger.warning("a statement got no answer after its connection closed: answered as an outage")
                    answer(.failure(PostgresConnectionEnded()))
                }
            }
            Task {
                do { answer(.success(try await work())) } catch { answer(.failure(error)) }
                watch.cancel()
            }
        }
    }
}

/// The connection of a transaction closed and one of its statements was never answered: nothing of it was committed
/// (PostgreSQL rolls back a transaction whose connection ends).
struct PostgresConnectionEnded: Error, CustomStringConvertible {
    var description: String { "the PostgreSQL connection closed under a statement that was never answered" }
}
