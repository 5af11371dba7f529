import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 《就业创业证》 (item 13): the card of a person with its registrations and their endings, and ending an active
/// registration with one of the reasons of domain-rules §3 (audited). The card is shown to whoever may serve the
/// person (`CitizenScope`: where they live or are registered, or found by their ID number within 30 minutes).
enum RegistrationsController {
    static func register(_ app: Application) {
        app.get(.employmentCard(citizen: UUID()), .capability(.serveCitizens), use: card)
        app.post(.endEmploymentRegistration(id: UUID()), .capability(.serveCitizens), use: end)
    }

    @Sendable static func card(_ req: Request) async throws -> Response {
        let (citizen, history) = try await load(req, citizen: req.parameters.get("citizen").flatMap(UUID.init(uuidString:)))
        let id = try citizen.requireID()
        try await req.write { db in
            try await req.audit(AuditEvent("employment_card.view", objectType: "citizen", objectID: id.uuidString.lowercased()), on: db)
        }
        return try await respond(req, citizen: citizen, history: history, errors: FieldErrors(), status: .ok)
    }

    struct EndForm: Content {
        var reason: String?
    }

    @Sendable static func end(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let registration = try await EmploymentRegistrationRecord.find(id, on: req.db), let kind = registration.kindValue else {
            throw PublicError.notFound("该登记")
        }
        let (citizen, history) = try await load(req, citizen: registration.citizenID)
        let objectID = id.uuidString.lowercased()
        guard mayEnd(kind, staff) else {
            try await req.write { db in
                try await req.audit(AuditEvent("employment_registration.end", objectType: "employment_registration", objectID: objectID,
                                               result: .denied, detail: "无\(kind.label)的办理或审核权限"), on: db)
            }
            throw PublicError(.forbidden, "您没有\(kind.label)的办理或审核权限，不能终止该登记")
        }
        guard registration.isActive, let started = CalendarDate(iso: registration.startedOn) else {
            throw PublicError(.conflict, "该登记已于\(registration.endedOn ?? "")终止，请刷新页面后查看")
        }
        let today = req.jiujinban.clock.today
        let reason: RegistrationEndReason
        switch RegistrationEndReason.validate(try req.content.decode(EndForm.self).reason, kind: kind, startedOn: started, today: today) {
        case .success(let value): reason = value
        case .failure(let errors):
            return try await respond(req, citizen: citizen, history: history, errors: errors, status: .unprocessableEntity)
        }
        let now = req.jiujinban.clock.now()
        try await req.write { db in
            // Ended by someone else meanwhile: the second ending is refused, the first reason kept.
            guard let current = try await EmploymentRegistrationRecord.find(id, on: db), current.isActive else {
                throw PublicError(.conflict, "该登记已由他人终止，请刷新页面后查看")
            }
            try await EmploymentRegistry.end(current, reason: reason, on: today, by: staff.account.id, at: now, on: db)
            try await req.audit(AuditEvent("employment_registration.end", objectType: "employment_registration", objectID: objectID,
                                           detail: "\(kind.label)终止：\(reason.label)"), on: db)
        }
        return HTMLResponse.seeOther(.employmentCard(citizen: registration.citizenID), notice: RegistrationNotices.ended, on: req)
    }

    /// An operator who handles the item, or a county reviewer who reviews it.
    static func mayEnd(_ kind: EmploymentRegistrationKind, _ staff: SignedInStaff) -> Bool {
        let seq = kind == .flexible ? FlexibleEmploymentItem.seq : UnemploymentRegistrationItem.seq
        return staff.may(.handle(item: seq)) || staff.may(.review(item: seq))
    }

    /// The person (under `CitizenScope`) and their registrations.
    static func load(_ req: Request, citizen id: UUID?) async throws -> (CitizenRecord, [EmploymentRegistrationRecord]) {
        let citizen = try await CitizenAccess.require(id, req: req)
        return (citizen, try await EmploymentRegistry.history(citizen: try citizen.requireID(), on: req.db))
    }

    static func respond(_ req: Request, citizen: CitizenRecord, history: [EmploymentRegistrationRecord], errors: FieldErrors,
                        status: HTTPStatus) async throws -> Response {
        let staff = try req.requireStaff()
        let id = try citizen.requireID()
        let card = try await EmploymentCardRecord.find(citizen: id, on: req.db)
        var numbers: [UUID: String] = [:]
        for record in try await CaseRecord.query(on: req.db).filter(\.$id ~~ history.map(\.caseID)).all() {
            if let caseID = record.id, CaseEngine.sees(record, staff) { numbers[caseID] = record.number }
        }
        let may = { (seq: Int) in CaseFile.mayAccept(staff.account, item: seq, grants: staff.grants).isAllowed }
        let view = try RegistrationQueries.card(
            citizen: citizen, card: card, history: history, caseNumbers: numbers,
            mayEnd: Set(EmploymentRegistrationKind.allCases.filter { mayEnd($0, staff) }),
            mayRegister: (flexible: may(FlexibleEmploymentItem.seq), unemployed: may(UnemploymentRegistrationItem.seq)),
            mayRecordQuery: may(EmploymentCardQueryItem.seq))
        return HTMLResponse.make(RegistrationPages.card(view, errors: errors, context: PageContext(req)), status: status)
    }
}
