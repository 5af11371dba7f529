import Fluent
import Vapor

/// 政策参数: its routes, migration (with the seed) and navigation, registered once (`Feature`).
enum PolicyFiguresFeature: Feature {
    static func routes(_ app: Application) {
        PolicyFiguresController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0036CreatePolicyFigures(),
            M0061SeedPlatformFigures(),
            M0065AddPolicyFigureCorrections(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 85, label: "政策参数", url: .policyFigures),
    ]

    static let notices = [PolicyFigureNotices.succeeded, PolicyFigureNotices.confirmed, PolicyFigureNotices.corrected]
}

/// What a figure's page says after a change (`PageNotice`).
enum PolicyFigureNotices {
    static let succeeded = PageNotice("policy-figure-succeeded", "已保存新值：自生效日期起执行，原值至其前一日止。")
    static let confirmed = PageNotice("policy-figure-confirmed", "已依文件确认该取值，使用它的办件可以审核通过。")
    static let corrected = PageNotice("policy-figure-corrected", "已更正并确认：原取值保留并标记为已更正，此后按更正后的数值计算；使用原取值的办件审批时重新计算。")
}
