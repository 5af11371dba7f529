import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// One class plan as the points see it (the registry's own line, `ClassPlanLine`, is the institution page's).
struct ComingClassLine: Sendable {
    let id: UUID
    let institution: String
    let occupation: String
    let level: String
    let startsOn: String
    let endsOn: String
    let place: String
    let capacity: Int
    let enrolled: Int
}

/// A plan's notice page: the people it fits at the viewer's point, nearest first, and the places already given.
struct ClassNoticesView: Sendable {
    struct Candidate: Sendable {
        let intention: UUID
        let citizen: UUID
        let maskedName: String
        let registeredOn: String
        /// From the person's service point to the institution; nil when either has no coordinates.
        let distanceMeters: Int?
        let hasPhone: Bool
    }

    struct Place: Sendable {
        let id: UUID
        let maskedName: String
        let status: EnrolmentProgress.Status
        let notifiedOn: String?
    }

    let plan: ComingClassLine
    let candidates: [Candidate]
    let places: [Place]
}

enum ClassNoticesQueries {
    static func plans(county: DivisionCode, from today: CalendarDate, on db: any Database) async throws -> [ComingClassLine] {
        // The training tables keep the county's full code (`DivisionCode.value`), as the registry writes it.
        try await lines("p.county_code = \(bind: county.value) AND p.starts_on >= \(bind: today.iso)", on: db)
    }

    static func plan(_ id: UUID, on db: any Database) async throws -> (ComingClassLine, county: String)? {
        guard let line = try await lines("p.id = \(bind: id)", on: db).first,
              let record = try await ClassPlanRecord.find(id, on: db) else { return nil }
        return (line, record.countyCode)
    }

    private static func lines(_ condition: SQLQueryString, on db: any Database) async throws -> [ComingClassLine] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT p.id, p.occupation_code, p.level, p.starts_on, p.ends_on, p.place, p.capacity, p.enrolled, t.name
            FROM training_class_plans p JOIN training_institutions t ON t.id = p.institution_id
            WHERE \(condition) ORDER BY p.starts_on, t.name, p.id
            """).all()
        let names = try await OccupationStore.names(of: Array(Set(try rows.map { try $0.decode(column: "occupation_code", as: String.self) })), on: db)
        return try rows.map { row in
            let code = try row.decode(column: "occupation_code", as: String.self)
            return ComingClassLine(id: try row.decode(column: "id", as: UUID.self), institution: try row.decode(column: "name", as: String.self),
                                 occupation: names[code] ?? code, level: SkillLevel(rawValue: try row.decode(column: "level", as: Int.self))?.chinese ?? "",
                                 startsOn: try row.decode(column: "starts_on", as: String.self), endsOn: try row.decode(column: "ends_on", as: String.self),
                                 place: try row.decode(column: "place", as: String.self), capacity: try row.decode(column: "capacity", as: Int.self),
                                 enrolled: try row.decode(column: "enrolled", as: Int.self))
        }
    }

    /// The open intentions registered at `point` that `plan` fits and that were not notified of it, nearest first
    /// (from the service point of the person's residence — their village's or community's, else the township's — to
    /// the institution; those without coordinates last, then by registration).
    static func view(plan id: UUID, line: ComingClassLine, point: UUID, on db: any Database) async throws -> ClassNoticesView {
        let sql = db as! any SQLDatabase
        guard let plan = try await ClassPlanRecord.find(id, on: db) else { throw PublicError.notFound("该开班计划") }
        let institution = try await TrainingInstitutionRecord.find(plan.institutionID, on: db)
        let rows = try await sql.raw("""
            SELECT i.id, i.citizen_id, i.registered_on, c.name, c.phone_sealed, c.residence_division_code
            FROM training_intentions i JOIN citizens c ON c.id = i.citizen_id
            WHERE i.service_point_id = \(bind: point) AND i.status = 'open' AND i.closed_on IS NULL
                AND i.county_code = \(bind: plan.countyCode) AND i.occupation_code = \(bind: plan.occupationCode) AND i.level = \(bind: plan.level)
                AND NOT EXISTS (SELECT 1 FROM training_enrolments e WHERE e.intention_id = i.id AND e.plan_id = \(bind: id))
            """).all()
        // Where each person lives, as item 17 measures it (`InstitutionRanking.home`): their village's or community's
        // point, else the township's.
        var homes: [String: GeoCoordinate?] = [:]
        for code in Set(try rows.map { try $0.decode(column: "residence_division_code", as: String.self) }) {
            homes[code] = try await InstitutionRanking.home(residence: code, on: db)
        }
        let candidates = try rows.map { row -> ClassNoticesView.Candidate in
            let home = homes[try row.decode(column: "residence_division_code", as: String.self)] ?? nil
            let distance = home.flatMap { from in institution?.location.map { Int(from.distanceMeters(to: $0).rounded()) } }
            return ClassNoticesView.Candidate(
                intention: try row.decode(column: "id", as: UUID.self), citizen: try row.decode(column: "citizen_id", as: UUID.self),
                maskedName: Masking.maskedName(try row.decode(column: "name", as: String.self)),
                registeredOn: try row.decode(column: "registered_on", as: String.self),
                distanceMeters: distance,
                hasPhone: try row.decode(column: "phone_sealed", as: String?.self) != nil)
        }.sorted { lhs, rhs in
            switch (lhs.distanceMeters, rhs.distanceMeters) {
            case let (l?, r?) where l != r: l < r
            case (_?, nil): true
            case (nil, _?): false
            default: (lhs.registeredOn, lhs.intention.uuidString) < (rhs.registeredOn, rhs.intention.uuidString)
            }
        }
        let places = try await sql.raw("""
            SELECT e.id, e.status, e.notified_on, c.name FROM training_enrolments e
            JOIN training_intentions i ON i.id = e.intention_id JOIN citizens c ON c.id = i.citizen_id
            WHERE e.plan_id = \(bind: id) AND i.service_point_id = \(bind: point)
            ORDER BY e.notified_on, e.id
            """).all().compactMap { row -> ClassNoticesView.Place? in
            guard let status = EnrolmentProgress.Status(rawValue: try row.decode(column: "status", as: String.self)) else { return nil }
            return ClassNoticesView.Place(id: try row.decode(column: "id", as: UUID.self),
                                          maskedName: Masking.maskedName(try row.decode(column: "name", as: String.self)),
                                          status: status, notifiedOn: try row.decode(column: "notified_on", as: String?.self))
        }
        return ClassNoticesView(plan: line, candidates: candidates, places: places)
    }
}
