import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 账号管理 (attachment 3, articles 4–7): system administrators create accounts and freeze, unlock or
/// deactivate them; business administrators grant item permissions. Every decision is the rules' (`AccountPolicy`,
/// `PermissionPolicy`); every change ends the account's sessions and is audited.
enum AccountsController {
    static func register(_ app: Application) {
        app.get(.accounts, .capability(.reviewAccountStatus), use: index)
        app.get(.newAccount, .capability(.manageAccounts), use: newForm)
        app.post(.accounts, .capability(.manageAccounts), use: create)
        app.get(.account(id: UUID()), .capability(.reviewAccountStatus), use: show)
        app.post(.accountStatus(id: UUID()), .capability(.manageAccounts), use: changeStatus)
        app.post(.accountGrants(id: UUID()), .capability(.grantItemPermissions), use: setGrants)
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let accounts = try await AccountQueries.list(in: staff.scopeRoot, on: req.db, cipher: req.jiujinban.cipher)
        return HTMLResponse.make(AccountListPage.render(accounts, context: PageContext(req)))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let summary = try await load(req)
        return try await AccountDetailPage.respond(req, summary, errors: FieldErrors(), status: .ok)
    }

    @Sendable static func newForm(_ req: Request) async throws -> Response {
        try await AccountFormPage.respond(req, form: NewAccountForm(), errors: FieldErrors(), status: .ok)
    }

    struct NewAccountForm: Content {
        var name: String?
        var id_number: String?
        var phone: String?
        var post: String?
        var unit: String?
        /// `lookup`: only list the accounts of the person with this ID number.
        var action: String?
    }

    /// A refusal met inside the write: the transaction is rolled back and the form shown again.
    struct CreationRefused: Error {
        let refusal: Refusal
    }

    /// 新增账号. The person may already hold accounts in other units: the one-person-several-accounts rule
    /// (`PersonPosts`, through `AccountPolicy.mayCreate`) is checked inside the write, after the person's row is
    /// locked, so two creations for one person at once cannot both pass it.
    @Sendable static func create(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(NewAccountForm.self)
        let services = req.jiujinban
        var errors = FieldErrors()
        var idNumber: ResidentIDNumber?
        switch ResidentIDNumber.parse(form.id_number ?? "", today: services.clock.today) {
        case .success(let parsed): idNumber = parsed
        case .failure(let error): errors.add("id_number", error.message)
        }
        if form.action == "lookup" { return try await lookUp(req, form: form, idNumber: idNumber, errors: errors) }
        let name = PersonName.validate(form.name, field: "name", into: &errors)
        if case .failure(let error) = MobilePhoneNumber.parse(form.phone ?? "") { errors.add("phone", error.message) }
        let post = Post(rawValue: form.post ?? "")
        if post == nil { errors.add("post", "请选择岗位") }
        let unit = try await AccountQueries.unit(fromKey: form.unit ?? "", on: req.db)
        if unit == nil || !(unit.map { staff.mayWrite(in: $0.divisionCode) } ?? false) { errors.add("unit", "请选择您管辖范围内的单位") }
        guard errors.isEmpty, let idNumber, let post, let unit else {
            return try await AccountFormPage.respond(req, form: form, errors: errors, status: .unprocessableEntity,
                                                     person: try await listing(req, idNumber))
        }
        let index = services.cipher.blindIndex(idNumber.value, context: StaffCrypto.idNumberContext)
        let known = try await StaffPerson.query(on: req.db).filter(\.$idNumberIndex == index).first()
        // Post, unit, jurisdiction and own person first: they need no lock, and a refusal here writes nothing.
        let early = AccountPolicy.mayCreate(staff.account, AccountSubject(personID: try known?.requireID() ?? UUID(), post: post, unit: unit),
                                            route: .accountPage, otherAccountsOfPerson: [])
        do {
            if let refusal = early.refusal { throw CreationRefused(refusal: refusal) }
            let accountID = try await req.write { db in
                try await insert(req, by: staff, name: name, idNumber: idNumber, phone: form.phone ?? "", post: post, unit: unit, on: db)
            }
            return HTMLResponse.seeOther(.account(id: accountID), notice: AccountNotices.created, on: req)
        } catch let refused as CreationRefused {
            errors.add("post", refused.refusal.message)
            try await audit(req, "account.create", objectID: nil, result: .denied, detail: refused.refusal.message)
            // A conflict with the person's other accounts is a 409: the request was fine, the person's state is not.
            let status: HTTPResponseStatus = if case .personPosts = refused.refusal { .conflict } else { .unprocessableEntity }
            return try await AccountFormPage.respond(req, form: form, errors: errors, status: status,
                                                     person: try await listing(req, idNumber))
        }
    }

