import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 服务点验收 (attachment 5): the county inspector scores a point of the county on the 11 criteria with notes, signs
/// and dates it; the total against the pass mark decides; a failed point gets its re-inspection date. A passed
/// inspection fills column 22 of the monthly report.
enum AcceptanceController {
    static func register(_ app: Application) {
        app.get(.servicePointAcceptance(id: UUID()), .capability(.inspectServicePoints), use: show)
        app.post(.servicePointAcceptance(id: UUID()), .capability(.inspectServicePoints), bodyLimit: photoUploadLimit, use: inspect)
        app.get(.acceptancePhoto(id: UUID(), position: 1), .capability(.inspectServicePoints), use: photo)
        app.post(.servicePointMilestones(id: UUID()), .capability(.inspectServicePoints), use: milestones)
    }

    /// Records the day the point signed its cooperation agreement and the day its staff were trained (columns 18 and
    /// 19 of the monthly report); an empty field clears it.
    @Sendable static func milestones(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let point = try await point(req)
        try CompleteForm.require(req, PointMilestoneRecord.Kind.allCases.map { ($0.rawValue + "_on", $0.label) })
        let today = req.jiujinban.clock.today
        var errors = FieldErrors()
        var dates: [PointMilestoneRecord.Kind: CalendarDate?] = [:]
        var values: [String: String] = [:]
        for kind in PointMilestoneRecord.Kind.allCases {
            let text = TextField.clean(try? req.content.get(String.self, at: kind.rawValue + "_on"))
            values[kind.rawValue + "_on"] = text
            if text.isEmpty { dates[kind] = .some(nil); continue }
            guard let date = CalendarDate(iso: text) else {
                errors.add(kind.rawValue + "_on", "\(kind.label)应为有效日期，如\(today)")
                continue
            }
            if date > today { errors.add(kind.rawValue + "_on", "\(kind.label)不能晚于今天（\(today)）") } else { dates[kind] = date }
        }
        guard errors.isEmpty else { return try await respond(req, point, values: values, errors: errors, status: .unprocessableEntity) }
        let now = req.jiujinban.clock.now()
        let chosen = dates
        try await req.write { db in
            for (kind, date) in chosen {
                try await PointMilestoneRecord.query(on: db).filter(\.$servicePointID == point.id).filter(\.$kind == kind.rawValue).delete()
                guard let date else { continue }
                let record = PointMilestoneRecord()
                record.id = UUID()
                record.servicePointID = point.id
                record.kind = kind.rawValue
                record.date = date.description
                record.recordedBy = staff.account.id
                record.recordedAt = now
                try await record.create(on: db)
            }
            try await req.audit(AuditEvent("service_point.milestones", objectType: "service_point", objectID: point.code,
                                           detail: PointMilestoneRecord.Kind.allCases.map { "\($0.label)：\(chosen[$0]??.description ?? "未登记")" }
                                               .joined(separator: "，")), on: db)
        }
        return HTMLResponse.seeOther(.servicePointAcceptance(id: point.id), notice: AcceptanceNotices.milestonesSaved, on: req)
    }

    /// Six photos at their limit, with the form around them.
    static let photoUploadLimit: ByteCount = "14mb"

    /// A photo of an inspection of a point the user sees, served as what its bytes are.
    @Sendable static func photo(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let position = req.parameters.get("position").flatMap(Int.init),
              let acceptance = try await AcceptanceRecord.find(id, on: req.db),
              let point = try await ServicePointQueries.find(acceptance.servicePointID, on: req.db),
              let photo = try await AcceptancePhotoRecord.query(on: req.db).filter(\.$acceptanceID == id).filter(\.$position == position).first()
        else { throw PublicError.notFound("该照片") }
        guard staff.sees(point) else { throw OutOfScope("该照片", objectType: "acceptance", id: id) }
        return FileResponse.image(photo.bytes, mediaType: photo.mediaType)
    }

