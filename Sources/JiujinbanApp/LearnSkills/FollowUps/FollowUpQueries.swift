import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// One follow-up case as its pages show it: the case, the person (masked), the intention and, once recorded, the answer.
struct FollowUpView: Sendable {
    struct Answer: Sendable {
        let source: String
        let said: String
        let classStartsOn: String?
        let classPlace: String?
        let recordedOn: String
    }

    let caseID: UUID
    let caseNumber: String
    let stateLabel: String
    let deadline: String
    let openedOn: String
    /// 系统（到期自动开启） or 工作人员.
    let openedBy: String
    let maskedName: String
    let hasPhone: Bool
    let occupation: String
    let level: String
    let registeredOn: String
    let pointName: String
    let answer: Answer?
    /// The viewer may record the answer and finish the case now (`CaseFile.may(.finish)`).
    let mayRecord: Bool
}

/// The start of the item at the counter: the person's open intentions.
struct FollowUpStart: Sendable {
    struct Intention: Sendable {
        let id: UUID
        let text: String
        let followUpOpen: Bool
    }

    let citizenID: UUID
    let maskedName: String
    let intentions: [Intention]
}

enum FollowUpQueries {
    static func view(_ record: CaseRecord, _ file: CaseFile, mayRecord: Bool, on db: any Database) async throws -> FollowUpView {
        let sql = db as! any SQLDatabase
        let caseID = try record.requireID()
        guard let row = try await sql.raw("""
            SELECT f.opened_on, f.opened_by, f.source, f.said, f.class_starts_on, f.class_place, f.recorded_at,
                i.occupation_code, i.level, i.registered_on, sp.name AS point_name
            FROM training_follow_ups f JOIN training_intentions i ON i.id = f.intention_id
            LEFT JOIN service_points sp ON sp.id = i.service_point_id
            WHERE f.case_id = \(bind: caseID)
            """).first() else { throw PublicError.notFound("该跟踪反馈") }
        let code = try row.decode(column: "occupation_code", as: String.self)
        let names = try await OccupationStore.names(of: [code], on: db)
        let citizen = try await CitizenRecord.find(id: record.citizenID, on: db)
        var answer: FollowUpView.Answer?
        if let recordedAt = try row.decode(column: "recorded_at", as: Date?.self) {
            answer = FollowUpView.Answer(
                source: (try row.decode(column: "source", as: String?.self)).flatMap(FollowUpAnswer.Source.init(rawValue:))?.label ?? "",
                said: try row.decode(column: "said", as: String?.self) ?? "",
                classStartsOn: try row.decode(column: "class_starts_on", as: String?.self),
                classPlace: try row.decode(column: "class_place", as: String?.self), recordedOn: CalendarDate(recordedAt).iso)
        }
        return FollowUpView(
            caseID: caseID, caseNumber: record.number, stateLabel: CaseQueries.stateLabel(file), deadline: CaseQueries.deadlineText(record),
            openedOn: try row.decode(column: "opened_on", as: String.self),
            openedBy: try row.decode(column: "opened_by", as: String.self) == "platform" ? "系统（等待开班到期自动开启）" : "工作人员",
            maskedName: citizen?.maskedName ?? "", hasPhone: citizen?.phoneSealed != nil,
            occupation: names[code] ?? code, level: SkillLevel(rawValue: try row.decode(column: "level", as: Int.self))?.chinese ?? "",
            registeredOn: try row.decode(column: "registered_on", as: String.self),
            pointName: try row.decode(column: "point_name", as: String?.self) ?? "", answer: answer, mayRecord: mayRecord)
    }

    static func start(_ citizen: CitizenRecord, on db: any Database) async throws -> FollowUpStart {
        let open = try await FollowUpIntentions.open(citizen: try citizen.requireID(), on: db)
        let names = try await OccupationStore.names(of: open.map(\.occupationCode), on: db)
        return FollowUpStart(citizenID: try citizen.requireID(), maskedName: citizen.maskedName, intentions: open.map { line in
            FollowUpStart.Intention(id: line.id, text: "\(names[line.occupationCode] ?? line.occupationCode)（\(SkillLevel(rawValue: line.level)?.chinese ?? "")），\(line.registeredOn)登记",
                                    followUpOpen: line.followUpOpen)
        })
    }
}
