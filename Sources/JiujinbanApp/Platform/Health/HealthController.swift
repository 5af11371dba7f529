import Fluent
import SQLKit
import Vapor

/// `GET /healthz`: answers only after the database answered, so a load balancer drops an instance that lost it.
enum HealthController {
    struct Health: Content {
        let status: String
        let database: String
    }

    static func register(_ app: Application) {
        app.get(.healthz, .anonymous) { req -> Response in
            let kind = req.jiujinban.configuration.database.kindName
            do {
                try await (req.db as! any SQLDatabase).raw("SELECT 1").run()
                return try await Health(status: "ok", database: kind).encodeResponse(status: .ok, for: req)
            } catch {
                req.logger.error("health check failed: \(String(reflecting: error))")
                let response = try await Health(status: "unavailable", database: kind)
                    .encodeResponse(status: .serviceUnavailable, for: req)
                response.headers.replaceOrAdd(name: .retryAfter, value: String(DatabaseOutage.retryAfterSeconds))
                return response
            }
        }
    }
}
