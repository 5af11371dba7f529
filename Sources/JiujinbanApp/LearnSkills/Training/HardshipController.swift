import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 就业困难人员认定: a county reviewer records that a registered citizen of the county is recognised as 就业困难人员
/// (the category in the county's own words), and ends a recognition with its reason. One is in force per person
/// (the partial unique index of M0067); item 16 reads it as the record behind the key group.
enum HardshipController {
    static let listed = 200

    static func register(_ app: Application) {
        app.get(.hardshipRecognitions, .capability(.recogniseHardship), use: index)
        app.post(.hardshipRecognitions, .capability(.recogniseHardship), use: recognise)
        app.post(.endHardshipRecognition(id: UUID()), .capability(.recogniseHardship), use: end)
    }

    struct Form: Content {
        var id_number: String?
        var category: String?
        var recognised_on: String?
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let county = try TrainingRegistryQueries.county(of: try req.requireStaff())
        let form = HardshipPage.Values(recognisedOn: req.jiujinban.clock.today.iso)
        return try await page(req, county, form: form, errors: FieldErrors(), status: .ok)
    }

    static func page(_ req: Request, _ county: DivisionCode, form: HardshipPage.Values, errors: FieldErrors, endErrors: [UUID: String] = [:],
                     status: HTTPStatus) async throws -> Response {
        HTMLResponse.make(HardshipPage.render(try await lines(county, req: req), form: form, errors: errors, endErrors: endErrors,
                                              context: PageContext(req)), status: status)
    }

    /// The county's recognitions, those in force first, the latest first; names and ID numbers masked.
    static func lines(_ county: DivisionCode, req: Request) async throws -> [HardshipPage.Line] {
        let rows = try await (req.db as! any SQLDatabase).raw("""
            SELECT h.id, h.category, h.recognised_on, h.ended_on, h.end_reason, c.name, c.id_number_sealed
            FROM hardship_recognitions h JOIN citizens c ON c.id = h.citizen_id
            WHERE h.county_code = \(bind: county.value)
            ORDER BY CASE WHEN h.ended_on IS NULL THEN 0 ELSE 1 END, h.recognised_on DESC, h.id
            LIMIT \(unsafeRaw: String(listed))
            """).all()
        let cipher = req.jiujinban.cipher
        return try rows.map { row in
            let sealed = try row.decode(column: "id_number_sealed", as: String.self)
            let idNumber = (try? cipher.open(sealed, context: CitizenCrypto.idNumberContext)).map(Masking.maskedIDNumber) ?? ""
            return HardshipPage.Line(
                id: try row.decode(column: "id", as: UUID.self), maskedName: Masking.maskedName(try row.decode(column: "name", as: String.self)),
                maskedIDNumber: idNumber, category: try row.decode(column: "category", as: String.self),
                recognisedOn: try row.decode(column: "recognised_on", as: String.self),
                endedOn: try row.decode(column: "ended_on", as: String?.self), endReason: try row.decode(column: "end_reason", as: String?.self))
        }
    }

