import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 用人单位. Fluent models cannot be checked `Sendable`: an instance stays inside one task.
final class EmployerRecord: Model, @unchecked Sendable {
    static let schema = "employers"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "credit_code") var creditCode: String
    @Field(key: "division_code") var divisionCode: String
    @Field(key: "address") var address: String
    @Field(key: "contact_name") var contactName: String
    @Field(key: "contact_phone") var contactPhone: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One fixed-job posting as stored; the market holds the open ones.
final class JobPostingRecord: Model, @unchecked Sendable {
    static let schema = "job_postings"

    @ID(key: .id) var id: UUID?
    @Field(key: "employer_id") var employerID: UUID
    @Field(key: "revision") var revision: Int
    @Field(key: "title") var title: String
    @Field(key: "occupation") var occupation: String
    @Field(key: "headcount") var headcount: Int
    @Field(key: "wage_min_fen") var wageMinimumFen: Int
    @Field(key: "wage_max_fen") var wageMaximumFen: Int
    @OptionalField(key: "education") var education: Int?
    @OptionalField(key: "age_min") var ageMinimum: Int?
    @OptionalField(key: "age_max") var ageMaximum: Int?
    @Field(key: "workplace_division") var workplaceDivision: String
    @Field(key: "longitude") var longitude: Double
    @Field(key: "latitude") var latitude: Double
    @Field(key: "address") var address: String
    @OptionalField(key: "hours") var hours: String?
    @Field(key: "valid_until") var validUntil: String
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "close_reason") var closeReason: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// The revision a write takes: inside the writing transaction, so revisions commit in the order they are given.
    static func nextRevision(on db: any Database) async throws -> Int {
        try await SequenceAllocator.next("job_postings", on: db)
    }
}

/// 求职登记: one per person; registering again updates it, and it ends when the person is employed.
package final class JobSeekerRecord: Model, @unchecked Sendable {
    package static let schema = "job_seekers"

    @ID(key: .id) package var id: UUID?
    @Field(key: "citizen_id") var citizenID: UUID
    /// Up to three occupation codes, comma-separated.
    @Field(key: "occupations") var occupations: String
    @OptionalField(key: "expected_wage_fen") var expectedWageFen: Int?
    @OptionalField(key: "max_distance_m") var maximumDistanceMeters: Int?
    /// Up to three acceptable workplaces (the city, counties, townships), comma-separated division codes; empty: anywhere.
    @Field(key: "places") var places: String
    @Field(key: "education") var education: Int
    @OptionalField(key: "skills") var skills: String?
    @Field(key: "available_from") var availableFrom: String
    @Field(key: "residence_division") var residenceDivision: String
    @Field(key: "longitude") var longitude: Double
    @Field(key: "latitude") var latitude: Double
    @Field(key: "service_point_id") var servicePointID: UUID
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "registered_at") var registeredAt: Date
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "end_reason") var endReason: String?

    package init() {}

    var occupationCodes: [String] { Self.occupationCodes(occupations) }
    var placeCodes: [DivisionCode] { Self.placeCodes(places) }

    static func occupationCodes(_ stored: String) -> [String] { stored.split(separator: ",").map(String.init) }
    static func placeCodes(_ stored: String) -> [DivisionCode] { stored.split(separator: ",").compactMap { try? DivisionCode(String($0)) } }
    var isActive: Bool { endedOn == nil }

    /// The person's registration, read on every recommendation page: plain SQL and a hand-filled record, without
    /// Fluent's per-query model reflection (as `CitizenRecord.find`).
    static func find(citizen: UUID, on db: any Database) async throws -> JobSeekerRecord? {
        guard let row = try await (db as! any SQLDatabase).raw("SELECT * FROM job_seekers WHERE citizen_id = \(bind: citizen)").first() else {
            return nil
        }
        let record = JobSeekerRecord()
        record.id = try row.decode(column: "id", as: UUID.self)
        record.citizenID = try row.decode(column: "citizen_id", as: UUID.self)
        record.occupations = try row.decode(column: "occupations", as: String.self)
        record.expectedWageFen = try row.decode(column: "expected_wage_fen", as: Int?.self)
        record.maximumDistanceMeters = try row.decode(column: "max_distance_m", as: Int?.self)
        record.places = try row.decode(column: "places", as: String.self)
        record.education = try row.decode(column: "education", as: Int.self)
        record.skills = try row.decode(column: "skills", as: String?.self)
        record.availableFrom = try row.decode(column: "available_from", as: String.self)
        record.residenceDivision = try row.decode(column: "residence_division", as: String.self)
        record.longitude = try row.decode(column: "longitude", as: Double.self)
        record.latitude = try row.decode(column: "latitude", as: Double.self)
        record.servicePointID = try row.decode(column: "service_point_id", as: UUID.self)
        record.caseID = try row.decode(column: "case_id", as: UUID?.self)
        record.registeredAt = try row.decode(column: "registered_at", as: Date.self)
        record.endedOn = try row.decode(column: "ended_on", as: String?.self)
        record.endReason = try row.decode(column: "end_reason", as: String?.self)
        // Loaded, not new: a later `save(on:)` updates it.
        record.$id.exists = true
        return record
    }

    /// The matcher's view of this seeker on `today`; nil when the birth date cannot be read.
    func profile(born: CalendarDate, today: CalendarDate) -> JobSeekerProfile? {
        guard let education = EducationLevel(rawValue: education),
              let residence = GeoCoordinate(longitude: longitude, latitude: latitude) else { return nil }
        return JobSeekerProfile(occupations: occupationCodes, expectedWageFen: expectedWageFen, maximumDistanceMeters: maximumDistanceMeters,
                                places: placeCodes, education: education, ageYears: today.completedYears(since: born), residence: residence,
                                availableFrom: CalendarDate(iso: availableFrom))
    }

    /// What `profile(row:today:)` reads, from `job_seekers s JOIN citizens c`: lists of seekers are read as rows,
    /// without a model per seeker.
    package static let profileColumns: SQLQueryString = """
        s.occupations, s.expected_wage_fen, s.max_distance_m, s.places, s.education, s.available_from, s.longitude, s.latitude, c.birth_date
        """

    /// The matcher's view of a seeker read as a row of `profileColumns` on `today`; nil when the row cannot be read.
    package static func profile(row: any SQLRow, today: CalendarDate) throws -> JobSeekerProfile? {
        guard let born = CalendarDate(iso: try row.decode(column: "birth_date", as: String.self)),
              let education = EducationLevel(rawValue: try row.decode(column: "education", as: Int.self)),
              let home = GeoCoordinate(longitude: try row.decode(column: "longitude", as: Double.self),
                                       latitude: try row.decode(column: "latitude", as: Double.self)) else { return nil }
        return JobSeekerProfile(occupations: occupationCodes(try row.decode(column: "occupations", as: String.self)),
                                expectedWageFen: try row.decode(column: "expected_wage_fen", as: Int?.self),
                                maximumDistanceMeters: try row.decode(column: "max_distance_m", as: Int?.self),
                                places: placeCodes(try row.decode(column: "places", as: String.self)), education: education,
                                ageYears: today.completedYears(since: born), residence: home,
                                availableFrom: CalendarDate(iso: try row.decode(column: "available_from", as: String.self)))
    }
}

