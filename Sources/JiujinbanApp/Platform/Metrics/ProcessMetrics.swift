import CoreMetrics
import Prometheus
import Synchronization

/// The process's one swift-metrics backend: Vapor's own request metrics (`http_requests_total`,
/// `http_request_duration_seconds`, `http_request_errors_total`, labelled by method, route pattern and status —
/// `DefaultResponder` names the route by its pattern, such as `/cases/:id`, and every unmatched path
/// `vapor_route_undefined`, so no id or ID number ever becomes a label) land in `registry`.
///
/// `MetricsSystem.bootstrap` may run only once per process (a second call crashes), yet tests build many
/// applications in one process, and any of them may have a metrics token. So the bootstrap happens once, behind a
/// lock, with this one registry; every application of the process then reports into it. An application's own
/// metrics (`AppMetrics`) live in a registry of the application instead, so two apps in one process never count
/// each other's cases.
enum ProcessMetrics {
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped = Mutex(false)

    /// Installs the Prometheus backend, the first time only. Called by `configure` when a metrics token is set:
    /// without one nobody can read the numbers, and every request is spared the cost of counting them.
    static func bootstrapOnce() {
        bootstrapped.withLock { done in
            guard !done else { return }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            done = true
        }
    }
}
