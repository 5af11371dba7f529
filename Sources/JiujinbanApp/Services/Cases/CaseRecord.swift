import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 办件 as stored; `CaseFile` (rules) is its decision-making twin.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
package final class CaseRecord: Model, @unchecked Sendable {
    package static let schema = "cases"

    @ID(key: .id) package var id: UUID?
    @Field(key: "number") package var number: String
    @Field(key: "county_code") package var countyCode: String
    @Field(key: "accepted_on") package var acceptedOn: String
    @Field(key: "item_seq") package var itemSeq: Int
    @Field(key: "citizen_id") package var citizenID: UUID
    @Field(key: "service_point_id") package var servicePointID: UUID
    /// The accepting point's division, for data scope.
    @Field(key: "division_code") package var divisionCode: String
    @Field(key: "channel") package var channel: String
    /// The staff account that handled the case; none for a kiosk's, an interface client's or the platform's.
    @OptionalField(key: "handler_account") package var handlerAccount: UUID?
    @OptionalField(key: "handler_person") package var handlerPerson: UUID?
    /// `staff`, `kiosk`, `interface` or `platform` (`CaseActor.kindName`).
    @Field(key: "actor_kind") package var actorKind: String
    /// Who made it (`CaseActor.key`): a repeated submission is recognised per actor.
    @Field(key: "actor_key") package var actorKey: String
    /// Who made it, as the receipt names them (a kiosk's serial number, a client's name); empty for staff.
    @Field(key: "actor_label") package var actorLabel: String
    @Field(key: "accepted_at") package var acceptedAt: Date
    @OptionalField(key: "deadline") package var deadline: String?
    @Field(key: "deadline_provisional") package var deadlineProvisional: Bool
    @Field(key: "state") package var state: String
    @Field(key: "form_sealed") package var formSealed: String
    /// JSON list of the documents still missing (一次性告知).
    @OptionalField(key: "missing_documents") package var missingDocuments: String?
    @OptionalField(key: "decision_reason") package var decisionReason: String?
    @OptionalField(key: "reviewer_account") package var reviewerAccount: UUID?
    @OptionalField(key: "finished_at") package var finishedAt: Date?
    @Field(key: "submission_key") package var submissionKey: String
    @Field(key: "updated_at") package var updatedAt: Date

    package init() {}

    var stateValue: CaseFile.State? { CaseFile.State(rawValue: state) }

    var channelValue: CaseChannel { CaseChannel(rawValue: channel) ?? .counter }

    var missingList: [String] {
        missingDocuments.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
    }

    package static let formContext = "cases.form"
}

package final class CaseStep: Model, @unchecked Sendable {
    package static let schema = "case_steps"

    @ID(key: .id) package var id: UUID?
    @Field(key: "case_id") package var caseID: UUID
    @Field(key: "at") package var at: Date
    /// The staff account that took the step; none for a kiosk, an interface client or the platform.
    @OptionalField(key: "actor_account") package var actorAccount: UUID?
    @Field(key: "actor_kind") package var actorKind: String
    @Field(key: "actor_name") package var actorName: String
    @Field(key: "actor_post") package var actorPost: String
    @Field(key: "actor_unit_name") package var actorUnitName: String
    @Field(key: "action") package var action: String
    @OptionalField(key: "detail") package var detail: String?

    package init() {}
}

extension CaseStep {
    /// One step of the timeline, written as plain SQL (every acceptance writes one).
    static func insert(caseID: UUID, at: Date, actor: CaseActor, action: String, detail: String?, on sql: any SQLDatabase)
        async throws
    {
        try await sql.raw("""
            INSERT INTO case_steps (id, case_id, at, actor_account, actor_kind, actor_name, actor_post, actor_unit_name, action, detail)
            VALUES (\(bind: UUID()), \(bind: caseID), \(bind: at), \(bind: actor.staffAccount?.account.id), \(bind: actor.kindName),
                \(bind: actor.label), \(bind: actor.post), \(bind: actor.pointName), \(bind: action), \(bind: detail))
            """).run()
    }
}