    @Sendable static func recognise(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try TrainingRegistryQueries.county(of: staff)
        let form = try req.content.decode(Form.self)
        let today = req.jiujinban.clock.today
        // The ID number is not shown again: a refused form asks for it afresh, as the counter's search does.
        let shown = HardshipPage.Values(category: form.category ?? "", recognisedOn: form.recognised_on ?? "")
        var errors = FieldErrors()
        var citizen: CitizenRecord?
        switch ResidentIDNumber.parse(form.id_number ?? "", today: today) {
        case .failure(let problem): errors.add("id_number", problem.message)
        case .success(let idNumber):
            if let found = try await CitizenRegistry.find(idNumber, cipher: req.jiujinban.cipher, on: req.db), lives(found, in: county) {
                citizen = found
            } else {
                errors.add("id_number", "身份证号码：本县办事群众中没有此人（户籍地或居住地须在本县），请先在服务点登记其基本信息")
            }
        }
        let parsed = HardshipRecognitionDraft.parse(category: form.category, recognisedOn: form.recognised_on, today: today)
        if case .failure(let found) = parsed { found.problems.forEach { errors.add($0.field, $0.message) } }
        if let citizen, try await active(of: try citizen.requireID(), on: req.db) != nil {
            errors.add("id_number", "此人已有有效的就业困难人员认定，请先在下方列表中终止原认定")
        }
        guard errors.isEmpty, let citizen, case .success(let draft) = parsed else {
            return try await page(req, county, form: shown, errors: errors, status: .unprocessableEntity)
        }
        let id = UUID(), citizenID = try citizen.requireID()
        try await req.write { db in
            let record = HardshipRecognitionRecord()
            record.id = id
            record.citizenID = citizenID
            record.countyCode = county.value
            record.category = draft.category
            record.recognisedOn = draft.recognisedOn.iso
            record.recognisedBy = staff.account.id
            try await record.create(on: db)
            try await req.audit(AuditEvent("hardship.recognise", objectType: "citizen", objectID: citizenID.uuidString.lowercased(),
                                           detail: "就业困难人员认定：\(draft.category)，\(draft.recognisedOn.iso)"), on: db)
        }
        return HTMLResponse.seeOther(.hardshipRecognitions, notice: TrainingNotices.hardshipRecognised, on: req)
    }

    struct EndForm: Content {
        var end_reason: String?
    }

    @Sendable static func end(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let county = try TrainingRegistryQueries.county(of: staff)
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let recognition = try await HardshipRecognitionRecord.find(id, on: req.db) else {
            throw PublicError.notFound("该认定记录")
        }
        guard recognition.countyCode == county.value else {
            throw OutOfScope("该认定记录", objectType: "hardship_recognition", id: id, answer: PublicError(.forbidden, "只能终止本县的认定"))
        }
        guard recognition.endedOn == nil else { throw PublicError(.conflict, "该认定已于\(recognition.endedOn ?? "")终止") }
        let reason: String
        switch HardshipRecognitionDraft.endReason(try req.content.decode(EndForm.self).end_reason) {
        case .success(let value): reason = value
        case .failure(let errors):
            return try await page(req, county, form: HardshipPage.Values(recognisedOn: req.jiujinban.clock.today.iso), errors: FieldErrors(),
                                  endErrors: [id: errors.problems.first?.message ?? ""], status: .unprocessableEntity)
        }
        let today = req.jiujinban.clock.today.iso
        try await req.write { db in
            // Only one in force is ended: of two ends at once, one writes.
            let ended = try await (db as! any SQLDatabase).raw("""
                UPDATE hardship_recognitions SET ended_on = \(bind: today), ended_by = \(bind: staff.account.id), end_reason = \(bind: reason)
                WHERE id = \(bind: id) AND ended_on IS NULL RETURNING id
                """).all()
            guard ended.count == 1 else { throw PublicError(.conflict, "该认定已终止") }
            try await req.audit(AuditEvent("hardship.end", objectType: "citizen", objectID: recognition.citizenID.uuidString.lowercased(),
                                           detail: "终止就业困难人员认定（\(recognition.category)）：\(reason)"), on: db)
        }
        return HTMLResponse.seeOther(.hardshipRecognitions, notice: TrainingNotices.hardshipEnded, on: req)
    }

    /// A registered citizen of the county: registered or living there.
    static func lives(_ citizen: CitizenRecord, in county: DivisionCode) -> Bool {
        [citizen.hukouDivisionCode, citizen.residenceDivisionCode].contains { (try? DivisionCode($0)).map(county.contains) ?? false }
    }

    static func active(of citizen: UUID, on db: any Database) async throws -> HardshipRecognitionRecord? {
        try await HardshipRecognitionRecord.query(on: db).filter(\.$citizenID == citizen).filter(\.$endedOn == nil).first()
    }
}