    /// The point when it lies in the inspector's county; any other answers as missing, with what the rule is.
    static func point(_ req: Request, toInspect: Bool = true) async throws -> ServicePointSummary {
        let staff = try req.requireStaff()
        if toInspect, !staff.account.unit.isCountyDepartment { throw PublicError(.forbidden, "服务点验收由县级人社部门组织") }
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let point = try await ServicePointQueries.find(id, on: req.db) else {
            throw PublicError(.notFound, "该服务点不存在或不在本县，只能验收本县的服务点")
        }
        guard staff.sees(point) else {
            throw OutOfScope("该服务点", objectType: "service_point", id: id,
                             answer: PublicError(.notFound, "该服务点不存在或不在本县，只能验收本县的服务点"))
        }
        guard point.kind != .bankBranch else { throw PublicError(.unprocessableEntity, "合作银行网点不按本标准验收") }
        return point
    }

    /// Criterion 5 from the accounts data: the point has an active account, which only an approved application
    /// (or the county's own creation on one) makes.
    static func permissionApplied(_ point: UUID, on db: any Database) async throws -> Bool {
        try await AccountRecord.query(on: db).filter(\.$unitServicePointID == point)
            .filter(\.$status == AccountStatus.active.rawValue).count() > 0
    }

    /// The county sees the form; a city or the province reads the point's inspections.
    @Sendable static func show(_ req: Request) async throws -> Response {
        let point = try await point(req, toInspect: false)
        return try await respond(req, point, values: [HeldUploads.submissionField: UUID().uuidString.lowercased()],
                                 errors: FieldErrors(), status: .ok)
    }

    static func respond(_ req: Request, _ point: ServicePointSummary, values: [String: String], errors: FieldErrors,
                        status: HTTPStatus) async throws -> Response {
        let facts = try await AcceptanceQuery.load(point.id, on: req.db)
        let today = req.jiujinban.clock.today
        let inspects = try req.requireStaff().account.unit.isCountyDepartment
        let passMark = try await Self.passMarks(req).value(on: today)
        return HTMLResponse.make(AcceptancePage.render(
            point, facts: facts, inspects: inspects, passMark: passMark,
            values: values, errors: errors, today: today, context: PageContext(req)), status: status)
    }

    /// 验收合格分数线 as dated policy figures (政策参数): a later decision applies to inspections from its date.
    static func passMarks(_ req: Request) async throws -> DatedSchedule<Int> {
        guard let schedule = try await req.policyFigures().schedule(.acceptancePassMark) else {
            throw PublicError(.conflict, "政策参数“服务点验收合格分数线”没有取值，请业务管理员先在政策参数中设置")
        }
        return schedule
    }

