import Fluent
import Vapor

/// Citizens: its routes, migrations and navigation, registered once (`Feature`).
enum CitizensFeature: Feature {
    static func routes(_ app: Application) {
        CitizensController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0010CreateCitizens(),
            M0031CreateCitizenLookups(),
            M0060AddResidenceAddress(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 10, label: "办事群众", url: .citizens),
    ]

    static let notices = [
        CitizenNotices.found, CitizenNotices.registered, CitizenNotices.alreadyRegistered, CitizenNotices.foundForItem,
        CitizenNotices.registeredForItem, CitizenNotices.revealed, CitizenNotices.concealed,
        CitizenNotices.notFound,
    ]
}

/// What the person's page says after the search or the registration that led to it.
enum CitizenNotices {
    static let found = PageNotice("citizen-found", "已查到该办事群众。请核对身份证后办理，完整信息可点“显示完整信息”查看。")
    static let registered = PageNotice("citizen-registered", "已登记。可在下方为其办理服务事项。")
    static let foundForItem = PageNotice("citizen-found-for-item", "已查到该办事群众，请填写受理表单。")
    static let registeredForItem = PageNotice("citizen-registered-for-item", "已登记，请填写受理表单。")
    static let notFound = PageNotice("citizen-not-found", "未找到该身份证号码的办事群众，请核对号码后登记。")
    static let revealed = PageNotice("citizen-revealed", "已显示完整信息，本次查看已记入审计日志。请核对身份证，5 分钟后自动恢复脱敏。")
    static let concealed = PageNotice("citizen-concealed", "已恢复脱敏显示。")
    static let alreadyRegistered = PageNotice("citizen-already-registered", "该身份证号码此前已登记，已打开其页面，未重复登记。")
}
