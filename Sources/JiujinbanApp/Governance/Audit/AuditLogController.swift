import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// `GET /audit`: the auditor (审计员) searches the audit trail by action and date. Reading it is itself audited.
enum AuditLogController {
    static let pageSize = 100

    static func register(_ app: Application) {
        app.get(.auditLog(), .capability(.readAuditTrail), use: index)
    }

    struct Filter: Sendable {
        var action: String?
        var from: CalendarDate?
        var to: CalendarDate?
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        func text(_ key: String) -> String? {
            (try? req.query.get(String.self, at: key)).map(TextField.clean).flatMap { $0.isEmpty ? nil : $0 }
        }
        let filter = Filter(action: text("action").map { String($0.prefix(60)) },
                            from: text("from").flatMap(CalendarDate.init(iso:)), to: text("to").flatMap(CalendarDate.init(iso:)))
        let rows = try await search(filter, on: req.db)
        try await req.write { db in
            try await req.audit(AuditEvent("audit.search", objectType: "audit_log",
                                           detail: "action=\(filter.action ?? "") from=\(filter.from?.iso ?? "") to=\(filter.to?.iso ?? "")"),
                                on: db)
        }
        return HTMLResponse.make(AuditLogPage.render(filter: filter, rows: rows, context: PageContext(req)))
    }

    static func search(_ filter: Filter, on db: any Database) async throws -> [StoredAuditRow] {
        let sql = db as! any SQLDatabase
        let query = sql.select().column("*").from("audit_log")
        if let action = filter.action { query.where("action", .like, SQLBind(action + "%")) }
        if let from = filter.from { query.where("occurred_at_ms", .greaterThanOrEqual, SQLBind(startOfDay(from))) }
        if let to = filter.to { query.where("occurred_at_ms", .lessThan, SQLBind(startOfDay(to.adding(days: 1)))) }
        let rows = try await query.orderBy("seq", .descending).limit(pageSize).all()
        return try rows.map(AuditTrail.storedRow)
    }

    /// Midnight in Shanghai of a calendar date, in milliseconds since 1970.
    static func startOfDay(_ date: CalendarDate) -> Int64 {
        Int64(date.dayNumber) * 86_400_000 - 8 * 3_600_000
    }
}
