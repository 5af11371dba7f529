import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 提交申请单: a service point (operators) or a county department (its administrators) files the form. The rules
/// validate every field (`AccountApplicationDraft`) and decide whether this user may file (`AccountApplication.file`);
/// the number is allocated in the same transaction as the insert, so it is never skipped or repeated.
enum ApplicationFiling {
    static let maximumRows = 10

    struct Form: Content {
        var contact_name: String?
        var contact_phone: String?
        /// Rows by their form index (`items[0][kind]`); rows without a kind are blank and ignored.
        var items: [String: Row]?
        /// Set by the 增加一项 button: show the form again with one more row, save nothing.
        var more: String?

        var filledRows: [Row] {
            (items ?? [:]).compactMap { key, row in Int(key).map { ($0, row) } }
                .sorted { $0.0 < $1.0 }.map(\.1)
                .filter { !TextField.clean($0.kind).isEmpty }
        }
    }

    struct Row: Content {
        var kind: String?
        var name: String?
        var id_number: String?
        var phone: String?
        var post: String?
        var account: String?
        var grants: [String]?
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let decoded = try req.content.decode(Form.self)
        // The rows are renumbered without the blank ones, so the messages point at the rows shown again.
        var form = decoded
        let rows = decoded.filledRows
        form.items = Dictionary(uniqueKeysWithValues: rows.enumerated().map { (String($0.offset), $0.element) })
        if decoded.more == "1" {
            return try await ApplicationFormPage.respond(req, form: form, rows: min(rows.count + 1, maximumRows),
                                                         errors: FieldErrors(), status: .ok)
        }
        if rows.count > maximumRows {
            var errors = FieldErrors()
            errors.add("items", "一张申请单最多填写\(maximumRows)项申请事项")
            return try await ApplicationFormPage.respond(req, form: form, rows: rows.count, errors: errors, status: .unprocessableEntity)
        }
        let services = req.jiujinban
        let accounts = try await ApplicationFormPage.changeableAccounts(of: staff.account.unit, on: req.db)
        var errors = FieldErrors()
        var drafts: [RequestedItemDraft] = []
        for (index, row) in rows.enumerated() {
            let account = accounts.first { $0.account.id.uuidString.lowercased() == TextField.clean(row.account).lowercased() }?.account
            switch RequestedItem.Kind(rawValue: TextField.clean(row.kind)) {
            case .newAccount?:
                drafts.append(.newAccount(NewAccountDraft(name: row.name, idNumber: row.id_number, phone: row.phone,
                                                          post: row.post, unit: staff.account.unit)))
            case .freeze?: drafts.append(.freeze(account))
            case .unlock?: drafts.append(.unlock(account))
            case .deactivate?: drafts.append(.deactivate(account))
            case .changePermissions?:
                drafts.append(.changePermissions(account, grants: Set((row.grants ?? []).compactMap(AccountsController.parseGrant))))
            case nil:
                errors.add("items[\(index)][kind]", "请选择申请事项")
            }
        }
        let draft = AccountApplicationDraft(contactName: form.contact_name, contactPhone: form.contact_phone, items: drafts)
        let validated = draft.validate(applicant: staff.account.unit, today: services.clock.today, catalogue: services.catalogue)
        if case .failure(let problems) = validated {
            for problem in problems.problems { errors.add(problem.field, problem.message) }
        }
        guard errors.isEmpty, case .success(let request) = validated else {
            return try await ApplicationFormPage.respond(req, form: form, rows: max(rows.count, 1), errors: numbered(errors),
                                                         status: .unprocessableEntity)
        }
        let now = services.clock.now()
        let year = services.clock.today.year
        guard let county = staff.account.unit.county else { throw PublicError(.forbidden, Refusal.cannotFile.message) }
        let unitName = staff.unitName
        // Whether this user may file does not depend on the number: asked first, so a refusal uses none up.
        if let provisional = ApplicationNumber(county: county, year: year, sequence: 1),
           case .failure(let refusal) = AccountApplication.file(request, number: provisional, by: staff.account) {
            try await req.write { db in
                try await req.audit(AuditEvent("account_application.file", objectType: "account_application", objectID: nil,
                                               result: .denied, detail: refusal.message), on: db)
            }
            throw PublicError(.forbidden, refusal.message)
        }
        let id = try await req.write { db -> UUID in
            let sequence = try await SequenceAllocator.next("account_application:\(county.countyCode):\(year)", on: db)
            guard let number = ApplicationNumber(county: county, year: year, sequence: sequence) else {
                throw PublicError(.conflict, "本县本年度申请单编号已用完")
            }
            let application: AccountApplication
            switch AccountApplication.file(request, number: number, by: staff.account) {
            case .success(let filed): application = filed
            case .failure(let refusal): throw PublicError(.forbidden, refusal.message)
            }
            let content = ApplicationContent(request)
            let record = AccountApplicationRecord()
            let id = UUID()
            record.id = id
            record.number = number.text
            record.countyCode = county.countyCode
            record.year = year
            record.flow = application.flow.rawValue
            record.applicantUnitKey = AccountRecord.key(of: request.applicant)
            record.applicantDivisionCode = request.applicant.divisionCode.value
            record.applicantUnitName = unitName
            record.contactName = request.contactName
            record.contactPhoneSealed = try services.cipher.seal(request.contactPhone.value, context: ApplicationContent.phoneContext)
            record.contentSealed = try content.sealed(with: services.cipher)
            record.itemSummary = content.summary
            record.filedByAccount = staff.account.id
            record.filedByPerson = staff.account.personID
            record.filedAt = now
            record.apply(application, at: now)
            try await record.create(on: db)
            try await AccountApplicationStep(applicationID: id, at: now, actor: staff, action: "file", comment: nil).create(on: db)
            try await req.audit(AuditEvent("account_application.file", objectType: "account_application",
                                           objectID: number.text, detail: content.summary), on: db)
            try await ApplicationNotices.after(nil, application, loaded: nil, id: id, at: now, on: db)
            return id
        }
        return HTMLResponse.seeOther(.accountApplication(id: id), notice: ApplicationPageNotices.filed, on: req)
    }

    /// Item fields named in Chinese with their row: `第2项：请填写姓名`.
    static func numbered(_ errors: FieldErrors) -> FieldErrors {
        var result = FieldErrors()
        for problem in errors.problems {
            if problem.field.hasPrefix("items["), let close = problem.field.firstIndex(of: "]"),
               let index = Int(problem.field[problem.field.index(problem.field.startIndex, offsetBy: 6)..<close]) {
                result.add(problem.field, "第\(index + 1)项申请事项：\(problem.message)")
            } else {
                result.add(problem.field, problem.message)
            }
        }
        return result
    }
}
