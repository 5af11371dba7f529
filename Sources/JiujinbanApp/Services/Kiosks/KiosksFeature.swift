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

    static let notices = [KioskNotices.registered, KioskNotices.retired]
}

/// What the kiosk list says after a kiosk was registered or retired (`PageNotice`).
enum KioskNotices {
    static let registered = PageNotice("kiosk-registered", "已登记自助终端。")
    static let retired = PageNotice("kiosk-retired", "已停用该自助终端。")
}
