import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// This instance's copy of the gigs that can still take people (item 5's ranking).
package typealias GigMarketStore = MarketCopy<GigMarket>

extension GigMarket: RevisionedMarket {
    package static let table = "gig_postings"
    package static let revisionColumn = "revision"

    package static func stillShown(on today: CalendarDate) -> SQLQueryString {
        "end_on >= \(bind: today.iso) AND hired < headcount"
    }

    package mutating func apply(row: any SQLRow) throws { apply(try Self.gig(row)) }

    package static func select(_ condition: SQLQueryString) -> SQLQueryString {
        """
        SELECT id, revision, skill, county_code, start_on, end_on, headcount, hired, day_wage_fen, longitude, latitude
        FROM gig_postings WHERE \(condition)
        """
    }

    /// Skill names are the county's; the market keeps the code and the pages name it.
    static func gig(_ row: any SQLRow) throws -> GigMarket.Gig {
        guard let first = CalendarDate(iso: try row.decode(column: "start_on", as: String.self)),
              let last = CalendarDate(iso: try row.decode(column: "end_on", as: String.self)),
              let place = GeoCoordinate(longitude: try row.decode(column: "longitude", as: Double.self),
                                        latitude: try row.decode(column: "latitude", as: Double.self)) else {
            throw PublicError(.internalServerError, "零工岗位数据损坏：\(try row.decode(column: "id", as: UUID.self))")
        }
        let skill = try row.decode(column: "skill", as: String.self)
        let county = try row.decode(column: "county_code", as: String.self)
        return GigMarket.Gig(revision: try row.decode(column: "revision", as: Int.self), profile: GigProfile(
            id: try row.decode(column: "id", as: UUID.self).uuidString.lowercased(), skill: GigSkill.matchKey(skill, county: county),
            skillName: GigSkill.defaults.first { $0.code == skill }?.name ?? skill, days: first...max(first, last),
            dayWageFen: try row.decode(column: "day_wage_fen", as: Int.self), place: place,
            openPlaces: try row.decode(column: "headcount", as: Int.self) - (try row.decode(column: "hired", as: Int.self))))
    }
}

extension Application {
    private struct GigMarketKey: StorageKey {
        typealias Value = GigMarketStore
    }

    var gigMarket: GigMarketStore {
        get {
            guard let store = storage[GigMarketKey.self] else { fatalError("the gig market store is set up in configure") }
            return store
        }
        set { storage[GigMarketKey.self] = newValue }
    }
}
