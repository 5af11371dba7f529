import Fluent
import Prometheus
import SQLKit
import Vapor

/// What is read when Prometheus scrapes, rather than counted as it happens: the SQLite writer's queue, the
/// database pool, and what the features register (`MetricsReading`: the SMS outbox). Each scrape puts them in a registry of its own, dropped after it, so a reading
/// that failed this time is absent (and `jiujinban_database_up` is 0), never a stale value from an earlier scrape.
enum MetricsReadings {
    static func registry(for req: Request) async -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        if let depth = await req.jiujinban.writer.queueDepth {
            registry.gauge("jiujinban_db_writer_queue_depth",
                           help: "Writes waiting for the SQLite writer, besides the group it is committing").set(to: Double(depth))
        }
        var databaseUp = true
        do {
            try await pool(req, into: registry)
            for reading in req.application.features.metricsReadings {
                try await reading.read(req.db as! any SQLDatabase, registry)
            }
        } catch {
            databaseUp = false
            req.logger.warning("metrics: database readings failed: \(String(reflecting: error))")
        }
        registry.gauge("jiujinban_database_up", help: "1 if this scrape's database readings succeeded, else 0")
            .set(to: databaseUp ? 1 : 0)
        return registry
    }

    /// SQLite: the readers' pool (the writer has one connection of its own). PostgreSQL: this instance's connections,
    /// found in `pg_stat_activity` by the `application_name` they were opened with (`DatabaseSetup`); active ones
    /// are those running a statement, not counting the one that asks.
    private static func pool(_ req: Request, into registry: PrometheusCollectorRegistry) async throws {
        switch req.jiujinban.configuration.database {
        case .sqlite:
            guard let pool = (req.db as? SQLiteDirectDatabase)?.pool else { return }
            registry.gauge("jiujinban_db_sqlite_readers", help: "Connections in the SQLite readers' pool")
                .set(to: Double(pool.connections.count))
            registry.gauge("jiujinban_db_sqlite_readers_in_use", help: "SQLite readers running a statement now")
                .set(to: Double(pool.inUse))
        case .postgres:
            let name = DatabaseSetup.postgresApplicationName(instance: req.jiujinban.configuration.instanceName)
            let row = try await (req.db as! any SQLDatabase).raw("""
                SELECT COUNT(*) AS open, COUNT(*) FILTER (WHERE state = 'active' AND pid <> pg_backend_pid()) AS active
                FROM pg_stat_activity WHERE application_name = \(bind: name) AND datname = current_database()
                """).first()
            let help = "This instance's PostgreSQL connections (pg_stat_activity, application_name jiujinban/<instance>): open, or active running a statement"
            for state in ["open", "active"] {
                let count = try row?.decode(column: state, as: Int.self) ?? 0
                registry.gauge("jiujinban_db_postgres_connections", help: help, labels: [("state", state)])
                    .set(to: Double(count))
            }
        }
    }
}

/// A reading a feature adds to every scrape (the SMS outbox's backlog): it reads the database and sets its gauges in
/// the scrape's registry. A reading that fails marks the scrape's database readings failed (`jiujinban_database_up` 0).
struct MetricsReading: Sendable {
    let read: @Sendable (_ db: any SQLDatabase, _ registry: PrometheusCollectorRegistry) async throws -> Void
}
