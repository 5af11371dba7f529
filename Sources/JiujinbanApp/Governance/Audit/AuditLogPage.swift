import Foundation
import JiujinbanRules
import Plot

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
