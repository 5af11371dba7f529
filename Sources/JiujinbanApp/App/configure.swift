import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// Builds the whole application from its configuration: the same function serves production, the command line and
/// every test (which passes its own configuration and clock).
public func configure(_ app: Application, configuration: AppConfiguration, clock: AppClock = .system) async throws {
    if configuration.metricsToken != nil { ProcessMetrics.bootstrapOnce() }
    app.metrics = AppMetrics(configuration: configuration, eventLoops: Array(app.eventLoopGroup.makeIterator()).count,
                             startedAt: clock.now())
    let writer = try DatabaseSetup.register(configuration.database, poolSize: configuration.postgresPoolSize,
                                            instance: configuration.instanceName, metrics: app.metrics, on: app)
    let keys = try configuration.keys ?? DevelopmentKeys.loadOrCreate(in: configuration.dataDirectory)
    app.jiujinban = PlatformServices(
        configuration: configuration,
        clock: clock,
        writer: writer,
        assets: try StaticAssets.load(),
        catalogue: try ServiceCatalogue.decode(Data(contentsOf: StaticAssets.resourceURL("catalog/service-catalog.json"))),
        workCalendar: try WorkCalendar.decode(
            bundledJSON: Data(contentsOf: StaticAssets.resourceURL("calendar/cn-workday-calendar.json"))).get(),
        keys: keys,
        cipher: try PersonalDataCipher(encryptionKey: keys.dataKey, indexKey: keys.indexKey)
    )
    app.auditAnchor = AuditAnchor(dataDirectory: configuration.dataDirectory, instance: configuration.instanceName)
    app.routes.defaultMaxBodySize = BodyLimit.form
    // Browsers and kiosks never compress what they send; a compressed body is refused as unreadable rather than
    // inflated (no decompression bombs), and every request skips the decompressor in the pipeline.
    app.http.server.configuration.requestDecompression = .disabled

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware(servedOverTLS: configuration.secureCookies))
    app.middleware.use(RequestLoggingMiddleware())
    app.middleware.use(AppErrorMiddleware())
    if case .postgres = configuration.database {
        let deadline = RequestDeadlineMiddleware(limit: .seconds(configuration.requestDeadlineSeconds))
        app.middleware.use(deadline)
        app.lifecycle.use(OutstandingRequests.Drain(outstanding: deadline.outstanding))
    }
    app.middleware.use(BodyLimitMiddleware())
    app.middleware.use(SessionMiddleware(lifetime: SessionLifetime(), publicPaths: publicPaths(configuration)))
    app.middleware.use(PageNoticeMiddleware(secure: configuration.secureCookies))

    FeatureSet.register(ProductFeatures.all, on: app)
    app.jobMarket = JobMarketStore()
    app.gigMarket = GigMarketStore()
    try await DatabaseSetup.prepare(app, configuration.database) { app in
        if app.jiujinban.configuration.loadDemoData {
            try await DemoDataSeeder.seedIfEmpty(app)
        }
    }
    FeatureSet.routes(ProductFeatures.all, on: app)
    FeatureSet.commands(ProductFeatures.all, on: app)
}

/// The only paths that answer without a session (S11). Everything else is denied by default. `/metrics` carries
/// its own bearer token (`MetricsBearer`); it is listed even when no token is set, so it then answers 404, the route
/// not being offered, rather than a redirect to the login page.
func publicPaths(_ configuration: AppConfiguration) -> PublicPaths {
    var exact: Set<String> = [
        SiteURL.login.path, SiteURL.loginStatus(ticket: "").path, "/login/scan", SiteURL.loginComplete.path,
        SiteURL.loginChoose.path, SiteURL.cardCallback.path, SiteURL.healthz.path, SiteURL.stylesheet.path,
        SiteURL.loginScript.path, SiteURL.metrics.path, SiteURL.favicon.path, SiteURL.siteScript.path,
    ]
    if !configuration.isProduction { exact.insert(SiteURL.cardSimulatorScan.path) }
    return PublicPaths(exact: exact, prefixes: [],
                       withoutCSRF: [SiteURL.cardCallback.path, SiteURL.loginComplete.path, SiteURL.loginChoose.path],
                       machineToMachine: [SiteURL.cardCallback.path, SiteURL.metrics.path])
}
