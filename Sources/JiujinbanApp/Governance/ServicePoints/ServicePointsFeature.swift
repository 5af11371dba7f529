import Fluent
import Vapor

/// ServicePoints: its routes, navigation and command, registered once (`Feature`). The service points table is
/// the platform's (`Platform/Hierarchy`).
enum ServicePointsFeature: Feature {
    static func routes(_ app: Application) {
        ServicePointsController.register(app)
    }

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "service-points", ServicePointsCommand())]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 40, label: "服务点", url: .servicePoints()),
    ]

    static let notices = [ServicePointNotices.created, ServicePointNotices.updated, ServicePointNotices.disabled, ServicePointNotices.enabled]
}

/// What a service point's page says after it was saved, disabled or enabled (`PageNotice`).
enum ServicePointNotices {
    static let created = PageNotice("service-point-created", "已新增服务点。")
    static let updated = PageNotice("service-point-updated", "已保存服务点信息。")
    static let disabled = PageNotice("service-point-disabled", "已停用该服务点，停用原因已记录。")
    static let enabled = PageNotice("service-point-enabled", "已恢复启用该服务点。")
}
