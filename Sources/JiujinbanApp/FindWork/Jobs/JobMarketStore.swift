import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// This instance's copy of the open postings (item 2's ranking, item 3's search).
package typealias JobMarketStore = MarketCopy<JobMarket>

extension JobMarket: RevisionedMarket {
    package static let table = "job_postings"
    package static let revisionColumn = "p.revision"

    package static func stillShown(on today: CalendarDate) -> SQLQueryString {
        "p.closed_at IS NULL AND p.valid_until >= \(bind: today.iso)"
    }

    package mutating func apply(row: any SQLRow) throws { apply(try Self.posting(row)) }

    package static func select(_ condition: SQLQueryString) -> SQLQueryString {
        """
        SELECT p.id, p.revision, p.employer_id, e.name AS employer_name, p.title, p.occupation, o.name AS occupation_name,
            p.headcount, p.wage_min_fen, p.wage_max_fen, p.education, p.age_min, p.age_max, p.workplace_division,
            p.longitude, p.latitude, p.address, p.hours, p.valid_until, p.closed_at
        FROM job_postings p JOIN employers e ON e.id = p.employer_id LEFT JOIN occupations o ON o.code = p.occupation
        WHERE \(condition)
        """
    }

    static func posting(_ row: any SQLRow) throws -> JobMarket.Posting {
        let occupation = try row.decode(column: "occupation", as: String.self)
        let youngest = try row.decode(column: "age_min", as: Int?.self), oldest = try row.decode(column: "age_max", as: Int?.self)
        let longitude = try row.decode(column: "longitude", as: Double.self), latitude = try row.decode(column: "latitude", as: Double.self)
        guard let workplace = GeoCoordinate(longitude: longitude, latitude: latitude),
              let until = CalendarDate(iso: try row.decode(column: "valid_until", as: String.self)),
              let division = try? DivisionCode(try row.decode(column: "workplace_division", as: String.self)) else {
            throw PublicError(.internalServerError, "岗位数据损坏：\(try row.decode(column: "id", as: UUID.self))")
        }
        return JobMarket.Posting(
            id: try row.decode(column: "id", as: UUID.self).uuidString.lowercased(), revision: try row.decode(column: "revision", as: Int.self),
            employerID: try row.decode(column: "employer_id", as: UUID.self).uuidString.lowercased(),
            employerName: try row.decode(column: "employer_name", as: String.self), title: try row.decode(column: "title", as: String.self),
            occupation: occupation, occupationName: try row.decode(column: "occupation_name", as: String?.self) ?? occupation,
            headcount: try row.decode(column: "headcount", as: Int.self),
            wageMinimumFen: try row.decode(column: "wage_min_fen", as: Int.self), wageMaximumFen: try row.decode(column: "wage_max_fen", as: Int.self),
            minimumEducation: try row.decode(column: "education", as: Int?.self).flatMap(EducationLevel.init(rawValue:)),
            ages: youngest.map { $0...(oldest ?? StatutoryRetirement.highestAgeYears) } ?? oldest.map { 16...$0 },
            workplace: workplace, workplaceDivision: division, address: try row.decode(column: "address", as: String.self),
            hours: try row.decode(column: "hours", as: String?.self), validUntil: until,
            closed: try row.decode(column: "closed_at", as: Date?.self) != nil)
    }
}

extension Application {
    private struct JobMarketKey: StorageKey {
        typealias Value = JobMarketStore
    }

    /// Set up once in `configure`.
    var jobMarket: JobMarketStore {
        get {
            guard let store = storage[JobMarketKey.self] else { fatalError("the job market store is set up in configure") }
            return store
        }
        set { storage[JobMarketKey.self] = newValue }
    }
}

extension Request {
    /// The open postings as of this request.
    func jobMarket() async throws -> JobMarket {
        try await application.jobMarket.current(on: db, today: jiujinban.clock.today)
    }
}
