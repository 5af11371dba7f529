import Fluent
import Foundation
import JiujinbanRules

/// 办件 as stored; `CaseFile` (rules) is its decision-making twin.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
final class CaseRecord: Model, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: String
    @Field(key: "county_code") var countyCode: String
    @Field(key: "accepted_on") var acceptedOn: String
    @Field(key: "item_seq") var itemSeq: Int
    @Field(key: "citizen_id") var citizenID: UUID
    @Field(key: "service_point_id") var servicePointID: UUID
    /// The accepting point's division, for data scope.
    @Field(key: "division_code") var divisionCode: String
    @Field(key: "channel") var channel: String
    @Field(key: "handler_account") var handlerAccount: UUID
    @Field(key: "handler_person") var handlerPerson: UUID
    @Field(key: "accepted_at") var acceptedAt: Date
    @OptionalField(key: "deadline") var deadline: String?
    @Field(key: "deadline_provisional") var deadlineProvisional: Bool
    @Field(key: "state") var state: String
    @Field(key: "form_sealed") var formSealed: String
    /// JSON list of the documents still missing (一次性告知).
    @OptionalField(key: "missing_documents") var missingDocuments: String?
    @OptionalField(key: "decision_reason") var decisionReason: String?
    @OptionalField(key: "reviewer_account") var reviewerAccount: UUID?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @Field(key: "submission_key") var submissionKey: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateValue: CaseFile.State? { CaseFile.State(rawValue: state) }

    var missingList: [String] {
        missingDocuments.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
    }

    static let formContext = "cases.form"
}

final class CaseStep: Model, StepActorStamped, @unchecked Sendable {
    static let schema = "case_steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "at") var at: Date
    @Field(key: "actor_account") var actorAccount: UUID
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_post") var actorPost: String
    @Field(key: "actor_unit_name") var actorUnitName: String
    @Field(key: "action") var action: String
    @OptionalField(key: "detail") var detail: String?

    init() {}

    init(caseID: UUID, at: Date, actor: SignedInStaff, action: String, detail: String?) {
        self.id = UUID()
        self.caseID = caseID
        self.at = at
        self.action = action
        self.detail = detail
        stamp(actor)
    }
}
