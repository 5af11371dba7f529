import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// The facts of 培训统计 within a division: every intention registered, recommendation made, enrolment and completion
/// dated in the period, each with its intention's groups, occupation and township; and the names to show. Figures
/// only: no person is read.
enum TrainingStatisticsQuery {
    struct Result: Sendable {
        let statistics: TrainingStatistics
        let occupationNames: [String: String]
        let townshipNames: [String: String]

        func label(_ dimension: TrainingStatistics.Dimension, _ key: String) -> String {
            switch dimension {
            case .group: KeyGroup(rawValue: key)?.chinese ?? key
            case .occupation: occupationNames[key].map { "\(key) \($0)" } ?? key
            case .township: townshipNames[key] ?? "（县级服务点）"
            }
        }
    }

    static func run(in root: DivisionCode, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> Result {
        let sql = db as! any SQLDatabase
        let prefix = root.scopePrefix + "%"
        let (start, end) = (from.iso, to.iso)
        let rows = try await sql.raw("""
            SELECT 'intentions' AS measure, i.registered_on AS day, i.groups, i.occupation_code, i.division_code
              FROM training_intentions i
             WHERE i.division_code LIKE \(bind: prefix) AND i.registered_on BETWEEN \(bind: start) AND \(bind: end)
            UNION ALL
            SELECT 'recommendations', r.recommended_on, i.groups, i.occupation_code, i.division_code
              FROM training_recommendations r JOIN training_intentions i ON i.id = r.intention_id
             WHERE i.division_code LIKE \(bind: prefix) AND r.recommended_on BETWEEN \(bind: start) AND \(bind: end)
            UNION ALL
            SELECT 'enrolments', e.enrolled_on, i.groups, i.occupation_code, i.division_code
              FROM training_enrolments e JOIN training_intentions i ON i.id = e.intention_id
             WHERE i.division_code LIKE \(bind: prefix) AND e.enrolled_on BETWEEN \(bind: start) AND \(bind: end)
            UNION ALL
            SELECT 'completions', e.completed_on, i.groups, i.occupation_code, i.division_code
              FROM training_enrolments e JOIN training_intentions i ON i.id = e.intention_id
             WHERE i.division_code LIKE \(bind: prefix) AND e.completed_on BETWEEN \(bind: start) AND \(bind: end)
            """).all()
        let facts: [TrainingStatistics.Fact] = try rows.compactMap { row in
            guard let measure = TrainingStatistics.Measure(rawValue: try row.decode(column: "measure", as: String.self)),
                  let day = CalendarDate(iso: try row.decode(column: "day", as: String.self)) else { return nil }
            let division = try row.decode(column: "division_code", as: String.self)
            let township = (try? DivisionCode(division))?.ancestor(atDepth: 3)?.value ?? division
            return TrainingStatistics.Fact(
                measure: measure, on: day,
                groups: try row.decode(column: "groups", as: String.self).split(separator: ",").compactMap { KeyGroup(rawValue: String($0)) },
                occupation: try row.decode(column: "occupation_code", as: String.self), township: township)
        }
        let statistics = TrainingStatistics(facts, from: from, to: to)
        let occupations = try await OccupationStore.names(of: statistics.byOccupation.map(\.key), on: db)
        let townshipCodes = statistics.byTownship.map(\.key)
        let townships = townshipCodes.isEmpty ? [:] : Dictionary(
            try await Division.query(on: db).filter(\.$id ~~ townshipCodes).all().compactMap { d in d.id.map { ($0, d.name) } },
            uniquingKeysWith: { first, _ in first })
        return Result(statistics: statistics, occupationNames: occupations, townshipNames: townships)
    }
}
