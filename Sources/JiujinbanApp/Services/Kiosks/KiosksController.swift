import Fluent
import Foundation
import JiujinbanRules
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
        let listing = try await KiosksQuery.listing(for: try req.requireStaff(), on: req.db)
        return HTMLResponse.make(KiosksPage.render(listing.rows, points: listing.points, values: values, errors: errors,
                                                   today: req.jiujinban.clock.today, context: PageContext(req)), status: status)
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
        return HTMLResponse.seeOther(.kiosks, notice: KioskNotices.registered, on: req)
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
        return HTMLResponse.seeOther(.kiosks, notice: KioskNotices.retired, on: req)
    }
}
