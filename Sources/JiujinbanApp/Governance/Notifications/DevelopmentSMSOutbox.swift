import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 短信（开发）: the outbox of the user's own service point, read for `DevelopmentSMSPage`. Not registered in
/// production or when a real gateway is plugged in.
extension DevelopmentSMSPage {
    static func register(_ app: Application) {
        guard app.smsAdapter is DevelopmentSMSAdapter, !app.jiujinban.configuration.isProduction else { return }
        app.get(.developmentSMS, .capability(.serveCitizens), use: index)
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
        return HTMLResponse.make(render(lines, context: PageContext(req)))
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
