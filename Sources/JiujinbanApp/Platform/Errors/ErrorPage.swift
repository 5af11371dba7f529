import Plot
import Vapor

/// The HTML error page: the status, a reason in Chinese, and a way back. Never internals.
enum ErrorPage {
    static func render(status: HTTPResponseStatus, reason: String, context: PageContext) -> HTML {
        PageShell.render(
            title: status == .serviceUnavailable ? "暂时无法服务" : status.code >= 500 ? "系统出错" : "无法完成请求",
            context: context,
            content: [
                .div(
                    .class("notice notice-error"),
                    .p(.text(reason)),
                    .p(.class("muted"), .text("错误代码 \(status.code)"))
                ),
                .p(.a(.href(SiteURL.home.path), .text("返回首页"))),
            ]
        )
    }
}