    @Sendable static func inspect(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let point = try await point(req)
        var raw: [AcceptanceCriterion: String] = [:]
        var values: [String: String] = [:]
        var notes: [Int: String] = [:]
        var errors = FieldErrors()
        for criterion in AcceptanceCriterion.allCases {
            let score = (try? req.content.get(String.self, at: "score_\(criterion.rawValue)")) ?? ""
            raw[criterion] = score
            values["score_\(criterion.rawValue)"] = score
            let note = (try? req.content.get(String.self, at: "note_\(criterion.rawValue)")) ?? ""
            values["note_\(criterion.rawValue)"] = note
            if let text = TextField.optional(note, field: "note_\(criterion.rawValue)", label: "第\(criterion.rawValue)项备注",
                                             maxLength: 200, into: &errors) { notes[criterion.rawValue] = text }
        }
        // Photos chosen on a refused attempt are held for this one (`HeldUploads`); a new choice replaces its input's.
        // Per drawing of the form: a fresh inspection never picks up what an abandoned one had chosen.
        let submission = HeldUploads.submission(try? req.content.get(String.self, at: HeldUploads.submissionField))
        values[HeldUploads.submissionField] = submission.uuidString.lowercased()
        let heldKey = HeldUploads.formKey("service_point_acceptance:\(point.id.uuidString.lowercased())", submission: submission)
        let sent = (1...AcceptancePhotoRecord.maximumCount).compactMap { n -> HeldUpload? in
            guard let file = try? req.content.get(File.self, at: "photo\(n)"), file.data.readableBytes > 0 else { return nil }
            return HeldUpload(field: "photo\(n)", filename: file.filename, bytes: Array(file.data.readableBytesView))
        }
        let held = try await HeldUploads.held(key: heldKey, session: staff.sessionHash, now: req.jiujinban.clock.now(), on: req.db)
        let chosen = HeldUploads.merge(sent: sent, held: held)
        let uploads = chosen.map { ProblemReportDraft.Upload(name: $0.filename, bytes: $0.bytes) }
        let photos = Screenshot.check(uploads, maximumCount: AcceptancePhotoRecord.maximumCount, field: "photos", noun: "验收照片",
                                      into: &errors)
        let today = req.jiujinban.clock.today
        let dateText = TextField.clean(try? req.content.get(String.self, at: "inspected_on"))
        let reinspectText = TextField.clean(try? req.content.get(String.self, at: "reinspect_on"))
        values["inspected_on"] = dateText
        values["reinspect_on"] = reinspectText
        let inspectedOn = CalendarDate(iso: dateText)
        if inspectedOn == nil { errors.add("inspected_on", "请填写验收日期，如\(today)") }
        else if let inspectedOn, inspectedOn > today { errors.add("inspected_on", "验收日期不能晚于今天（\(today)）") }
        let applied = try await permissionApplied(point.id, on: req.db)
        var scoring: AcceptanceScoring?
        switch AcceptanceScoring.validate(raw, permissionApplied: applied) {
        case .success(let value): scoring = value
        case .failure(let scoreErrors): scoreErrors.problems.forEach { errors.add($0.field, $0.message) }
        }
        var reinspectOn: CalendarDate?
        let passMarks = try await Self.passMarks(req)
        if let scoring, let inspectedOn, !scoring.passes(mark: passMarks.value(on: inspectedOn)) {
            reinspectOn = CalendarDate(iso: reinspectText)
            if reinspectOn == nil {
                errors.add("reinspect_on", "总分\(scoring.total)分，未达到合格分数线\(passMarks.value(on: inspectedOn))分，请填写复验日期")
            } else if let date = reinspectOn, date <= inspectedOn {
                errors.add("reinspect_on", "复验日期应晚于验收日期（\(inspectedOn)）")
            }
        }
        guard errors.isEmpty, let scoring, let inspectedOn else {
            // Everything typed comes back, and every photo that passes on its own is kept for the retry.
            let sound = chosen.filter { Screenshot.passesOnItsOwn($0.bytes) }
            let now = req.jiujinban.clock.now()
            try await req.write { db in try await HeldUploads.hold(sound, key: heldKey, session: staff.sessionHash, at: now, on: db) }
            for upload in sound { values["held_\(upload.field)"] = upload.filename }
            return try await respond(req, point, values: values, errors: errors, status: .unprocessableEntity)
        }
        // The mark in force on the day of the inspection is stored with it (`pass_mark`).
        let mark = passMarks.value(on: inspectedOn)
        let passed = scoring.passes(mark: mark)
        let now = req.jiujinban.clock.now()
        let notesJSON = AcceptanceRecord.json(notes)
        let reinspect = passed ? nil : reinspectOn?.description
        try await req.write { db in
            let record = AcceptanceRecord()
            record.id = UUID()
            record.servicePointID = point.id
            record.inspectedOn = inspectedOn.description
            record.inspectorAccount = staff.account.id
            record.inspectorName = staff.personName
            record.scores = AcceptanceRecord.json(Dictionary(uniqueKeysWithValues: scoring.scores.map { ($0.key.rawValue, $0.value) }))
            record.notes = notesJSON
            record.total = scoring.total
            record.passMark = mark
            record.passed = passed
            record.reinspectOn = reinspect
            record.createdAt = now
            try await record.create(on: db)
            for (index, image) in photos.enumerated() {
                try await AcceptancePhotoRecord(acceptanceID: try record.requireID(), position: index + 1, image: image).create(on: db)
            }
            if !held.isEmpty { try await HeldUploads.release(key: heldKey, session: staff.sessionHash, on: db) }
            try await req.audit(AuditEvent("service_point.acceptance", objectType: "service_point", objectID: point.code,
                                           detail: "\(inspectedOn) \(scoring.total)分，" + (passed ? "合格" : "不合格，\(reinspect ?? "")复验") + (photos.isEmpty ? "" : "，照片\(photos.count)张")), on: db)
        }
        return HTMLResponse.seeOther(.servicePointAcceptance(id: point.id), notice: AcceptanceNotices.inspected, on: req)
    }
}
