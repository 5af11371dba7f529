import Fluent
import Vapor

/// Kiosks: its routes, migrations and navigation, registered once (`Feature`).
enum KiosksFeature: Feature {
    static func routes(_ app: Application) {
        KiosksController.register(app)
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 120, label: "自助设备", url: .kiosks),
    ]
}
