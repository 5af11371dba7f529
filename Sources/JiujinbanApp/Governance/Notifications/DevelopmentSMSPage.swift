import Foundation
import JiujinbanRules
import Plot

/// 短信（开发）: with the development adapter no message leaves the machine; this page shows what would have been
/// sent from the user's own service point (phones masked, by the reader: `DevelopmentSMSOutbox.swift`).
enum DevelopmentSMSPage {
    struct Line: Sendable {
        let createdAt: Date
        let maskedPhone: String
        let body: String
        let status: String
    }

    static func render(_ lines: [Line], context: PageContext) -> HTML {
        let labels = ["pending": "待发送", "sending": "发送中", "sent": "已发送（开发环境，未实际发出）", "failed": "发送失败"]
        return PageShell.render(
            title: "短信发件箱（开发环境）", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "短信发件箱", url: nil)],
            content: [
                .p(.class("hint"), .text("开发环境不连接短信网关，本页显示本服务点应发出的短信。")),
                .if(lines.isEmpty, .p(.class("empty"), .text("暂无短信"))),
                .if(!lines.isEmpty, .table(
                    .class("data-table"),
                    .thead(.tr(.th("时间"), .th("手机号码"), .th("内容"), .th("状态"))),
                    .tbody(.forEach(lines) { line in
                        .tr(.td(.text(AuditLogPage.formatter.string(from: line.createdAt))), .td(.class("code"), .text(line.maskedPhone)),
                            .td(.text(line.body)), .td(.text(labels[line.status] ?? line.status)))
                    }))),
            ])
    }
}
