import Fluent
import Vapor

/// The platform's own routes (health, metrics, the stylesheet and script) and tables: the division hierarchy, staff
/// and their sessions, the audit trail, settings, the files held for a refused form's retry.
enum PlatformFeature: Feature {
    static func routes(_ app: Application) {
        HealthController.register(app)
        MetricsController.register(app)
        StaticAssetsController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0001CreateDivisions(),
            M0002CreateServicePoints(),
            M0003CreateAppSettings(),
            M0004CreateStaff(),
            M0005CreateSessions(),
            M0006CreateAuditLog(),
            M0009CreateAuditArchives(),
            M0035CreateHeldUploads(),
            M0050AddSessionRevealGrant(),
        ]
    }
}
