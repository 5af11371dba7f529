import Fluent
import Vapor

/// The platform's own routes (health, metrics, the stylesheet and script) and tables (settings, held uploads).
enum PlatformFeature: Feature {
    static func routes(_ app: Application) {
        HealthController.register(app)
        MetricsController.register(app)
        StaticAssetsController.register(app)
    }

    static var migrations: [any Migration] {
        [M0003CreateAppSettings(), M0035CreateHeldUploads()]
    }
}
