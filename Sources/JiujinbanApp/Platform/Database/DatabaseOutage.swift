import AsyncKit
import FluentPostgresDriver
import Foundation
import NIOCore
import NIOPosix
import PostgresNIO

/// Tells an outage of the database (PostgreSQL stopped, restarting, unreachable, or the pool unable to hand out a
/// connection in time) from every other failure. An outage is answered 503 with `Retry-After`: the request can be
/// sent again in a moment, and nothing of it was stored (a write is one transaction). Anything not recognised here
/// stays a 500: a bug must not hide behind "try again later".
enum DatabaseOutage {
    /// Seconds a client is asked to wait: PostgreSQL restarts in one or two, the pool reconnects on the next request.
    static let retryAfterSeconds = 5

    /// SQLSTATEs PostgreSQL sends when it cannot serve now: class 08 (connection exception), 53300 (too many
    /// connections), 57P01 (terminated by an administrator's shutdown), 57P02 (crash shutdown), 57P03 (starting up
    /// or shutting down).
    static func isUnavailableState(_ sqlState: String) -> Bool {
        sqlState.hasPrefix("08") || ["53300", "57P01", "57P02", "57P03"].contains(sqlState)
    }

    static func isOutage(_ error: any Error) -> Bool {
        switch error {
        case is RequestDeadlineExceeded, is PostgresConnectionEnded:
            return true
        case let error as PSQLError:
            return isOutage(error)
        case let error as PostgresError:
            // The older API of PostgresNIO converts its errors to these.
            switch error {
            case .connectionClosed: return true
            case .server: return isUnavailableState(error.code.raw)
            case .protocol: return false
            }
        case ConnectionPoolTimeoutError.connectionRequestTimeout:
            // No connection within the pool's timeout: new ones cannot be made, or every one is busy.
            return true
        case is NIOConnectionError:
            // Only outgoing connections fail this way, and the database is the only one a request makes.
            return true
        case ChannelError.connectTimeout(_), ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.eof,
             ChannelError.outputClosed:
            // The database's connection was closed under the request (the only connection a request uses).
            return true
        case let error as IOError:
            // Refused, reset or broken while PostgreSQL restarts (seen as a 500 by drill-postgres-restart in CI).
            return [ECONNREFUSED, ECONNRESET, EPIPE, ECONNABORTED].contains(error.errnoCode)
        default:
            return false
        }
    }

    private static func isOutage(_ error: PSQLError) -> Bool {
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            return true
        case .clientClosedConnection:
            // This side closed the connection: an outage only when it closed it because of one (a reset socket);
            // otherwise the application is shutting down.
            return error.underlying.map { isOutage($0) } ?? false
        case .server:
            return error.serverInfo?[.sqlState].map(isUnavailableState) ?? false
        default:
            return false
        }
    }
}
