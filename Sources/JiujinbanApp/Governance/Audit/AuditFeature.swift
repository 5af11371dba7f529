import Fluent
import Vapor

/// Audit: its pages and command, registered once (`Feature`). The audit trail and its tables are the platform's
/// (`Platform/Audit`).
enum AuditFeature: Feature {
    static func routes(_ app: Application) {
        AuditLogController.register(app)
    }

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "audit", AuditCommand())]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 130, label: "审计日志", url: .auditLog()),
    ]
}