/// The columns lists and statistics need, read as plain SQL: workbenches and statistics read hundreds to tens of
/// thousands of cases, where building a Fluent model per row would cost more than the query.
struct CaseSummary: Sendable {
    let id: UUID
    let number: String
    let itemSeq: Int
    let acceptedOn: String
    let deadline: String?
    let state: String
    let servicePointID: UUID
    let divisionCode: String
    let handlerAccount: UUID?
    let finishedAt: Date?
    /// Why it was refused, or why the core system returned it (shown beside a returned case's state).
    var decisionReason: String?
    /// The person's name masked (domain-rules §10) and the accepting point's name, read only for the lists that
    /// show them (`list(in:_:people:on:)`); empty otherwise.
    var maskedCitizenName = ""
    var pointName = ""

    var stateValue: CaseFile.State? { CaseFile.State(rawValue: state) }

    /// Which cases of a scope to read.
    enum Selection {
        /// Accepted on these dates (either end open).
        case acceptedBetween(CalendarDate?, CalendarDate?)
        /// Still open: waiting for review or for missing documents, whatever their age.
        case open
        /// Finished, the newest first, at most this many.
        case latestFinished(Int)
    }

    /// A case the core system returned is open again: it waits on its point's workbench.
    static let openStates = [CaseFile.State.accepted.rawValue, CaseFile.State.returned.rawValue, CaseFile.State.coreReturned.rawValue]

    /// Cases whose accepting point lies under `scope`, newest first; with `people`, each with the person's masked name
    /// and the point's name (two joins on primary keys, for the lists a clerk reads case by case).
    static func list(in scope: DataScope, _ selection: Selection, people: Bool = false, on db: any Database) async throws
        -> [CaseSummary] {
        let sql = db as! any SQLDatabase
        var query: SQLQueryString = """
            SELECT c.id, c.number, c.item_seq, c.accepted_on, c.deadline, c.state, c.service_point_id, c.division_code,
                c.handler_account, c.finished_at, c.decision_reason
            """
        query = query + (people ? """
            , p.name AS citizen_name, sp.institution AS point_name
            FROM cases c LEFT JOIN citizens p ON p.id = c.citizen_id LEFT JOIN service_points sp ON sp.id = c.service_point_id
            WHERE 
            """ : " FROM cases c WHERE ")
        switch scope {
        case .servicePoint(let id, _): query = query + "c.service_point_id = \(bind: id)"
        case .subtree(let root):
            // A range rather than LIKE, so both databases use the (division_code, state) index.
            query = query + "c.division_code >= \(bind: root.scopePrefix) AND c.division_code < \(bind: root.scopePrefix + "a")"
        }
        switch selection {
        case .acceptedBetween(let from, let to):
            if let from { query = query + " AND c.accepted_on >= \(bind: from.iso)" }
            if let to { query = query + " AND c.accepted_on <= \(bind: to.iso)" }
            query = query + " ORDER BY c.accepted_at DESC"
        case .open:
            query = query + " AND c.state IN (\(binds: openStates)) ORDER BY c.accepted_at DESC"
        case .latestFinished(let limit):
            query = query + " AND c.state NOT IN (\(binds: openStates)) ORDER BY c.finished_at DESC LIMIT \(literal: limit)"
        }
        return try await sql.raw(query).all().map { row in
            var summary = CaseSummary(
                id: try row.decode(column: "id", as: UUID.self), number: try row.decode(column: "number", as: String.self),
                itemSeq: try row.decode(column: "item_seq", as: Int.self),
                acceptedOn: try row.decode(column: "accepted_on", as: String.self),
                deadline: try row.decode(column: "deadline", as: String?.self), state: try row.decode(column: "state", as: String.self),
                servicePointID: try row.decode(column: "service_point_id", as: UUID.self),
                divisionCode: try row.decode(column: "division_code", as: String.self),
                handlerAccount: try row.decode(column: "handler_account", as: UUID?.self),
                finishedAt: try row.decode(column: "finished_at", as: Date?.self))
            summary.decisionReason = try row.decode(column: "decision_reason", as: String?.self)
            if people {
                summary.maskedCitizenName = Masking.maskedName(try row.decode(column: "citizen_name", as: String?.self) ?? "")
                summary.pointName = try row.decode(column: "point_name", as: String?.self) ?? ""
            }
            return summary
        }
    }
}
