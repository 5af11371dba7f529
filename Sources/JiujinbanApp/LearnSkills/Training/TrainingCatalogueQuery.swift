import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// What item 17 ranks for one intention: the county's institutions approved to teach its occupation at its level,
/// with their classes of that occupation and level starting from today. Two indexed reads (`training_approvals_
/// occupation`, `training_class_plans_fit`), so a recommendation reads only the institutions that could be shown,
/// not the county's whole catalogue.
package enum TrainingCatalogueQuery {
    package static func catalogue(county: DivisionCode, occupation: String, level: SkillLevel, today: CalendarDate,
                                  on db: any Database) async throws -> TrainingCatalogue {
        let sql = db as! any SQLDatabase
        let institutionRows = try await sql.raw("""
            SELECT i.id, i.name, i.longitude, i.latitude, i.subsidised
              FROM training_approvals a JOIN training_institutions i ON i.id = a.institution_id
             WHERE a.occupation_code = \(bind: occupation) AND a.level = \(bind: level.rawValue) AND i.county_code = \(bind: county.value)
            """).all()
        let approval = ClassPlanDraft.Approval(occupationCode: occupation, level: level)
        let institutions: [TrainingCatalogue.Institution] = try institutionRows.map { row in
            let longitude = try row.decode(column: "longitude", as: Double?.self), latitude = try row.decode(column: "latitude", as: Double?.self)
            return TrainingCatalogue.Institution(
                id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                location: longitude.flatMap { lon in latitude.flatMap { GeoCoordinate(longitude: lon, latitude: $0) } },
                approvals: [approval], subsidised: try row.decode(column: "subsidised", as: Bool.self))
        }
        guard !institutions.isEmpty else { return TrainingCatalogue(institutions: [], plans: []) }
        let planRows = try await sql.raw("""
            SELECT id, institution_id, starts_on, ends_on, capacity, enrolled FROM training_class_plans
             WHERE county_code = \(bind: county.value) AND occupation_code = \(bind: occupation) AND level = \(bind: level.rawValue)
               AND starts_on >= \(bind: today.iso)
            """).all()
        let plans: [TrainingCatalogue.Plan] = try planRows.compactMap { row in
            guard let starts = CalendarDate(iso: try row.decode(column: "starts_on", as: String.self)),
                  let ends = CalendarDate(iso: try row.decode(column: "ends_on", as: String.self)) else { return nil }
            return TrainingCatalogue.Plan(
                id: try row.decode(column: "id", as: UUID.self), institutionID: try row.decode(column: "institution_id", as: UUID.self),
                occupationCode: occupation, level: level, starts: starts, ends: ends,
                capacity: try row.decode(column: "capacity", as: Int.self), enrolled: try row.decode(column: "enrolled", as: Int.self))
        }
        return TrainingCatalogue(institutions: institutions, plans: plans)
    }
}
