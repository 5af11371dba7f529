import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// One ranked institution as the page shows it, the case keeps it (`training_recommendations.rows`) and the person
/// takes it home on paper.
struct RecommendedInstitution: Codable, Sendable, Equatable {
    let institutionID: UUID
    let name: String
    let address: String
    let contactPhone: String
    let distanceMeters: Int?
    let planID: UUID?
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

/// 培训机构推荐 from the records: the county's institutions, approvals and class plans read once into a
/// `TrainingCatalogue`, and the person's residence located at a service point.
struct InstitutionRanking: Sendable {
    struct Contact: Sendable {
        let address: String
        let phone: String
    }

    let catalogue: TrainingCatalogue
    let contacts: [UUID: Contact]
    let places: [UUID: String]

    /// The county's institutions with their approvals, and its class plans starting from `today`.
    static func load(county: DivisionCode, today: CalendarDate, on db: any Database) async throws -> InstitutionRanking {
        let sql = db as! any SQLDatabase
        var approvals: [UUID: Set<ClassPlanDraft.Approval>] = [:]
        for row in try await sql.raw("""
            SELECT a.institution_id, a.occupation_code, a.level FROM training_approvals a
            JOIN training_institutions i ON i.id = a.institution_id WHERE i.county_code = \(bind: county.value)
            """).all() {
            guard let level = SkillLevel(rawValue: try row.decode(column: "level", as: Int.self)) else { continue }
            approvals[try row.decode(column: "institution_id", as: UUID.self), default: []]
                .insert(.init(occupationCode: try row.decode(column: "occupation_code", as: String.self), level: level))
        }
        var institutions: [TrainingCatalogue.Institution] = []
        var contacts: [UUID: Contact] = [:]
        for record in try await TrainingInstitutionRecord.query(on: db).filter(\.$countyCode == county.value).all() {
            let id = try record.requireID()
            institutions.append(.init(id: id, name: record.name, location: record.location, approvals: approvals[id] ?? [],
                                      subsidised: record.subsidised))
            contacts[id] = Contact(address: record.address, phone: record.contactPhone)
        }
        var plans: [TrainingCatalogue.Plan] = []
        var places: [UUID: String] = [:]
        for record in try await ClassPlanRecord.query(on: db).filter(\.$countyCode == county.value).filter(\.$startsOn >= today.iso).all() {
            guard let level = SkillLevel(rawValue: record.level), let starts = CalendarDate(iso: record.startsOn),
                  let ends = CalendarDate(iso: record.endsOn) else { continue }
            let id = try record.requireID()
            plans.append(.init(id: id, institutionID: record.institutionID, occupationCode: record.occupationCode, level: level,
                               starts: starts, ends: ends, capacity: record.capacity, enrolled: record.enrolled))
            places[id] = record.place
        }
        return InstitutionRanking(catalogue: TrainingCatalogue(institutions: institutions, plans: plans), contacts: contacts, places: places)
    }

    /// Where the person lives, for distances: the service point of their village or community, else their
    /// township's; nil when neither has one.
    static func home(of citizen: CitizenRecord, on db: any Database) async throws -> GeoCoordinate? {
        guard let residence = try? DivisionCode(citizen.residenceDivisionCode) else { return nil }
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
    func rows(occupation: String, level: SkillLevel, from home: GeoCoordinate?, today: CalendarDate) -> [RecommendedInstitution] {
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
