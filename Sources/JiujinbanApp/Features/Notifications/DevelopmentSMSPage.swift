import Fluent
import Foundation
import JiujinbanRules
import Plot
import SQLKit
import Vapor

/// 短信（开发）: with the development adapter no message leaves the machine; this page shows what would have been
/// sent from the user's own service point (phones masked). Not registered in production or when a real gateway is
/// plugged in.
enum DevelopmentSMSPage {
    static func register(_ app: Application) {
        guard app.smsAdapter is DevelopmentSMSAdapter, !app.jiujinban.configuration.isProduction else { return }
        app.get(.developmentSMS, .capability(.serveCitizens), use: index)
    }

    struct Line {
        let createdAt: Date
        let maskedPhone: String
        let body: String
        let status: String
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let point = staff.ownServicePoint else { throw PublicError.notFound("该页面") }
        let rows = try await (req.db as! any SQLDatabase).raw("""
            SELECT created_at, phone_sealed, body, status FROM sms_outbox WHERE service_point_id = \(bind: point)
            ORDER BY created_at DESC LIMIT 100
            """).all()
        let cipher = req.jiujinban.cipher
        let lines = try rows.map { row in
            let phone = (try? cipher.open(try row.decode(column: "phone_sealed", as: String.self), context: SMSOutbox.phoneContext)) ?? ""
            return Line(createdAt: try row.decode(column: "created_at", as: Date.self), maskedPhone: Masking.maskedPhone(phone),
                        body: try row.decode(column: "body", as: String.self), status: try row.decode(column: "status", as: String.self))
        }
        let labels = ["pending": "待发送", "sending": "发送中", "sent": "已发送（开发环境，未实际发出）", "failed": "发送失败"]
        let html = PageShell.render(
            title: "短信发件箱（开发环境）", context: PageContext(req),
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
        return HTMLResponse.make(html)
    }
}

extension Application {
    private struct SMSAdapterKey: StorageKey {
        typealias Value = any SMSAdapter
    }

    /// How text messages leave: the development adapter unless a deployment plugs in its gateway before `configure`.
    var smsAdapter: any SMSAdapter {
        get { storage[SMSAdapterKey.self] ?? DevelopmentSMSAdapter() }
        set { storage[SMSAdapterKey.self] = newValue }
    }
}
