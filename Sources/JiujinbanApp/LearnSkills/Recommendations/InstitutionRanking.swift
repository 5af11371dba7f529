import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// One ranked institution as the page shows it, the case keeps it (`training_recommendations.rows`) and the person
/// takes it home on paper.
package struct RecommendedInstitution: Codable, Sendable, Equatable {
    let institutionID: UUID
    let name: String
    let address: String
    let contactPhone: String
    let distanceMeters: Int?
    package let planID: UUID?
    let planStartsOn: String?
    let planPlace: String?
    let freePlaces: Int?
    let reason: String

    enum CodingKeys: String, CodingKey {
        case institutionID = "institution_id", name, address, contactPhone = "contact_phone", distanceMeters = "distance_m",
             planID = "plan_id", planStartsOn = "plan_starts_on", planPlace = "plan_place", freePlaces = "free_places", reason
    }

    /// `3.2公里`, or 未知.
    var distanceText: String {
        guard let metres = distanceMeters else { return "未知" }
        let tenths = (metres + 50) / 100
        return "\(tenths / 10).\(tenths % 10)公里"
    }
}

/// 培训机构推荐 from the records: for the occupations and levels wanted (a person's open intentions), the county's
/// institutions approved to teach them and their classes of those occupations and levels starting from today, read
/// into a `TrainingCatalogue` by two indexed queries (`training_approvals_occupation`, `training_class_plans_fit`),
/// so a page reads what it can show, not the county's whole catalogue (`jiujinban bench-training` times it among
/// 2,000 institutions and 20,000 plans); and the person's residence located at a service point.
package struct InstitutionRanking: Sendable {
    struct Contact: Sendable {
        let address: String
        let phone: String
    }

    let catalogue: TrainingCatalogue
    let contacts: [UUID: Contact]
    let places: [UUID: String]

    /// The county's institutions approved for any of `wanted`, and their classes of `wanted` starting from `today`.
    package static func load(county: DivisionCode, wanted: Set<ClassPlanDraft.Approval>, today: CalendarDate, on db: any Database) async throws
        -> InstitutionRanking
    {
        guard !wanted.isEmpty else { return InstitutionRanking(catalogue: TrainingCatalogue(institutions: [], plans: []), contacts: [:], places: [:]) }
        let sql = db as! any SQLDatabase
        let keys = wanted.sorted { ($0.occupationCode, $0.level.rawValue) < ($1.occupationCode, $1.level.rawValue) }
        /// `(occupation = ? AND level = ?) OR …` for the wanted keys, the columns under `prefix`.
        func appendMatching(_ prefix: String, to clause: inout SQLQueryString) {
            clause.appendInterpolation(unsafeRaw: "(")
            for (index, key) in keys.enumerated() {
                if index > 0 { clause.appendInterpolation(unsafeRaw: " OR ") }
                clause.appendInterpolation(unsafeRaw: "(\(prefix)occupation_code = ")
                clause.appendInterpolation(bind: key.occupationCode)
                clause.appendInterpolation(unsafeRaw: " AND \(prefix)level = ")
                clause.appendInterpolation(bind: key.level.rawValue)
                clause.appendInterpolation(unsafeRaw: ")")
            }
            clause.appendInterpolation(unsafeRaw: ")")
        }
        var approvalQuery: SQLQueryString = """
            SELECT a.institution_id, a.occupation_code, a.level, i.name, i.address, i.contact_phone, i.longitude, i.latitude, i.subsidised
              FROM training_approvals a JOIN training_institutions i ON i.id = a.institution_id
             WHERE i.county_code = \(bind: county.value) AND\(unsafeRaw: " ")
            """
        appendMatching("a.", to: &approvalQuery)
        var approvals: [UUID: Set<ClassPlanDraft.Approval>] = [:]
        var found: [UUID: (name: String, location: GeoCoordinate?, subsidised: Bool)] = [:]
        var contacts: [UUID: Contact] = [:]
        for row in try await sql.raw(approvalQuery).all() {
            guard let level = SkillLevel(rawValue: try row.decode(column: "level", as: Int.self)) else { continue }
            let id = try row.decode(column: "institution_id", as: UUID.self)
            approvals[id, default: []].insert(.init(occupationCode: try row.decode(column: "occupation_code", as: String.self), level: level))
            if found[id] == nil {
                let longitude = try row.decode(column: "longitude", as: Double?.self), latitude = try row.decode(column: "latitude", as: Double?.self)
                found[id] = (try row.decode(column: "name", as: String.self),
                             longitude.flatMap { lon in latitude.flatMap { GeoCoordinate(longitude: lon, latitude: $0) } },
                             try row.decode(column: "subsidised", as: Bool.self))
                contacts[id] = Contact(address: try row.decode(column: "address", as: String.self),
                                       phone: try row.decode(column: "contact_phone", as: String.self))
            }
        }
        let institutions = found.map { id, facts in
            TrainingCatalogue.Institution(id: id, name: facts.name, location: facts.location, approvals: approvals[id] ?? [],
                                          subsidised: facts.subsidised)
        }
        guard !institutions.isEmpty else { return InstitutionRanking(catalogue: TrainingCatalogue(institutions: [], plans: []), contacts: [:], places: [:]) }
        var planQuery: SQLQueryString = """
            SELECT id, institution_id, occupation_code, level, starts_on, ends_on, place, capacity, enrolled FROM training_class_plans
             WHERE county_code = \(bind: county.value) AND starts_on >= \(bind: today.iso) AND\(unsafeRaw: " ")
            """
        appendMatching("", to: &planQuery)
        var plans: [TrainingCatalogue.Plan] = []
        var places: [UUID: String] = [:]
        for row in try await sql.raw(planQuery).all() {
            guard let level = SkillLevel(rawValue: try row.decode(column: "level", as: Int.self)),
                  let starts = CalendarDate(iso: try row.decode(column: "starts_on", as: String.self)),
                  let ends = CalendarDate(iso: try row.decode(column: "ends_on", as: String.self)) else { continue }
            let id = try row.decode(column: "id", as: UUID.self)
            plans.append(.init(id: id, institutionID: try row.decode(column: "institution_id", as: UUID.self),
                               occupationCode: try row.decode(column: "occupation_code", as: String.self), level: level,
                               starts: starts, ends: ends, capacity: try row.decode(column: "capacity", as: Int.self),
                               enrolled: try row.decode(column: "enrolled", as: Int.self)))
            places[id] = try row.decode(column: "place", as: String.self)
        }
        return InstitutionRanking(catalogue: TrainingCatalogue(institutions: institutions, plans: plans), contacts: contacts, places: places)
    }

    /// Where the person lives, for distances: the service point of their village or community, else their
    /// township's; nil when neither has one.
    static func home(of citizen: CitizenRecord, on db: any Database) async throws -> GeoCoordinate? {
        try await home(residence: citizen.residenceDivisionCode, on: db)
    }

    /// The same, for a residence division's code (item 19 measures its candidates the same way).
    package static func home(residence code: String, on db: any Database) async throws -> GeoCoordinate? {
        guard let residence = try? DivisionCode(code) else { return nil }
        var chain: [String] = []
        var current: DivisionCode? = residence
        while let division = current, division.depth >= 3 {
            chain.append(division.value)
            current = division.parent
        }
        guard !chain.isEmpty else { return nil }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT division_code, longitude, latitude FROM service_points WHERE division_code IN (\(binds: chain)) ORDER BY code
            """).all()
        var found: [String: GeoCoordinate] = [:]
        for row in rows {
            let division = try row.decode(column: "division_code", as: String.self)
            if found[division] == nil, let point = GeoCoordinate(longitude: try row.decode(column: "longitude", as: Double.self),
                                                                 latitude: try row.decode(column: "latitude", as: Double.self)) {
                found[division] = point
            }
        }
        return chain.lazy.compactMap { found[$0] }.first
    }

    /// The institutions for an intention of `occupation` at `level`, best first, as rows to show and keep.
    package func rows(occupation: String, level: SkillLevel, from home: GeoCoordinate?, today: CalendarDate) -> [RecommendedInstitution] {
        catalogue.recommend(occupation: occupation, level: level, from: home, today: today).map { found in
            let contact = contacts[found.institution.id]
            return RecommendedInstitution(
                institutionID: found.institution.id, name: found.institution.name, address: contact?.address ?? "",
                contactPhone: contact?.phone ?? "", distanceMeters: found.distanceMeters, planID: found.nextPlan?.id,
                planStartsOn: found.nextPlan?.starts.iso, planPlace: found.nextPlan.flatMap { places[$0.id] },
                freePlaces: found.nextPlan?.freePlaces, reason: found.reason)
        }
    }
}
