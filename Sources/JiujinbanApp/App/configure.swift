import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// Builds the whole application from its configuration: the same function serves production, the command line and
/// every test (which passes its own configuration and clock).
public func configure(_ app: Application, configuration: AppConfiguration, clock: AppClock = .system) async throws {
    try DatabaseSetup.register(configuration.database, poolSize: configuration.postgresPoolSize, on: app)
    app.jiujinban = PlatformServices(
        configuration: configuration,
        clock: clock,
        writer: DatabaseWriter(serialised: configuration.database.kindName == "sqlite"),
        assets: try StaticAssets.load(),
        catalogue: try ServiceCatalogue.decode(Data(contentsOf: StaticAssets.resourceURL("catalog/service-catalog.json")))
    )
    app.routes.defaultMaxBodySize = "256kb"

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(AppErrorMiddleware(environment: app.environment))

    Migrations.register(on: app)
    try await DatabaseSetup.prepare(app, configuration.database)
    try await routes(app)
    registerCommands(app)
}

func registerCommands(_ app: Application) {
    app.asyncCommands.use(ServicePointsCommand(), as: "service-points")
}