/// The occupation list postings and seekers choose from.
extension Occupation {
    /// A seeker's wanted occupation by name; a whole major group says so, as it takes in every group under it.
    static func wanted(_ code: String, names: [String: String]) -> String {
        (names[code] ?? code) + (code.contains("-") ? "" : "（整个大类）")
    }
}

enum OccupationStore {
    /// The list as a chooser shows it: grouped by major group (`OccupationChooser`).
    static func grouped(on db: any Database) async throws -> GroupedChoices {
        OccupationChooser.grouped(try await all(on: db))
    }

    static func all(on db: any Database) async throws -> [Occupation] {
        try await (db as! any SQLDatabase).raw("SELECT code, name FROM occupations ORDER BY code").all().map {
            Occupation(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self))
        }
    }

    /// The names of `codes` (a seeker's few), without reading the whole list.
    static func names(of codes: [String], on db: any Database) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).select().columns("code", "name").from("occupations").where("code", .in, codes).all()
        return Dictionary(try rows.map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self)) },
                          uniquingKeysWith: { first, _ in first })
    }
}

/// Where a division is on the map: its own service point, or the nearest one above it (a village without a point
/// takes its township's). Pages say the distance is between service points.
package enum DivisionLocator {
    /// Where a registering citizen lives, as matching measures it; refused when no point locates it.
    static func residence(of citizenID: UUID, on db: any Database) async throws -> (division: DivisionCode, home: GeoCoordinate) {
        guard let citizen = try await CitizenRecord.find(id: citizenID, on: db),
              let residence = try? DivisionCode(citizen.residenceDivisionCode),
              let home = try await coordinate(of: residence, on: db) else {
            throw PublicError(.unprocessableEntity, "该群众的居住地没有可定位的服务点，无法登记（请先核对居住地）")
        }
        return (residence, home)
    }

    package static func coordinate(of code: DivisionCode, on db: any Database) async throws -> GeoCoordinate? {
        var chain: [String] = []
        var current: DivisionCode? = code
        while let division = current, division.depth >= 2 {
            chain.append(division.value)
            current = division.parent
        }
        guard !chain.isEmpty else { return nil }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT division_code, longitude, latitude FROM service_points WHERE division_code IN (\(binds: chain))
            """).all()
        var found: [String: GeoCoordinate] = [:]
        for row in rows {
            let division = try row.decode(column: "division_code", as: String.self)
            if found[division] == nil,
               let point = GeoCoordinate(longitude: try row.decode(column: "longitude", as: Double.self),
                                         latitude: try row.decode(column: "latitude", as: Double.self)) {
                found[division] = point
            }
        }
        return chain.lazy.compactMap { found[$0] }.first
    }
}
