import Fluent
import Foundation
import JiujinbanRules
import Plot
import Vapor

/// 自助设备登记: the kiosks of the county's service points, registered and retired by its system admin. A village or
/// community point with a kiosk in use reads 1 in column 21 of the monthly report.
enum KiosksController {
    static func register(_ app: Application) {
        app.get(.kiosks, .capability(.manageKiosks), use: index)
        app.post(.kiosks, .capability(.manageKiosks), use: create)
        app.post(.retireKiosk(id: UUID()), .capability(.manageKiosks), use: retire)
    }

    struct Row: Sendable {
        let id: UUID
        let serial: String
        let installedOn: String
        let status: KioskStatus
        let point: ServicePointSummary
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        try await respond(req, values: KioskDraft(), errors: FieldErrors(), status: .ok)
    }

    static func respond(_ req: Request, values: KioskDraft, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let staff = try req.requireStaff()
        let points = try await ServicePointQueries.all(in: staff.scopeRoot, on: req.db).filter { $0.kind != .bankBranch && staff.sees($0) }
        let byID = Dictionary(uniqueKeysWithValues: points.map { ($0.id, $0) })
        let rows = try await KioskRecord.query(on: req.db).filter(\.$servicePointID ~~ Array(byID.keys)).sort(\.$installedOn, .descending).all()
            .compactMap { record -> Row? in
                guard let id = record.id, let point = byID[record.servicePointID], let status = record.statusValue else { return nil }
                return Row(id: id, serial: record.serialNumber, installedOn: record.installedOn, status: status, point: point)
            }
        return HTMLResponse.make(KiosksPage.render(rows, points: points, values: values, errors: errors, today: req.jiujinban.clock.today,
                                                   context: PageContext(req)), status: status)
    }

    struct Form: Content {
        var point: String?
        var serial: String?
        var installed_on: String?
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(Form.self)
        let draft = KioskDraft(point: form.point, serial: form.serial, installedOn: form.installed_on)
        let facts: KioskDraft.Facts
        switch draft.validate(today: req.jiujinban.clock.today) {
        case .success(let value): facts = value
        case .failure(let errors): return try await respond(req, values: draft, errors: errors, status: .unprocessableEntity)
        }
        guard let pointID = UUID(uuidString: facts.point), let point = try await ServicePointQueries.find(pointID, on: req.db),
              staff.sees(point), point.kind != .bankBranch else {
            var errors = FieldErrors()
            errors.add("point", "只能为本辖区的乡镇、行政村或社区服务点登记自助设备")
            return try await respond(req, values: draft, errors: errors, status: .unprocessableEntity)
        }
        if try await KioskRecord.query(on: req.db).filter(\.$serialNumber == facts.serial).count() > 0 {
            var errors = FieldErrors()
            errors.add("serial", "序列号\(facts.serial)的设备已登记，不能重复登记")
            return try await respond(req, values: draft, errors: errors, status: .unprocessableEntity)
        }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            let record = KioskRecord()
            record.id = UUID()
            record.servicePointID = point.id
            record.serialNumber = facts.serial
            record.installedOn = facts.installedOn.description
            record.status = KioskStatus.active.rawValue
            record.createdAt = now
            try await record.create(on: db)
            try await req.audit(AuditEvent("kiosk.register", objectType: "service_point", objectID: point.code,
                                           detail: "\(facts.serial)，\(facts.installedOn)安装"), on: db)
        }
        return HTMLResponse.seeOther(.kiosks)
    }

    @Sendable static func retire(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let record = try await KioskRecord.find(id, on: req.db),
              let point = try await ServicePointQueries.find(record.servicePointID, on: req.db) else {
            throw PublicError.notFound("该设备")
        }
        guard staff.sees(point) else { throw OutOfScope("该设备", objectType: "kiosk", id: id) }
        guard record.statusValue == .active else { throw PublicError(.conflict, "该设备已撤除") }
        try await req.write { db in
            guard let fresh = try await KioskRecord.find(id, on: db) else { return }
            fresh.status = KioskStatus.retired.rawValue
            try await fresh.update(on: db)
            try await req.audit(AuditEvent("kiosk.retire", objectType: "service_point", objectID: point.code, detail: fresh.serialNumber), on: db)
        }
        return HTMLResponse.seeOther(.kiosks)
    }
}

enum KiosksPage {
    static func render(_ rows: [KiosksController.Row], points: [ServicePointSummary], values: KioskDraft, errors: FieldErrors,
                       today: CalendarDate, context: PageContext) -> HTML {
        PageShell.render(
            title: "自助设备登记", context: context,
            crumbs: [Crumb(label: "服务点", url: .servicePoints()), Crumb(label: "自助设备登记", url: nil)],
            content: [
                .p(.class("lead"), .text("行政村、社区服务点有在用的自助设备，月度调度表第21列“自助设备安装到位”即为1；乡镇服务点不要求配置。")),
                .table(.class("data-table compact"),
                       .thead(.tr(.th("序列号"), .th("服务点"), .th("乡镇"), .th("安装日期"), .th("状态"), .th(""))),
                       .tbody(.forEach(rows) { row in
                           .tr(.td(.class("code"), .text(row.serial)), .td(.text(row.point.name)), .td(.text(row.point.townshipName)),
                               .td(.text(row.installedOn)), .td(.text(row.status.label)),
                               .td(.if(row.status == .active,
                                       .form(.method(.post), .action(SiteURL.retireKiosk(id: row.id).path), .class("inline"), .csrf(context),
                                             .button(.type(.submit), .class("button small"), .text("撤除"))))))
                       })),
                .if(rows.isEmpty, .p(.class("empty"), .text("尚未登记自助设备"))),
                .section(.class("panel"), .h2("登记自助设备"),
                         FormFields.errorSummary(errors),
                         .form(.class("form"), .method(.post), .action(SiteURL.kiosks.path), .csrf(context),
                               FormFields.select("point", label: "服务点",
                                                 options: points.map { .init(value: $0.id.uuidString, label: "\($0.townshipName) · \($0.name)") },
                                                 selected: values.point, errors: errors),
                               FormFields.text("serial", label: "设备序列号", value: values.serial, errors: errors, hint: "设备铭牌上的序列号", maxLength: 40),
                               FormFields.text("installed_on", label: "安装日期", value: values.installedOn ?? today.description, errors: errors,
                                               maxLength: 10),
                               .div(.class("form-actions"), .button(.type(.submit), .class("button primary"), .text("登记"))))),
            ])
    }
}