    /// Inside the write: the person (created if new) is locked, their accounts read, the rule applied, and only
    /// then the account stored and audited. A refusal throws `CreationRefused`, which rolls everything back.
    static func insert(
        _ req: Request, by staff: SignedInStaff, name: String, idNumber: ResidentIDNumber, phone: String, post: Post,
        unit: OrgUnit, on db: any Database
    ) async throws -> UUID {
        let services = req.jiujinban
        let person = try await StaffRegistry.person(name: name, idNumber: idNumber.value, phone: phone, isDemo: false,
                                                    today: services.clock.today, cipher: services.cipher, on: db)
        let held = try await PersonAccounts.held(ofPerson: person, on: db)
        let subject = AccountSubject(personID: person, post: post, unit: unit)
        if let refusal = AccountPolicy.mayCreate(staff.account, subject, route: .accountPage, otherAccountsOfPerson: held).refusal {
            throw CreationRefused(refusal: refusal)
        }
        let account = AccountRecord(personID: person, post: post, unit: unit, createdAt: services.clock.now())
        try await account.create(on: db)
        let accountID = try account.requireID()
        try await req.audit(AuditEvent("account.create", objectType: "account", objectID: accountID.uuidString, detail: post.label), on: db)
        return accountID
    }

    /// 查询此人已有账号: the accounts of the person with the ID number typed, before anything is created. Audited,
    /// since it tells whether an ID number belongs to staff.
    static func lookUp(_ req: Request, form: NewAccountForm, idNumber: ResidentIDNumber?, errors: FieldErrors) async throws -> Response {
        guard let idNumber, errors.isEmpty else {
            return try await AccountFormPage.respond(req, form: form, errors: errors, status: .unprocessableEntity)
        }
        let person = try await listing(req, idNumber)
        try await audit(req, "account.person_lookup", objectID: nil, result: .success,
                        detail: person.map { "\($0.maskedIDNumber)：\($0.accounts.count)个账号" } ?? "\(Masking.maskedIDNumber(idNumber.value))：无账号")
        return try await AccountFormPage.respond(req, form: form, errors: FieldErrors(), status: .ok, person: person,
                                                 lookedUp: true)
    }

    static func listing(_ req: Request, _ idNumber: ResidentIDNumber?) async throws -> PersonAccounts.Listing? {
        guard let idNumber else { return nil }
        return try await PersonAccounts.listing(idNumber: idNumber.value, on: req.db, cipher: req.jiujinban.cipher)
    }

    struct StatusForm: Content {
        var change: String?
        var reason: String?
    }

