import Fluent
import Foundation
import JiujinbanRules

/// 培训机构 (M0067): one of a county's training institutions, kept by its business admins.
final class TrainingInstitutionRecord: Model, @unchecked Sendable {
    static let schema = "training_institutions"

    @ID(key: .id) var id: UUID?
    @Field(key: "county_code") var countyCode: String
    @Field(key: "name") var name: String
    @Field(key: "credit_code") var creditCode: String
    @Field(key: "division_code") var divisionCode: String
    @Field(key: "address") var address: String
    @OptionalField(key: "longitude") var longitude: Double?
    @OptionalField(key: "latitude") var latitude: Double?
    @Field(key: "subsidised") var subsidised: Bool
    @Field(key: "contact_phone") var contactPhone: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}

    var location: GeoCoordinate? {
        guard let longitude, let latitude else { return nil }
        return GeoCoordinate(longitude: longitude, latitude: latitude)
    }
}

/// 培训资质: an institution may teach this occupation at this level.
final class TrainingApprovalRecord: Model, @unchecked Sendable {
    static let schema = "training_approvals"

    @ID(key: .id) var id: UUID?
    @Field(key: "institution_id") var institutionID: UUID
    @Field(key: "occupation_code") var occupationCode: String
    @Field(key: "level") var level: Int

    init() {}
}

/// 开班计划: one class an institution plans.
final class ClassPlanRecord: Model, @unchecked Sendable {
    static let schema = "training_class_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "institution_id") var institutionID: UUID
    @Field(key: "county_code") var countyCode: String
    @Field(key: "occupation_code") var occupationCode: String
    @Field(key: "level") var level: Int
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "place") var place: String
    @Field(key: "capacity") var capacity: Int
    @Field(key: "enrolled") var enrolled: Int
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}
}

/// 培训意向 (item 16), open while `closedOn` is nil.
final class TrainingIntentionRecord: Model, @unchecked Sendable {
    static let schema = "training_intentions"

    enum Status: String, Sendable, CaseIterable {
        case open, enrolled, completed, withdrawn

        var label: String {
            switch self {
            case .open: "待开班"
            case .enrolled: "已报名"
            case .completed: "已结业"
            case .withdrawn: "已撤销"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "citizen_id") var citizenID: UUID
    @Field(key: "county_code") var countyCode: String
    @Field(key: "division_code") var divisionCode: String
    @Field(key: "service_point_id") var servicePointID: UUID
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "occupation_code") var occupationCode: String
    @Field(key: "level") var level: Int
    @OptionalField(key: "period_from") var periodFrom: String?
    @OptionalField(key: "period_to") var periodTo: String?
    /// The key groups' codes (`KeyGroup.rawValue`), joined by commas.
    @Field(key: "groups") var groups: String
    /// JSON: `[{"group": …, "basis": …}]`.
    @Field(key: "group_bases") var groupBases: String
    @Field(key: "registered_on") var registeredOn: String
    @Field(key: "status") var status: String
    @OptionalField(key: "last_follow_up_on") var lastFollowUpOn: String?
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "close_reason") var closeReason: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var statusValue: Status? { Status(rawValue: status) }
    var keyGroups: [KeyGroup] { groups.split(separator: ",").compactMap { KeyGroup(rawValue: String($0)) } }
    var skillLevel: SkillLevel? { SkillLevel(rawValue: level) }
}

/// 培训机构推荐 (item 17): the ranked list one case showed.
final class TrainingRecommendationRecord: Model, @unchecked Sendable {
    static let schema = "training_recommendations"

    @ID(key: .id) var id: UUID?
    @Field(key: "intention_id") var intentionID: UUID
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "recommended_on") var recommendedOn: String
    @Field(key: "institution_count") var institutionCount: Int
    @Field(key: "rows") var rows: String

    init() {}
}

/// 培训意向跟踪反馈 (item 18): one follow-up case and what the point was told.
final class TrainingFollowUpRecord: Model, @unchecked Sendable {
    static let schema = "training_follow_ups"

    @ID(key: .id) var id: UUID?
    @Field(key: "intention_id") var intentionID: UUID
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "opened_on") var openedOn: String
    /// `platform` (the sweep) or `staff`.
    @Field(key: "opened_by") var openedBy: String
    /// `institution` or `county`.
    @OptionalField(key: "source") var source: String?
    @OptionalField(key: "said") var said: String?
    @OptionalField(key: "class_starts_on") var classStartsOn: String?
    @OptionalField(key: "class_place") var classPlace: String?
    @OptionalField(key: "recorded_at") var recordedAt: Date?
    @OptionalField(key: "recorded_by") var recordedBy: UUID?

    init() {}
}

/// 参加培训 (item 19): a person's place in one class.
final class TrainingEnrolmentRecord: Model, @unchecked Sendable {
    static let schema = "training_enrolments"

    enum Status: String, Sendable, CaseIterable {
        case notified, enrolled, attended, completed, absent, dropped

        var label: String {
            switch self {
            case .notified: "已通知"
            case .enrolled: "已报名"
            case .attended: "已参训"
            case .completed: "已结业"
            case .absent: "未到"
            case .dropped: "中途退出"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "intention_id") var intentionID: UUID
    @Field(key: "plan_id") var planID: UUID
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "status") var status: String
    @OptionalField(key: "notified_on") var notifiedOn: String?
    @OptionalField(key: "notified_by") var notifiedBy: UUID?
    @OptionalField(key: "enrolled_on") var enrolledOn: String?
    @OptionalField(key: "attended_on") var attendedOn: String?
    @OptionalField(key: "completed_on") var completedOn: String?
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var statusValue: Status? { Status(rawValue: status) }
}

/// 防止返贫监测对象名单: one person on the county's list, found by the keyed index of the ID number.
final class PovertyMonitoringEntry: Model, @unchecked Sendable {
    static let schema = "poverty_monitoring_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "county_code") var countyCode: String
    @Field(key: "id_number_index") var idNumberIndex: String
    @Field(key: "masked_name") var maskedName: String
    @Field(key: "batch") var batch: String
    @OptionalField(key: "included_on") var includedOn: String?
    @Field(key: "imported_at") var importedAt: Date
    @Field(key: "imported_by") var importedBy: UUID

    init() {}
}

/// 就业困难人员认定: in force while `endedOn` is nil.
final class HardshipRecognitionRecord: Model, @unchecked Sendable {
    static let schema = "hardship_recognitions"

    @ID(key: .id) var id: UUID?
    @Field(key: "citizen_id") var citizenID: UUID
    @Field(key: "county_code") var countyCode: String
    @Field(key: "category") var category: String
    @Field(key: "recognised_on") var recognisedOn: String
    @Field(key: "recognised_by") var recognisedBy: UUID
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "ended_by") var endedBy: UUID?
    @OptionalField(key: "end_reason") var endReason: String?

    init() {}
}
