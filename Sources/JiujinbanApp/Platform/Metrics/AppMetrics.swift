import Foundation
import JiujinbanRules
import Prometheus
import Vapor

/// The application's own metrics (`jiujinban_*`) that events update: cases accepted, the SQLite writer's group
/// sizes, the scheduled jobs' last success, and what the build is. Kept in a registry of the application, not the
/// process's (`ProcessMetrics`): one server process has one application, and tests, which run many in one process,
/// see only their own application's counts. Readings taken when scraped are in `MetricsReadings`.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// Writes per `COMMIT` of the SQLite writer; nil on PostgreSQL, where each write is its own transaction.
    let writerGroupSizes: ValueHistogram?

    /// The jobs `serve` schedules (see `JiujinbanMain`), by their `job` label.
    enum Job: String, CaseIterable, Sendable {
        case idleLock = "idle_lock"
        case auditAnchor = "audit_anchor"
        case problemDue = "problem_due"
        case smsOutbox = "sms_outbox"
        case heldUploads = "held_uploads"
    }

    static let casesAccepted = "jiujinban_cases_accepted_total"
    static let jobLastSuccess = "jiujinban_job_last_success_timestamp_seconds"
    private static let casesAcceptedHelp = "Cases accepted (committed), by catalogue item number and channel; a repeated submission is not counted"
    private static let jobLastSuccessHelp = "Unix time of the scheduled job's last successful run in this instance; 0 until its first"

    init(configuration: AppConfiguration, eventLoops: Int, startedAt: Date) {
        let database = configuration.database.kindName
        registry.gauge(
            "jiujinban_build_info", help: "Always 1; the labels name this instance, its database and environment",
            labels: [("instance", configuration.instanceName), ("database", database),
                     ("environment", configuration.isProduction ? "production" : "development")]).set(to: 1)
        registry.gauge("jiujinban_start_time_seconds", help: "Unix time this application started")
            .set(to: startedAt.timeIntervalSince1970)
        switch configuration.database {
        case .sqlite:
            writerGroupSizes = registry.histogram(
                "jiujinban_db_writer_group_size", help: "Writes committed together by one COMMIT of the SQLite writer",
                buckets: [1, 2, 4, 8, 16, 32, Double(GroupCommit.maximumGroup)])
        case .postgres:
            writerGroupSizes = nil
            registry.gauge("jiujinban_db_postgres_pool_size_per_event_loop",
                           help: "Configured PostgreSQL connections per event loop (JIUJINBAN_DB_POOL_SIZE)")
                .set(to: Double(configuration.postgresPoolSize))
            registry.gauge("jiujinban_db_postgres_event_loops", help: "Event loops, each with its own PostgreSQL pool")
                .set(to: Double(eventLoops))
        }
    }

    /// Called once the acceptance's transaction has committed, and not for a submission answered with the case it
    /// made before.
    func caseAccepted(item: Int, channel: CaseChannel) {
        registry.counter(Self.casesAccepted, help: Self.casesAcceptedHelp,
                         labels: [("item", String(item)), ("channel", channel.rawValue)]).increment()
    }

    /// A job is scheduled: its gauge shows 0 until its first success, so "never succeeded" is visible too.
    func jobScheduled(_ job: Job) {
        jobGauge(job).set(to: 0)
    }

    func jobSucceeded(_ job: Job, at time: Date) {
        jobGauge(job).set(to: time.timeIntervalSince1970)
    }

    private func jobGauge(_ job: Job) -> Gauge {
        registry.gauge(Self.jobLastSuccess, help: Self.jobLastSuccessHelp, labels: [("job", job.rawValue)])
    }
}

extension Application {
    private struct AppMetricsKey: StorageKey {
        typealias Value = AppMetrics
    }

    /// This application's metrics, set once by `configure`.
    var metrics: AppMetrics {
        get {
            guard let metrics = storage[AppMetricsKey.self] else { fatalError("configure(_:) sets the metrics") }
            return metrics
        }
        set { storage[AppMetricsKey.self] = newValue }
    }
}
