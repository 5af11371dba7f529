import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 办事群众 at the counter: type or scan the ID number (a card reader types it like a keyboard), and the person's
/// page opens; someone new is registered once. The ID number travels in POST bodies only, never in a URL, and every
/// view of a person's data is audited.
enum CitizensController {
    static func register(_ app: Application) {
        app.get(.citizens, .capability(.serveCitizens), use: lookupPage)
        app.post(.citizenLookup, .capability(.serveCitizens), use: lookup)
        app.post(.registerCitizen, .capability(.serveCitizens), use: register)
        app.get(.newCitizen(), .capability(.serveCitizens), use: newCitizen)
        app.get(.citizen(id: UUID()), .capability(.serveCitizens), use: show)
        app.post(.revealCitizen(id: UUID()), .capability(.serveCitizens), use: reveal)
        app.post(.concealCitizen(id: UUID()), .capability(.serveCitizens), use: conceal)
    }

    struct LookupForm: Content {
        var id_number: String?
        /// The item the search was started for (a service guide's 受理), kept through lookup and registration.
        var item: String?
    }

    @Sendable static func lookupPage(_ req: Request) async throws -> Response {
        req.startingItem = try startingItem(try? req.query.get(String.self, at: "item"), req: req)
        return HTMLResponse.make(CitizenLookupPage.render(idNumber: nil, errors: FieldErrors(), context: searchContext(req)))
    }

    /// The page context of the search's pages, with the item it was started for.
    static func searchContext(_ req: Request) -> PageContext {
        var context = PageContext(req)
        context.startingItem = req.startingItem
        return context
    }

    /// The item a search was started for, when it exists, is offered at the counter and the user may accept it;
    /// anything else is ignored and the search opens the person's page as usual.
    static func startingItem(_ raw: String?, req: Request) throws -> ServiceCatalogue.Item? {
        let staff = try req.requireStaff()
        guard let seq = raw.flatMap({ Int(TextField.clean($0)) }),
              let item = req.jiujinban.catalogue.items.first(where: { $0.seq == seq }), item.channels.contains(.counter),
              CaseFile.mayAccept(staff.account, item: seq, grants: staff.grants).isAllowed else { return nil }
        return item
    }

    /// Finds the person by exact ID number and shows their page; an unknown person gets the registration form with
    /// the number filled in.
    @Sendable static func lookup(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(LookupForm.self)
        req.startingItem = try startingItem(form.item, req: req)
        let parsed = ResidentIDNumber.parse(form.id_number ?? "", today: req.jiujinban.clock.today)
        guard case .success(let idNumber) = parsed else {
            var errors = FieldErrors()
            if case .failure(let problem) = parsed { errors.add("id_number", problem.message) }
            return HTMLResponse.make(CitizenLookupPage.render(idNumber: form.id_number, errors: errors, context: searchContext(req)),
                                     status: .unprocessableEntity)
        }
        guard let record = try await CitizenRegistry.find(idNumber, cipher: req.jiujinban.cipher, on: req.db) else {
            // Post/redirect/get: the number typed is held for this session, sealed, and the registration form is a
            // page of its own, so a refresh neither resubmits nor records a second lookup.
            let sealed = try req.jiujinban.cipher.seal(idNumber.value, context: CitizenCrypto.idNumberContext)
            let now = req.jiujinban.clock.now()
            try await req.write { db in
                try await req.audit(AuditEvent("citizen.lookup", objectType: "citizen", detail: "未找到"), on: db)
                try await HeldUploads.hold([HeldUpload(field: "id_number", filename: "", bytes: Array(sealed.utf8))],
                                           key: Self.pendingRegistration, session: staff.sessionHash, at: now, on: db)
            }
            return HTMLResponse.seeOther(.newCitizen(item: req.startingItem?.seq), notice: CitizenNotices.notFound, on: req)
        }
        return try await found(req, record, action: "citizen.lookup", staff: staff, notice: CitizenNotices.found)
    }

    /// Where a search that found no one holds the number typed, for the registration form it leads to.
    static let pendingRegistration = "citizen_registration"

    /// 登记: the registration form, with the number the last search of this session did not find.
    @Sendable static func newCitizen(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        req.startingItem = try startingItem(try? req.query.get(String.self, at: "item"), req: req)
        let held = try await HeldUploads.held(key: pendingRegistration, session: staff.sessionHash, now: req.jiujinban.clock.now(),
                                              on: req.db).first
        let idNumber = held.flatMap { try? req.jiujinban.cipher.open(String(decoding: $0.bytes, as: UTF8.self),
                                                                      context: CitizenCrypto.idNumberContext) }
        return try await CitizenFormPage.respond(req, draft: CitizenDraft(idNumber: idNumber), errors: FieldErrors(),
                                                 notice: idNumber.flatMap { try? ResidentIDNumber.parse($0, today: req.jiujinban.clock.today).get() }
                                                     .map { "身份证号码 \($0.masked) 尚未登记，请核对后填写以下信息。" },
                                                 status: .ok, fresh: true)
    }

