import Foundation
import Vapor

/// `GET /metrics`: the Prometheus text exposition format, for a scraper holding the bearer token of
/// `JIUJINBAN_METRICS_TOKEN`. Without that variable the route does not exist (404). Machine to machine: no session,
/// no Origin (`PublicPaths.machineToMachine`); the token is the whole proof (`MetricsBearer`).
///
/// A successful scrape is not audited: a scraper calls every 15 seconds for as long as the server runs, and a row
/// for each would bury the audit trail's real entries. `RequestLoggingMiddleware` logs it at debug level instead.
/// Refusals are audited (`MetricsBearer`).
enum MetricsController {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func register(_ app: Application) {
        guard let token = app.jiujinban.configuration.metricsToken else { return }
        app.grouped(MetricsBearer(token: token)).get(.metrics, .anonymous, use: scrape)
    }

    @Sendable static func scrape(_ req: Request) async throws -> Response {
        // Vapor's request metrics (the process's registry), then this application's, then the readings of now.
        var text: [UInt8] = []
        ProcessMetrics.registry.emit(into: &text)
        req.application.metrics.registry.emit(into: &text)
        await MetricsReadings.registry(for: req).emit(into: &text)
        return Response(status: .ok, headers: ["Content-Type": contentType, "Cache-Control": "no-store"],
                        body: .init(data: Data(text)))
    }
}
