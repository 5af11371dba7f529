import Prometheus
import SQLKit

extension SMSOutbox {
    /// Text messages not yet delivered: waiting (`pending`), claimed by an instance now (`sending`), and given up
    /// after `SMSOutbox.maximumAttempts` (`failed`). Counted on the `(status, created_at)` index at each scrape of
    /// `/metrics` (`NotificationsFeature.metricsReadings`).
    static let backlogReading = MetricsReading { db, registry in
        let rows = try await db.raw("""
            SELECT status, COUNT(*) AS n FROM sms_outbox WHERE status IN ('pending', 'sending', 'failed') GROUP BY status
            """).all()
        var counts = ["pending": 0, "sending": 0, "failed": 0]
        for row in rows {
            counts[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        for (status, count) in counts.sorted(by: { $0.key < $1.key }) {
            registry.gauge("jiujinban_sms_outbox_backlog", help: "Text messages in the outbox not delivered, by status",
                           labels: [("status", status)]).set(to: Double(count))
        }
    }
}
