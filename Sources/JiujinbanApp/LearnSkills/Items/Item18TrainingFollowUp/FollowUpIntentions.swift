import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// The open training intentions (待开班: status open, not closed) as item 18 reads them: with whether a follow-up is
/// open and whether item 19 has told them of a class from `today` on.
enum FollowUpIntentions {
    struct Line: Sendable {
        let id: UUID
        let citizenID: UUID
        let servicePointID: UUID
        let occupationCode: String
        let level: Int
        let registeredOn: String
        let lastFollowUpOn: String?
        let followUpOpen: Bool
        let hasClass: Bool

        var rules: TrainingFollowUp.Intention? {
            guard let registered = CalendarDate(iso: registeredOn) else { return nil }
            return TrainingFollowUp.Intention(registeredOn: registered, lastFollowUpOn: lastFollowUpOn.flatMap(CalendarDate.init(iso:)),
                                              followUpOpen: followUpOpen, hasClass: hasClass)
        }
    }

    /// One person's open intentions.
    static func open(citizen: UUID, today: CalendarDate? = nil, on db: any Database) async throws -> [Line] {
        try await lines("i.citizen_id = \(bind: citizen)", today: today, on: db)
    }

    /// Every open intention, for the sweep.
    static func all(today: CalendarDate, on db: any Database) async throws -> [Line] {
        try await lines("1 = 1", today: today, on: db)
    }

    /// Whether the intention has a follow-up waiting for its answer.
    static func followUpOpen(_ intention: UUID, on db: any Database) async throws -> Bool {
        try await (db as! any SQLDatabase).raw("SELECT 1 AS n FROM training_follow_ups WHERE intention_id = \(bind: intention) AND recorded_at IS NULL")
            .first() != nil
    }

    /// "A class" for an intention: item 19 has told the person of a class starting `today` or later and their place in it
    /// is still 已通知 or 已报名 (the point follows it there). A class that merely exists does not count: until the
    /// point notifies the person, the follow-up on its workbench is what makes it look.
    private static func lines(_ condition: SQLQueryString, today: CalendarDate?, on db: any Database) async throws -> [Line] {
        let day = (today ?? CalendarDate(year: 1900, month: 1, day: 1)!).iso
        return try await (db as! any SQLDatabase).raw("""
            SELECT i.id, i.citizen_id, i.service_point_id, i.occupation_code, i.level, i.registered_on, i.last_follow_up_on,
                EXISTS (SELECT 1 FROM training_follow_ups f WHERE f.intention_id = i.id AND f.recorded_at IS NULL) AS follow_up_open,
                EXISTS (SELECT 1 FROM training_enrolments e JOIN training_class_plans p ON p.id = e.plan_id
                        WHERE e.intention_id = i.id AND e.status IN ('notified', 'enrolled') AND p.starts_on >= \(bind: day)) AS has_class
            FROM training_intentions i
            WHERE \(condition) AND i.status = 'open' AND i.closed_on IS NULL
            ORDER BY i.registered_on, i.id
            """).all().map { row in
            Line(id: try row.decode(column: "id", as: UUID.self), citizenID: try row.decode(column: "citizen_id", as: UUID.self),
                 servicePointID: try row.decode(column: "service_point_id", as: UUID.self),
                 occupationCode: try row.decode(column: "occupation_code", as: String.self), level: try row.decode(column: "level", as: Int.self),
                 registeredOn: try row.decode(column: "registered_on", as: String.self),
                 lastFollowUpOn: try row.decode(column: "last_follow_up_on", as: String?.self),
                 followUpOpen: try row.decode(column: "follow_up_open", as: Bool.self), hasClass: try row.decode(column: "has_class", as: Bool.self))
        }
    }
}
