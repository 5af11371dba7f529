import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 零工求职登记: one per person. Fluent models cannot be checked `Sendable`: an instance stays inside one task.
package final class GigSeekerRecord: Model, @unchecked Sendable {
    package static let schema = "gig_seekers"

    @ID(key: .id) package var id: UUID?
    @Field(key: "citizen_id") var citizenID: UUID
    @Field(key: "skills") var skills: String
    /// The county whose list the skills were chosen from (empty: the residence county).
    @Field(key: "skills_county") var skillsCounty: String
    @Field(key: "weekdays") var weekdays: String
    @OptionalField(key: "expected_day_wage_fen") var expectedDayWageFen: Int?
    @OptionalField(key: "radius_m") var radiusMeters: Int?
    @Field(key: "residence_division") var residenceDivision: String
    @Field(key: "longitude") var longitude: Double
    @Field(key: "latitude") var latitude: Double
    @Field(key: "service_point_id") var servicePointID: UUID
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "registered_at") var registeredAt: Date
    @OptionalField(key: "ended_on") package var endedOn: String?
    @OptionalField(key: "end_reason") var endReason: String?

    package init() {}

    var skillCodes: [String] { skills.split(separator: ",").map(String.init) }
    var weekdaySet: Set<Int> { Set(weekdays.split(separator: ",").compactMap { Int($0) }) }
    var isActive: Bool { endedOn == nil }

    package var profile: GigSeekerProfile? {
        guard let home = GeoCoordinate(longitude: longitude, latitude: latitude) else { return nil }
        let county = skillsCounty.isEmpty ? String(residenceDivision.prefix(6)) : skillsCounty
        return GigSeekerProfile(id: citizenID.uuidString.lowercased(), skills: skillCodes.map { GigSkill.matchKey($0, county: county) },
                                weekdays: weekdaySet,
                                expectedDayWageFen: expectedDayWageFen, radiusMeters: radiusMeters, residence: home)
    }

    static func find(citizen: UUID, on db: any Database) async throws -> GigSeekerRecord? {
        try await query(on: db).filter(\.$citizenID == citizen).first()
    }
}

/// 招聘零工: one gig, posted by a person or a unit through item 7.
package final class GigPostingRecord: Model, @unchecked Sendable {
    package static let schema = "gig_postings"

    @ID(key: .id) package var id: UUID?
    @Field(key: "citizen_id") var citizenID: UUID
    @Field(key: "revision") var revision: Int
    @OptionalField(key: "recruiter_unit") var recruiterUnit: String?
    @Field(key: "skill") var skill: String
    @Field(key: "county_code") var countyCode: String
    @Field(key: "content") var content: String
    @Field(key: "place_division") var placeDivision: String
    @Field(key: "longitude") var longitude: Double
    @Field(key: "latitude") var latitude: Double
    @Field(key: "address") var address: String
    @Field(key: "start_on") var startOn: String
    @Field(key: "end_on") var endOn: String
    @Field(key: "headcount") var headcount: Int
    @Field(key: "hired") var hired: Int
    @Field(key: "day_wage_fen") var dayWageFen: Int
    @Field(key: "contact_phone_sealed") var contactPhoneSealed: String
    @Field(key: "service_point_id") var servicePointID: UUID
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "created_at") var createdAt: Date

    package init() {}

    package static let phoneContext = "gig_postings.contact_phone"

    func state(today: CalendarDate) -> GigState {
        GigState.of(lastDay: CalendarDate(iso: endOn) ?? today, headcount: headcount, hired: hired, today: today)
    }

    func profile(skillName: String) -> GigProfile? {
        guard let id, let from = CalendarDate(iso: startOn), let to = CalendarDate(iso: endOn),
              let place = GeoCoordinate(longitude: longitude, latitude: latitude) else { return nil }
        return GigProfile(id: id.uuidString.lowercased(), skill: GigSkill.matchKey(skill, county: countyCode), skillName: skillName,
                          days: from...to, dayWageFen: dayWageFen,
                          place: place, openPlaces: max(0, headcount - hired))
    }
}
