import JiujinbanRules
import Plot

/// The login page: a QR code for the electronic social-security card, valid 120 seconds, and a button that
/// completes the login once the phone confirmed (pressed by `login.js`, or by hand without JavaScript).
enum LoginPage {
    struct Model: Sendable {
        let ticket: String
        let qrSVG: String
        /// Development only: where the simulated phone is.
        let simulatorURL: SiteURL?
        let message: String?
    }

    static func render(_ model: Model, context: PageContext) -> HTML {
        PageShell.render(
            title: "扫码登录", context: context,
            content: [
                .div(
                    .class("login"),
                    .div(.class("login-qr"), .raw(model.qrSVG)),
                    .div(
                        .class("login-steps"),
                        .p(.strong("请使用手机“电子社保卡”扫描左侧二维码登录。")),
                        .ol(
                            .li("打开电子社保卡（国家社会保险公共服务平台、掌上12333或各地人社App）；"),
                            .li("点击“扫一扫”，扫描左侧二维码并在手机上确认；"),
                            .li("确认后本页自动进入系统；如未自动进入，请点击下方按钮。")
                        ),
                        .p(.class("muted"), .id("login-state"), .attribute(named: "data-status-url", value: SiteURL.loginStatus(ticket: model.ticket).path),
                           .text("二维码有效期120秒，过期后请刷新本页。")),
                        .form(
                            .id("login-complete"), .method(.post), .action(SiteURL.loginComplete.path),
                            .input(.type(.hidden), .name("ticket"), .value(model.ticket)),
                            .button(.type(.submit), .class("button primary"), .text("我已在手机上确认，进入系统"))
                        ),
                        .unwrap(model.simulatorURL) { url in
                            .div(.class("notice notice-dev"),
                                 .p(.strong("开发环境："), .text("没有电子社保卡时，可用模拟器扮演手机扫码（生产环境无此入口）。")),
                                 .a(.class("button"), .href(url.path), .target(.blank), .text("打开扫码模拟器")))
                        },
                        .p(.class("muted"), .text("工作人员离开电脑时，请及时退出登录（《信息系统用户账号管理办法》第六条）。"))
                    )
                ),
                .script(.src(SiteURL.loginScript.path)),
            ])
    }

    /// What a phone camera that is not the card app shows after scanning.
    static func scanInfo(context: PageContext) -> HTML {
        PageShell.render(title: "请使用电子社保卡扫码", context: context, content: [
            .p("此二维码用于登录“就近办”平台，请在手机“电子社保卡”中使用“扫一扫”扫描，并在手机上确认登录。"),
        ])
    }
}

/// A person with accounts in several units chooses one after scanning.
enum ChooseAccountPage {
    struct Choice: Sendable {
        let account: StaffAccount
        let unitName: String
    }

    static func render(ticket: String, accounts: [Choice], context: PageContext) -> HTML {
        PageShell.render(title: "选择登录账号", context: context, content: [
            .p("您在多个单位有账号，请选择本次使用的账号："),
            .ul(.class("choices"), .forEach(accounts) { choice in
                .li(.form(
                    .method(.post), .action(SiteURL.loginChoose.path),
                    .input(.type(.hidden), .name("ticket"), .value(ticket)),
                    .input(.type(.hidden), .name("account_id"), .value(choice.account.id.uuidString)),
                    .button(.type(.submit), .class("button"), .text("\(choice.account.post.label) · \(choice.unitName)"))
                ))
            }),
        ])
    }
}