    /// Records that `staff` found the person by the full ID number (audited as `action`, and the lookup that lets
    /// them act for the person for a while, `CitizenScope`), then sends the browser on (post/redirect/get): to the
    /// item's form when the search was started for one, else to the person's page, which records the view itself.
    static func found(_ req: Request, _ record: CitizenRecord, action: String, staff: SignedInStaff, notice: PageNotice)
        async throws -> Response {
        let id = try record.requireID()
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            try await req.audit(AuditEvent(action, objectType: "citizen", objectID: id.uuidString), on: db)
            try await CitizenAccess.recordLookup(of: id, by: staff.account.id, at: now, on: db)
        }
        if let item = req.startingItem {
            return HTMLResponse.seeOther(.newCase(citizen: id, item: item.seq), notice: CitizenNotices.foundForItem, on: req)
        }
        return HTMLResponse.seeOther(.citizen(id: id), notice: notice, on: req)
    }

    struct RegistrationForm: Content {
        var id_number: String?
        var name: String?
        var phone: String?
        var hukou_division: String?
        var residence_division: String?
        var ethnicity: String?
        var card_number: String?
        var item: String?

        var draft: CitizenDraft {
            CitizenDraft(idNumber: id_number, name: name, phone: phone, hukouDivision: hukou_division,
                         residenceDivision: residence_division, ethnicity: ethnicity, cardNumber: card_number)
        }
    }

    @Sendable static func register(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let submitted = try req.content.decode(RegistrationForm.self)
        let draft = submitted.draft
        req.startingItem = try startingItem(submitted.item, req: req)
        let levels = try await divisionLevels([draft.hukouDivision, draft.residenceDivision], on: req.db)
        let services = req.jiujinban
        let facts: CitizenFacts
        switch draft.validate(today: services.clock.today, divisionLevel: { levels[$0.value] }) {
        case .success(let value): facts = value
        case .failure(let errors):
            return try await CitizenFormPage.respond(req, draft: draft, errors: errors, notice: nil, status: .unprocessableEntity)
        }
        let now = services.clock.now()
        let outcome: (UUID, Bool)
        do {
            outcome = try await req.write { db -> (UUID, Bool) in
                // One record per person: a second registration of the same number opens the first.
                if let existing = try await CitizenRegistry.find(facts.idNumber, cipher: services.cipher, on: db) {
                    return (try existing.requireID(), false)
                }
                let id = try await CitizenRegistry.register(facts, by: staff.account.id, at: now, cipher: services.cipher, on: db)
                try await HeldUploads.release(key: Self.pendingRegistration, session: staff.sessionHash, on: db)
                try await req.audit(AuditEvent("citizen.register", objectType: "citizen", objectID: id.uuidString), on: db)
                // Typed in full: the registering user may act for the person wherever they live (`CitizenScope`).
                try await CitizenAccess.recordLookup(of: id, by: staff.account.id, at: now, on: db)
                return (id, true)
            }
        } catch let error where !(error is any AbortError) {
            // On PostgreSQL another instance may insert the same person between our check and our insert: the unique
            // index refuses the second, which then opens the first.
            guard let existing = try await CitizenRegistry.find(facts.idNumber, cipher: services.cipher, on: req.db) else { throw error }
            outcome = (try existing.requireID(), false)
        }
        // A number registered before is opened like a lookup, never registered twice (S26).
        guard outcome.1 else {
            guard let record = try await CitizenRecord.find(id: outcome.0, on: req.db) else { throw PublicError.notFound("该办事群众") }
            return try await found(req, record, action: "citizen.lookup", staff: staff, notice: CitizenNotices.alreadyRegistered)
        }
        if let item = req.startingItem {
            return HTMLResponse.seeOther(.newCase(citizen: outcome.0, item: item.seq), notice: CitizenNotices.registeredForItem, on: req)
        }
        return HTMLResponse.seeOther(.citizen(id: outcome.0), notice: CitizenNotices.registered, on: req)
    }

    /// A person's page by its id, for the users `CitizenScope` admits: masked, or with the full values while the
    /// session's 显示完整信息 grant on this person holds (`RevealGrant`).
    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await CitizenAccess.require(req.parameters.get("id"), req: req)
        let id = try record.requireID()
        let now = req.jiujinban.clock.now()
        let grant = staff.revealGrant.flatMap { $0.reveals(id, at: now) ? $0 : nil }
        // A view within the grant says so: the trail shows every page that carried the full values.
        return try await respondWithPerson(
            req, record, revealedUntil: grant?.until, staff: staff,
            audit: AuditEvent("citizen.view", objectType: "citizen", objectID: id.uuidString,
                              detail: grant == nil ? "" : "显示完整信息"))
    }

    /// 显示完整信息: recorded in the audit trail with the grant it gives this session, then the person's page by a
    /// redirect, so a refresh shows the page again rather than resubmitting.
    @Sendable static func reveal(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await CitizenAccess.require(req.parameters.get("id"), req: req)
        let id = try record.requireID()
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            try await RevealGrant.grant(id, session: staff.sessionHash, at: now, on: db)
            try await req.audit(AuditEvent("citizen.reveal", objectType: "citizen", objectID: id.uuidString), on: db)
        }
        return HTMLResponse.seeOther(.citizen(id: id), notice: CitizenNotices.revealed, on: req)
    }

    /// 恢复脱敏: the session's grant ends before its time.
    @Sendable static func conceal(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await CitizenAccess.require(req.parameters.get("id"), req: req)
        let id = try record.requireID()
        try await req.write { db in
            try await RevealGrant.end(session: staff.sessionHash, on: db)
            try await req.audit(AuditEvent("citizen.conceal", objectType: "citizen", objectID: id.uuidString), on: db)
        }
        return HTMLResponse.seeOther(.citizen(id: id), notice: CitizenNotices.concealed, on: req)
    }

    /// The person's page, its showing audited as `audit`; with the full values until `revealedUntil`, if given.
    static func respondWithPerson(
        _ req: Request, _ record: CitizenRecord, revealedUntil: Date?, staff: SignedInStaff, audit: AuditEvent
    ) async throws -> Response {
        let view = try await CitizenRegistry.view(record, revealedUntil: revealedUntil, req: req)
        try await req.write { db in try await req.audit(audit, on: db) }
        let catalogue = req.jiujinban.catalogue
        let names = Dictionary(uniqueKeysWithValues: catalogue.items.map { ($0.seq, $0.name) })
        // Every case of the person, across items and points; the ones outside the user's scope are listed, not opened.
        let rows = try await (req.db as! any SQLDatabase).raw("""
            SELECT id, number, item_seq, accepted_on, state, service_point_id, division_code FROM cases
            WHERE citizen_id = \(bind: view.id) ORDER BY accepted_at DESC
            """).all()
        let cases = try rows.map { row in
            let state = try row.decode(column: "state", as: String.self)
            let point = try row.decode(column: "service_point_id", as: UUID.self)
            let division = try? DivisionCode(try row.decode(column: "division_code", as: String.self))
            let visible = division.map { staff.scope.covers(servicePoint: point, in: $0) } ?? false
            let item = try row.decode(column: "item_seq", as: Int.self)
            return CitizenPage.CaseLine(
                id: try row.decode(column: "id", as: UUID.self), number: try row.decode(column: "number", as: String.self),
                itemSeq: item, itemName: names[item] ?? "", acceptedOn: try row.decode(column: "accepted_on", as: String.self),
                state: CaseFile.State(rawValue: state)?.label ?? state, isFinal: CaseFile.State(rawValue: state)?.isFinal ?? true,
                visible: visible)
        }
        let services = CitizenServices.build(citizen: view.id, catalogue: catalogue, cases: cases) {
            $0.channels.contains(.counter) && CaseFile.mayAccept(staff.account, item: $0.seq, grants: staff.grants).isAllowed
        }
        return HTMLResponse.make(CitizenPage.render(view, cases: cases, services: services, context: PageContext(req)))
    }

    /// The levels of the given division codes that exist in the tree.
    static func divisionLevels(_ codes: [String?], on db: any Database) async throws -> [String: DivisionLevel] {
        let wanted = codes.compactMap { $0.map(TextField.clean) }.filter { !$0.isEmpty }
        guard !wanted.isEmpty else { return [:] }
        let divisions = try await Division.query(on: db).filter(\.$id ~~ wanted).all()
        return Dictionary(divisions.compactMap { division in
            division.id.flatMap { id in DivisionLevel(rawValue: division.level).map { (id, $0) } }
        }, uniquingKeysWith: { first, _ in first })
    }
}

extension Request {
    private struct StartingItemKey: StorageKey { typealias Value = ServiceCatalogue.Item }

    /// The item a counter search was started for (`CitizensController.startingItem`), for the pages of the search.
    var startingItem: ServiceCatalogue.Item? {
        get { storage[StartingItemKey.self] }
        set {
            storage[StartingItemKey.self] = newValue
        }
    }
}
