import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// This instance's copy of the gigs that can still take people, caught up by revision before each use (as
/// `JobMarketStore` does for fixed postings).
actor GigMarketStore {
    private var market = GigMarket()
    private var loaded = false
    private var firstLoad: Task<GigMarket, any Error>?

    func current(on db: any Database, today: CalendarDate) async throws -> GigMarket {
        if !loaded {
            let load = firstLoad ?? Task { try await Self.load(on: db, today: today) }
            firstLoad = load
            do {
                let fresh = try await load.value
                if !loaded {
                    market = fresh
                    loaded = true
                }
            } catch {
                firstLoad = nil
                throw error
            }
        }
        let rows = try await (db as! any SQLDatabase).raw(Self.select("revision > \(bind: market.revision)") + " ORDER BY revision").all()
        if !rows.isEmpty {
            var fresh = market
            for row in rows { fresh.apply(try Self.gig(row)) }
            market = fresh
        }
        return market
    }

    static func load(on db: any Database, today: CalendarDate) async throws -> GigMarket {
        let sql = db as! any SQLDatabase
        let top = try await sql.raw("SELECT MAX(revision) AS top FROM gig_postings").first()?.decode(column: "top", as: Int?.self) ?? 0
        let rows = try await sql.raw(select("revision <= \(bind: top) AND end_on >= \(bind: today.iso) AND hired < headcount")).all()
        var market = GigMarket()
        for row in rows { market.apply(try gig(row)) }
        market.caughtUp(to: top)
        return market
    }

    static func select(_ condition: SQLQueryString) -> SQLQueryString {
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
        return GigMarket.Gig(revision: try row.decode(column: "revision", as: Int.self), profile: GigProfile(
            id: try row.decode(column: "id", as: UUID.self).uuidString.lowercased(), skill: skill,
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
