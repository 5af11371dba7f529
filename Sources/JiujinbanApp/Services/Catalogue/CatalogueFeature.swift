import Fluent
import Vapor

/// Catalogue: its routes, migrations and navigation, registered once (`Feature`).
enum CatalogueFeature: Feature {
    static func routes(_ app: Application) {
        CatalogueController.register(app)
    }

    static let navigation = [
        NavigationEntry(line: .services, order: 10, label: "我要找工作", url: .serviceCategory(key: "job")),
        NavigationEntry(line: .services, order: 20, label: "我要学技能", url: .serviceCategory(key: "skill")),
        NavigationEntry(line: .services, order: 30, label: "我要办社保", url: .serviceCategory(key: "insurance")),
        NavigationEntry(line: .services, order: 40, label: "我要办社保卡", url: .serviceCategory(key: "card")),
    ]
}
