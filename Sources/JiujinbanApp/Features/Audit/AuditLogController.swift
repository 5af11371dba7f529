import Fluent
import Foundation
import JiujinbanRules
import Plot
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

enum AuditLogPage {
    static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.timeZone = .shanghai
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }()

    static func render(filter: AuditLogController.Filter, rows: [StoredAuditRow], context: PageContext) -> HTML {
        PageShell.render(
            title: "审计日志", context: context, crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "审计日志", url: nil)],
            content: [
                .form(
                    .class("filters"), .method(.get), .action(SiteURL.auditLog().path),
                    .label(.for("action"), .text("操作")),
                    .input(.type(.text), .name("action"), .id("action"), .value(filter.action ?? "")),
                    .label(.for("from"), .text("自")),
                    .input(.type(.date), .name("from"), .id("from"), .value(filter.from?.iso ?? "")),
                    .label(.for("to"), .text("至")),
                    .input(.type(.date), .name("to"), .id("to"), .value(filter.to?.iso ?? "")),
                    .button(.type(.submit), .class("button"), .text("查询"))
                ),
                .p(.class("muted"), .text("显示最近 \(rows.count) 条（时间为北京时间）。完整性校验：在服务器上运行 jiujinban audit verify。")),
                .table(
                    .class("data-table compact"),
                    .thead(.tr(.th("序号"), .th("时间"), .th("用户"), .th("岗位"), .th("单位"), .th("IP"), .th("操作"),
                               .th("对象"), .th("结果"), .th("说明"))),
                    .tbody(.forEach(rows) { row in
                        let entry = row.entry
                        return .tr(
                            .td(.class("num"), .text(String(entry.sequence))),
                            .td(.class("nowrap"), .text(formatter.string(from: entry.occurredAt.date))),
                            .td(.class("code"), .text(entry.userID.map { String($0.uuidString.prefix(8)) } ?? "—")),
                            .td(.text(entry.role.flatMap(Post.init(rawValue:))?.label ?? entry.role ?? "—")),
                            .td(.class("code"), .text(entry.orgUnit ?? "—")),
                            .td(.class("code"), .text(entry.ipAddress ?? "—")),
                            .td(.class("code"), .text(entry.action)),
                            .td(.class("code"), .text([entry.objectType, entry.objectID].compactMap { $0 }.joined(separator: " "))),
                            .td(.text(entry.result.rawValue)),
                            .td(.text(entry.detail))
                        )
                    })
                ),
            ])
    }
}
