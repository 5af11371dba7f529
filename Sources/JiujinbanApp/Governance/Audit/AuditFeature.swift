import Fluent
import Vapor

/// Audit: its routes, migrations and navigation, registered once (`Feature`).
enum AuditFeature: Feature {
    static func routes(_ app: Application) {
        AuditLogController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0006CreateAuditLog(),
            M0009CreateAuditArchives(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 130, label: "审计日志", url: .auditLog()),
    ]
}
