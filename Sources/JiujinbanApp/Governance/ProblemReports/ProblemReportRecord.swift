import Fluent
import Foundation
import JiujinbanRules

/// 问题反映 as stored; `ProblemReport` (rules) is its decision-making twin.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
final class ProblemReportRecord: Model, @unchecked Sendable {
    static let schema = "problem_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: String
    @Field(key: "category") var category: String
    @Field(key: "area") var area: String
    @Field(key: "description") var problemDescription: String
    @OptionalField(key: "suggestion") var suggestion: String?
    @Field(key: "reporter_account") var reporterAccount: UUID
    @Field(key: "reporter_name") var reporterName: String
    @Field(key: "reporter_unit_name") var reporterUnitName: String
    /// The reporter's unit's division, for data scope.
    @Field(key: "reporter_division") var reporterDivision: String
    /// The county the reporter belongs to (or the city or province for staff above counties): the oversight group.
    @Field(key: "reporter_group") var reporterGroup: String
    /// The desk holding the report (`ProblemDesk.storageKey`).
    @Field(key: "desk") var desk: String
    /// Every desk that has held it, space-separated, oldest first.
    @Field(key: "chain") var chain: String
    /// The person the holding desk assigned it to (the area's 业务骨干, or the county business admin for a gap).
    @OptionalField(key: "assignee_account") var assigneeAccount: UUID?
    /// True when the responsibility list named nobody for the area.
    @Field(key: "assignment_gap") var assignmentGap: Bool
    @Field(key: "state") var state: String
    @Field(key: "filed_at") var filedAt: Date
    @Field(key: "filed_on") var filedOn: String
    @Field(key: "assigned_on") var assignedOn: String
    @OptionalField(key: "promised_by") var promisedBy: String?
    @OptionalField(key: "first_reply_on") var firstReplyOn: String?
    @OptionalField(key: "solved_on") var solvedOn: String?
    @Field(key: "escalations") var escalations: Int
    /// The lateness already told to the desk (`waiting:<assigned on>` or `answered:<promised by>`), told once.
    @OptionalField(key: "overdue_noticed") var overdueNoticed: String?
    @Field(key: "submission_key") var submissionKey: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var categoryValue: ProblemCategory? { ProblemCategory(rawValue: category) }
    var areaValue: BusinessArea? { BusinessArea(rawValue: area) }
    var stateValue: ProblemReport.State? { ProblemReport.State(rawValue: state) }
    var deskValue: ProblemDesk? { ProblemDesk(storageKey: desk) }
    var chainValue: [ProblemDesk] { ProblemDesk.chain(fromStorage: chain) }

    /// The rules' view, or nil for a row the rules cannot read (never written by this code).
    var report: ProblemReport? {
        guard let desk = deskValue, let state = stateValue, let assigned = CalendarDate(iso: assignedOn) else { return nil }
        return ProblemReport(reporter: reporterAccount, desk: desk, state: state, chain: chainValue, assignedOn: assigned,
                             promisedBy: promisedBy.flatMap(CalendarDate.init(iso:)))
    }

    /// Copies the rules' state back after an action.
    func apply(_ report: ProblemReport) {
        desk = report.desk.storageKey
        chain = ProblemDesk.storage(of: report.chain)
        state = report.state.rawValue
        assignedOn = report.assignedOn.description
        promisedBy = report.promisedBy?.description
    }
}

final class ProblemScreenshotRecord: Model, @unchecked Sendable {
    static let schema = "problem_screenshots"

    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "media_type") var mediaType: String
    @Field(key: "bytes") var bytes: Data

    init() {}

    init(reportID: UUID, position: Int, image: ProblemReportFacts.Image) {
        self.id = UUID()
        self.reportID = reportID
        self.position = position
        self.mediaType = image.kind.mediaType
        self.bytes = Data(image.bytes)
    }
}

/// One step of a report's timeline: filed, replied, escalated, solved, reopened, with who took it as they were then.
final class ProblemEntryRecord: Model, StepActorStamped, @unchecked Sendable {
    static let schema = "problem_entries"

    enum Kind: String {
        case filed, replied, escalated, solved, reopened

        var label: String {
            switch self {
            case .filed: "反映问题"
            case .replied: "答复"
            case .escalated: "逐级上报"
            case .solved: "确认已解决"
            case .reopened: "重新反映"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: UUID
    @Field(key: "at") var at: Date
    @Field(key: "actor_account") var actorAccount: UUID
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_post") var actorPost: String
    @Field(key: "actor_unit_name") var actorUnitName: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "text") var text: String?
    @OptionalField(key: "promised_days") var promisedDays: Int?
    @OptionalField(key: "promised_by") var promisedBy: String?
    /// The desk the report went to (filing and escalation).
    @OptionalField(key: "desk") var desk: String?

    init() {}

    init(reportID: UUID, at: Date, by actor: SignedInStaff, kind: Kind, text: String? = nil, promisedDays: Int? = nil,
         promisedBy: CalendarDate? = nil, desk: ProblemDesk? = nil) {
        self.id = UUID()
        self.reportID = reportID
        self.at = at
        self.kind = kind.rawValue
        self.text = text
        self.promisedDays = promisedDays
        self.promisedBy = promisedBy?.description
        self.desk = desk?.storageKey
        stamp(actor)
    }

    var kindValue: Kind? { Kind(rawValue: kind) }
}

/// One line of a county's 责任清单: the expert who answers the area's guidance questions.
final class ResponsibilityRecord: Model, @unchecked Sendable {
    static let schema = "problem_responsibilities"

    @ID(key: .id) var id: UUID?
    @Field(key: "county_code") var countyCode: String
    @Field(key: "area") var area: String
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(county: DivisionCode, area: BusinessArea, accountID: UUID, at: Date) {
        self.id = UUID()
        self.countyCode = county.value
        self.area = area.rawValue
        self.accountID = accountID
        self.updatedAt = at
    }

    /// The county's list as the rules read it.
    static func list(of county: DivisionCode, on db: any Database) async throws -> ResponsibilityList {
        let rows = try await query(on: db).filter(\.$countyCode == county.value).all()
        return ResponsibilityList(entries: Dictionary(rows.compactMap { row in
            BusinessArea(rawValue: row.area).map { ($0, row.accountID) }
        }, uniquingKeysWith: { first, _ in first }))
    }
}

/// 业务指导视频培训 scheduled by the provincial task force for some counties.
final class TrainingSessionRecord: Model, @unchecked Sendable {
    static let schema = "training_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "date") var date: String
    @Field(key: "time") var time: String
    @Field(key: "topic") var topic: String
    /// Business areas, space-separated.
    @Field(key: "areas") var areas: String
    /// County codes, space-separated.
    @Field(key: "counties") var counties: String
    @Field(key: "venue") var venue: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_by_name") var createdByName: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ facts: TrainingSessionDraft.Facts, by staff: SignedInStaff, at now: Date) {
        self.id = UUID()
        self.date = facts.date.description
        self.time = facts.time
        self.topic = facts.topic
        self.areas = facts.areas.map(\.rawValue).joined(separator: " ")
        self.counties = facts.counties.map(\.value).joined(separator: " ")
        self.venue = facts.venue
        self.createdBy = staff.account.id
        self.createdByName = staff.personName
        self.createdAt = now
    }

    var areaValues: [BusinessArea] { areas.split(separator: " ").compactMap { BusinessArea(rawValue: String($0)) } }
    var countyCodes: [String] { counties.split(separator: " ").map(String.init) }
}