    @Sendable static func changeStatus(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let summary = try await load(req)
        let form = try req.content.decode(StatusForm.self)
        var errors = FieldErrors()
        let reason = TextField.required(form.reason, field: "reason", label: "原因", maxLength: 100, into: &errors)
        let typed = AccountDetailPage.Typed(change: form.change, reason: form.reason)
        guard let change = AccountStatus.Change(rawValue: form.change ?? ""), change != .idleLock else {
            errors.add("change", "请选择操作：冻结、解锁或注销")
            return try await AccountDetailPage.respond(req, summary, errors: errors, typed: typed, status: .unprocessableEntity)
        }
        if let refusal = AccountPolicy.mayChangeStatus(staff.account, of: summary.account, change).refusal {
            errors.add("change", refusal.message)
            try await audit(req, "account.\(change.rawValue)", objectID: summary.account.id, result: .denied, detail: refusal.message)
        }
        guard errors.isEmpty, let next = summary.account.status.applying(change) else {
            return try await AccountDetailPage.respond(req, summary, errors: errors, typed: typed, status: .unprocessableEntity)
        }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            guard let record = try await AccountRecord.find(summary.account.id, on: db) else { throw PublicError.notFound("该账号") }
            record.status = next.rawValue
            record.statusReason = reason
            if change == .unlock {
                record.lastUnlockedAt = now
                record.leakReportedAt = nil
            }
            try await record.update(on: db)
            // Freezing, locking or deactivating ends the account's sessions at once (S06).
            try await StaffDirectory.endSessions(of: summary.account.id, on: db)
            try await req.audit(AuditEvent("account.\(change.rawValue)", objectType: "account",
                                           objectID: summary.account.id.uuidString, detail: reason), on: db)
        }
        return HTMLResponse.seeOther(.account(id: summary.account.id), notice: AccountNotices.statusChanged, on: req)
    }

    /// 角色关联和赋权限 (article 5): the managing business admin associates the account's role and sets its item
    /// permissions (and an expert's business areas) in one step; clearing idle rights is the same form with fewer
    /// ticks.
    static let grantsShownMarker = "grants_shown"
    static let areasShownMarker = "areas_shown"

    /// The boxes a permission form shows, as its marker says them.
    static func marker(_ ceiling: Set<ItemPermission>) -> String {
        ceiling.map(\.description).sorted().joined(separator: ",")
    }

    @Sendable static func setGrants(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let summary = try await load(req)
        // Absent boxes mean "not ticked" only on the form as drawn: without its marker nothing is cleared.
        let ceiling = PermissionPolicy.ceiling(post: summary.account.post, unit: summary.account.unit, catalogue: req.jiujinban.catalogue)
        try CompleteForm.requireMarker(req, grantsShownMarker, listing: ceiling.map(\.description), label: "业务权限")
        if summary.account.post == .expert {
            try CompleteForm.requireMarker(req, areasShownMarker, listing: BusinessArea.allCases.map(\.rawValue), label: "业务领域")
        }
        let chosen = Set(((try? req.content.get([String].self, at: "grants")) ?? []).compactMap(parseGrant))
        let areas = Set(((try? req.content.get([String].self, at: "areas")) ?? []).compactMap(BusinessArea.init(rawValue:)))
        let catalogue = req.jiujinban.catalogue
        var decision = PermissionPolicy.maySetGrants(staff.account, chosen, for: summary.account, catalogue: catalogue)
        if summary.account.post == .expert {
            decision = decision.then { PermissionPolicy.mayAssignBusinessAreas(staff.account, areas, to: summary.account) }
        }
        if let refusal = decision.refusal {
            var errors = FieldErrors()
            errors.add(summary.account.post == .expert ? "areas" : "grants", refusal.message)
            try await audit(req, "account.grants", objectID: summary.account.id, result: .denied, detail: refusal.message)
            return try await AccountDetailPage.respond(req, summary, errors: errors,
                                                       typed: AccountDetailPage.Typed(grants: chosen, areas: areas), status: .unprocessableEntity)
        }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            guard let record = try await AccountRecord.find(summary.account.id, on: db) else { throw PublicError.notFound("该账号") }
            if record.roleAssociatedAt == nil {
                record.roleAssociatedAt = now
                record.roleAssociatedBy = staff.account.id
                try await record.update(on: db)
            }
            try await StaffRegistry.setGrants(chosen, of: summary.account.id, on: db)
            if summary.account.post == .expert { try await StaffRegistry.setAreas(areas, of: summary.account.id, on: db) }
            // A change of rights applies at once: the account signs in again with its new rights (S06).
            try await StaffDirectory.endSessions(of: summary.account.id, on: db)
            var detail = "关联角色\(summary.account.post.label)；权限："
                + (chosen.isEmpty ? "无" : chosen.sorted().map(\.description).joined(separator: ","))
            if summary.account.post == .expert { detail += "；业务领域：" + areas.map(\.label).sorted().joined(separator: "、") }
            try await req.audit(AuditEvent("account.grants", objectType: "account", objectID: summary.account.id.uuidString,
                                           detail: detail), on: db)
        }
        return HTMLResponse.seeOther(.account(id: summary.account.id), notice: AccountNotices.grantsSaved, on: req)
    }

    /// `handle:3` → 第3项 经办
    static func parseGrant(_ text: String) -> ItemPermission? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let action = ItemPermission.Action(rawValue: String(parts[0])), let item = Int(parts[1]) else { return nil }
        return ItemPermission(item: item, action: action)
    }

    /// An account outside the administrator's subtree answers like a missing one (S13).
    static func load(_ req: Request) async throws -> AccountSummary {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let summary = try await AccountQueries.find(id, on: req.db, cipher: req.jiujinban.cipher) else {
            throw PublicError.notFound("该账号")
        }
        guard staff.mayWrite(in: summary.account.unit.divisionCode) else { throw OutOfScope("该账号", objectType: "account", id: id) }
        return summary
    }

    static func audit(_ req: Request, _ action: String, objectID: UUID?, result: AuditResult, detail: String) async throws {
        try await req.write { db in
            try await req.audit(AuditEvent(action, objectType: "account", objectID: objectID?.uuidString, result: result,
                                           detail: detail), on: db)
        }
    }
}
