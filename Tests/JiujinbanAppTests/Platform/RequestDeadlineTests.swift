import Foundation
@testable import JiujinbanApp
import NIOConcurrencyHelpers
import NIOCore
import Testing
import Vapor

/// A request whose database statement never comes back (PostgresNIO after PostgreSQL ends its connections
/// mid-statement, found by drill-postgres-restart) is still answered: 503 with the database page.
@Suite("Request deadline: no request hangs")
struct RequestDeadlineTests {
    /// A responder that never answers, as a statement PostgresNIO never completes.
    struct Hanging: AsyncResponder {
        func respond(to request: Request) async throws -> Response {
            try await Task.sleep(for: .seconds(3_600))
            return Response(status: .ok)
        }
    }

    struct Quick: AsyncResponder {
        func respond(to request: Request) async throws -> Response { Response(status: .ok) }
    }

    // The hanging work sleeps an hour: answering at all proves the deadline answered it. The limit only turns a
    // hang into a failure (a loaded machine once took 33 s to run the 300 ms timer; it is no performance bound).
    @Test("a hanging request is answered at the deadline as the database being away; a quick one as usual",
          .timeLimit(.minutes(2)))
    func deadline() async throws {
        let app = try await Application.make(.testing)
        do {
            let middleware = RequestDeadlineMiddleware(limit: .milliseconds(300))
            let request = Request(application: app, method: .POST, url: "/cases", on: app.eventLoopGroup.next())
            await #expect(throws: RequestDeadlineExceeded.self) {
                _ = try await middleware.respond(to: request, chainingTo: Hanging())
            }
            let (status, reason) = AppErrorMiddleware.describe(RequestDeadlineExceeded(), method: .POST)
            #expect(status == .serviceUnavailable)
            #expect(reason.contains("数据库暂时不可用"))
            #expect(reason.contains("本次操作未保存"))
            // A quick request with a limit no loaded machine reaches (300 ms was, in the suite on PostgreSQL).
            let quick = try await RequestDeadlineMiddleware(limit: .seconds(60)).respond(to: request, chainingTo: Quick())
            #expect(quick.status == .ok)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

@Suite("Request deadline: work that outlived its answer is waited for at shutdown")
struct OutstandingRequestsTests {
    /// Finishes after `delay`, whatever the deadline said, and records that it did.
    struct Slow: AsyncResponder {
        let delay: Duration
        let finished: NIOLockedValueBox<Bool>
        func respond(to request: Request) async throws -> Response {
            try? await Task.sleep(for: delay)
            finished.withLockedValue { $0 = true }
            return Response(status: .ok)
        }
    }

    @Test("answered 503 at the deadline, the work goes on; the shutdown waits for it, and quick work is not kept")
    func drainedAtShutdown() async throws {
        let app = try await Application.make(.testing)
        let middleware = RequestDeadlineMiddleware(limit: .milliseconds(100))
        let finished = NIOLockedValueBox(false)
        do {
            let request = Request(application: app, method: .GET, url: "/", on: app.eventLoopGroup.next())
            let patient = RequestDeadlineMiddleware(limit: .seconds(60), outstanding: middleware.outstanding)
            _ = try await patient.respond(to: request, chainingTo: RequestDeadlineTests.Quick())
            await #expect(throws: RequestDeadlineExceeded.self) {
                _ = try await middleware.respond(to: request, chainingTo: Slow(delay: .milliseconds(800), finished: finished))
            }
            #expect(middleware.outstanding.count == 1, "the slow work is still running; the quick one is not kept")
            #expect(finished.withLockedValue { $0 } == false)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        await OutstandingRequests.Drain(outstanding: middleware.outstanding).shutdownAsync(app)
        // Cancelled at shutdown, the sleeping work ends at once and is no longer outstanding.
        #expect(middleware.outstanding.count == 0)
        #expect(finished.withLockedValue { $0 } == true)
        try await app.asyncShutdown()
    }
}
