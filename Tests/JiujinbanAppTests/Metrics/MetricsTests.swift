import Foundation
@testable import JiujinbanApp
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// A token as an operator makes one (`openssl rand -hex 32`).
func metricsToken() -> String {
    (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
}

extension Application {
    /// Scrapes `/metrics` with the token and parses what it answers.
    func scrape(_ token: String) async throws -> PrometheusText {
        var text = ""
        try await testing().test(.GET, "/metrics", headers: ["Authorization": "Bearer \(token)"]) { res in
            #expect(res.status == .ok)
            #expect(res.headers.first(name: .contentType) == "text/plain; version=0.0.4; charset=utf-8")
            text = res.body.string
        }
        return try PrometheusText(text)
    }
}

@Suite("GET /metrics: Prometheus text behind the configured bearer token")
struct MetricsTests {
    @Test("without JIUJINBAN_METRICS_TOKEN the route is not offered: 404, signed in or not")
    func notOfferedWithoutToken() async throws {
        try await TestApp.run { app in
            try await app.testing().test(.GET, "/metrics") { res in #expect(res.status == .notFound) }
            try await app.testing().test(.GET, "/metrics", headers: ["Authorization": "Bearer \(metricsToken())"]) { res in
                #expect(res.status == .notFound)
            }
            let admin = try await app.session(as: .provinceSystemAdmin)
            try await app.testing().test(.GET, "/metrics", headers: admin.headers) { res in #expect(res.status == .notFound) }
        }
    }

    @Test("no token, a wrong one, a session instead: 401 with a Bearer challenge in Chinese, each refusal audited")
    func refusedAndAudited() async throws {
        let token = metricsToken()
        try await TestApp.run(metricsToken: token) { app in
            let admin = try await app.session(as: .provinceSystemAdmin)
            let attempts: [(HTTPHeaders, String)] = [
                ([:], "未提供指标令牌"),
                (["Authorization": "Bearer \(metricsToken())"], "指标令牌不正确"),
                (["Authorization": "Bearer \(token.dropLast())"], "指标令牌不正确"),
                (["Authorization": "Basic \(Data("jjb:\(token)".utf8).base64EncodedString())"], "未提供指标令牌"),
                (admin.headers, "未提供指标令牌"),
            ]
            for (headers, reason) in attempts {
                try await app.testing().test(.GET, "/metrics", headers: headers) { res in
                    #expect(res.status == .unauthorized)
                    #expect(res.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer ") == true)
                    #expect(res.body.string.hasPrefix(reason))
                    #expect(!res.body.string.contains("jiujinban_"))
                }
            }
            let denials = try await auditedObjects("access.denied", on: app)
            #expect(denials == attempts.map { AuditedObject("GET /metrics", $0.1) })
        }
    }

    @Test("with the token: parseable text with the build, Vapor's request metrics by route pattern, no audit row")
    func scrapeParses() async throws {
        let token = metricsToken()
        try await TestApp.run(metricsToken: token) { app in
            let caseID = UUID()
            let village = try await app.session(as: .villageOperator)
            try await app.testing().test(.GET, "/healthz") { res in #expect(res.status == .ok) }
            try await app.testing().test(.GET, "/cases/\(caseID.uuidString.lowercased())", headers: village.headers) { res in
                #expect(res.status == .notFound)
            }
            try await app.testing().test(.GET, "/no/such/\(caseID.uuidString)") { _ in }
            let rowsBefore = try await auditRowCount(app)
            let metrics = try await app.scrape(token)
            #expect(try await auditRowCount(app) == rowsBefore)

            let database = app.jiujinban.configuration.database.kindName
            #expect(metrics.value("jiujinban_build_info", ["instance": app.jiujinban.configuration.instanceName,
                                                          "database": database, "environment": "development"]) == 1)
            #expect(metrics.value("jiujinban_start_time_seconds") == TestApp.fixedNow.timeIntervalSince1970)
            #expect(metrics.value("jiujinban_database_up") == 1)
            for status in ["pending", "sending", "failed"] {
                #expect(metrics.value("jiujinban_sms_outbox_backlog", ["status": status]) == 0, "\(status)")
            }
            // Vapor's counters: the route's pattern, never the id in the path; an unknown path has one label value.
            #expect((metrics.value("http_requests_total", ["method": "GET", "path": "/healthz", "status": "200"]) ?? 0) >= 1)
            #expect((metrics.value("http_requests_total", ["method": "GET", "path": "/cases/:id", "status": "404"]) ?? 0) >= 1)
            #expect(!metrics.samples("http_request_duration_seconds_bucket", ["path": "/healthz"]).isEmpty)
            #expect(metrics.types["http_request_duration_seconds"] == "histogram")
            #expect(!metrics.samples("http_requests_total", ["path": "vapor_route_undefined"]).isEmpty)
            let labelValues = metrics.samples.flatMap(\.labels.values)
            #expect(!labelValues.contains { $0.lowercased().contains(caseID.uuidString.lowercased()) })
        }
    }

    @Test("an accepted case counts once for its item and the counter channel; its repeated submission does not")
    func casesAccepted() async throws {
        let token = metricsToken()
        try await TestApp.run(metricsToken: token) { app in
            let engine = CaseEngineTests()
            let village = try await app.session(as: .villageOperator)
            let citizen = try await engine.citizen(app, village)
            let item = try await engine.item(app, timed: true)
            let labels = ["item": String(item.seq), "channel": "counter"]
            #expect(try await app.scrape(token).value(AppMetrics.casesAccepted, labels) == nil)
            let key = UUID()
            let (status, created) = try await engine.accept(app, village, citizen: citizen, item: item.seq, key: key)
            #expect(status == .seeOther)
            let after = try await app.scrape(token)
            #expect(after.value(AppMetrics.casesAccepted, labels) == 1)
            #expect(after.samples(AppMetrics.casesAccepted).count == 1)
            #expect(after.types[AppMetrics.casesAccepted] == "counter")
            // The same form again: the same case, not a new one.
            let (_, again) = try await engine.accept(app, village, citizen: citizen, item: item.seq, key: key)
            #expect(again == created)
            #expect(try await app.scrape(token).value(AppMetrics.casesAccepted, labels) == 1)
            _ = try await engine.accept(app, village, citizen: citizen, item: item.seq)
            #expect(try await app.scrape(token).value(AppMetrics.casesAccepted, labels) == 2)
        }
    }

    @Test("SQLite: the writer's queue depth and group sizes; the readers' pool. PostgreSQL: its pool and connections")
    func databaseMetrics() async throws {
        let token = metricsToken()
        try await TestApp.run(metricsToken: token) { app in
            // A refusal is audited through the writer: on SQLite a group has committed.
            try await app.testing().test(.GET, "/metrics") { res in #expect(res.status == .unauthorized) }
            let metrics = try await app.scrape(token)
            switch app.jiujinban.configuration.database {
            case .sqlite:
                #expect(metrics.value("jiujinban_db_writer_queue_depth") == 0)
                #expect(metrics.types["jiujinban_db_writer_group_size"] == "histogram")
                #expect((metrics.value("jiujinban_db_writer_group_size_count") ?? 0) >= 1)
                #expect(metrics.value("jiujinban_db_writer_group_size_bucket", ["le": "+Inf"])
                    == metrics.value("jiujinban_db_writer_group_size_count"))
                let readers = try #require(metrics.value("jiujinban_db_sqlite_readers"))
                #expect(readers == Double(max(4, 2 * System.coreCount)))
                let inUse = try #require(metrics.value("jiujinban_db_sqlite_readers_in_use"))
                #expect(inUse >= 0 && inUse <= readers)
                #expect(metrics.samples("jiujinban_db_postgres_connections").isEmpty)
            case .postgres:
                #expect(metrics.samples("jiujinban_db_writer_queue_depth").isEmpty)
                #expect(metrics.samples("jiujinban_db_writer_group_size_count").isEmpty)
                #expect(metrics.value("jiujinban_db_postgres_pool_size_per_event_loop") == 2)
                #expect((metrics.value("jiujinban_db_postgres_event_loops") ?? 0) >= 1)
                let open = try #require(metrics.value("jiujinban_db_postgres_connections", ["state": "open"]))
                let active = try #require(metrics.value("jiujinban_db_postgres_connections", ["state": "active"]))
                #expect(open >= 1 && active >= 0 && active < open)
                // The connections carry this instance's name, which is how they were counted.
                let name = "jiujinban/" + app.jiujinban.configuration.instanceName
                let named = try await (app.db as! any SQLDatabase).raw("""
                    SELECT COUNT(*) AS n FROM pg_stat_activity WHERE application_name = \(bind: name) AND pid = pg_backend_pid()
                    """).first()?.decode(column: "n", as: Int.self)
                #expect(named == 1)
                #expect(metrics.samples("jiujinban_db_sqlite_readers").isEmpty)
            }
        }
    }

    @Test("a scheduled job's last success: 0 once scheduled, then the time of its run")
    func jobLastSuccess() async throws {
        let token = metricsToken()
        try await TestApp.run(metricsToken: token) { app in
            let labels = ["job": "audit_anchor"]
            #expect(try await app.scrape(token).value(AppMetrics.jobLastSuccess, labels) == nil)
            let task = AuditAnchor.schedule(on: app)
            // The anchor's first run starts at once, so the scrape may already see it.
            let first = try await app.scrape(token).value(AppMetrics.jobLastSuccess, labels)
            #expect(first == 0 || first == TestApp.fixedNow.timeIntervalSince1970)
            var seen: Double?
            for _ in 0..<100 where seen != TestApp.fixedNow.timeIntervalSince1970 {
                try await Task.sleep(for: .milliseconds(100))
                seen = try await app.scrape(token).value(AppMetrics.jobLastSuccess, labels)
            }
            let stopped = app.eventLoopGroup.next().makePromise(of: Void.self)
            task.cancel(promise: stopped)
            try await stopped.futureResult.get()
            #expect(seen == TestApp.fixedNow.timeIntervalSince1970)
        }
    }

    @Test("a successful scrape is logged at debug only, a refusal at info; /metrics alone is public and machine-to-machine")
    func loggedQuietly() async throws {
        let token = metricsToken()
        let capture = LogCapture()
        try await TestApp.run(logger: capture.logger(level: .info), metricsToken: token) { app in
            _ = try await app.scrape(token)
            try await app.testing().test(.GET, "/metrics") { res in #expect(res.status == .unauthorized) }
        }
        #expect(!capture.text.contains("GET /metrics 200"))
        #expect(capture.text.contains("GET /metrics 401"))
        let paths = publicPaths(AppConfiguration(database: .sqlite(path: ":memory:"), loadDemoData: false))
        #expect(paths.contains("/metrics") && paths.isMachineToMachine("/metrics"))
        #expect(!paths.contains("/metrics/") && !paths.contains("/metrics/x") && !paths.contains("/metricsx"))
    }

    @Test("JIUJINBAN_METRICS_TOKEN: 32 characters or more of token characters; a bad one is named, never echoed")
    func configuration() throws {
        let token = metricsToken()
        #expect(try AppConfiguration.parse(["JIUJINBAN_METRICS_TOKEN": token], isProduction: false).metricsToken == token)
        #expect(try AppConfiguration.parse([:], isProduction: false).metricsToken == nil)
        for bad in ["", "short-secret-123", String(token.prefix(31)), token + " ", "令牌" + token] {
            let error = #expect(throws: ConfigurationError.self) {
                try AppConfiguration.parse(["JIUJINBAN_METRICS_TOKEN": bad], isProduction: false)
            }
            let caught = try #require(error)
            #expect(caught.variables == ["JIUJINBAN_METRICS_TOKEN"])
            #expect(caught.description.contains("JIUJINBAN_METRICS_TOKEN"))
            #expect(caught.description.contains("openssl rand -hex 32"))
            if !bad.isEmpty { #expect(!caught.description.contains(bad.trimmingCharacters(in: .whitespaces))) }
        }
    }
}

private func auditRowCount(_ app: Application) async throws -> Int {
    try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_log").first()?.decode(column: "n", as: Int.self) ?? 0
}
