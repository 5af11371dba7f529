import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// A market an instance keeps in memory (the open fixed postings, the gigs): what it reads from its table, what a
/// first load keeps, and how a row changes it.
package protocol RevisionedMarket: Sendable {
    init()
    /// The highest revision applied.
    var revision: Int { get }
    mutating func caughtUp(to revision: Int)
    mutating func apply(row: any SQLRow) throws
    /// The table whose `revision` column, taken from a sequence inside each writing transaction, orders its changes.
    static var table: String { get }
    /// The `revision` column as `select` names it.
    static var revisionColumn: String { get }
    static func select(_ condition: SQLQueryString) -> SQLQueryString
    /// What a first load keeps: the rows that can still be shown on `today`.
    static func stillShown(on today: CalendarDate) -> SQLQueryString
}

/// This instance's copy of a market. Before each use it asks the database for the revisions written since its last
/// look (one indexed query), so a change made through another instance is seen on the next request. Revisions
/// commit in order (the sequence's row is locked until commit), so none is skipped.
package actor MarketCopy<Market: RevisionedMarket> {
    private var market = Market()
    private var loaded = false
    /// The first load, shared by the requests that arrive while it runs.
    private var firstLoad: Task<Market, any Error>?

    package init() {}

    /// The market as of now.
    package func current(on db: any Database, today: CalendarDate) async throws -> Market {
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
        let column = Market.revisionColumn
        let rows = try await (db as! any SQLDatabase).raw(
            Market.select("\(unsafeRaw: column) > \(bind: market.revision)") + " ORDER BY \(unsafeRaw: column)").all()
        if !rows.isEmpty {
            var fresh = market
            for row in rows { try fresh.apply(row: row) }
            market = fresh
        }
        return market
    }

    /// What can still be shown, and the revision it is complete up to; every later change comes by revision.
    static func load(on db: any Database, today: CalendarDate) async throws -> Market {
        let sql = db as! any SQLDatabase
        let top = try await sql.raw("SELECT MAX(revision) AS top FROM \(unsafeRaw: Market.table)").first()?
            .decode(column: "top", as: Int?.self) ?? 0
        let rows = try await sql.raw(Market.select(
            "\(unsafeRaw: Market.revisionColumn) <= \(bind: top) AND " + Market.stillShown(on: today))).all()
        var market = Market()
        for row in rows { try market.apply(row: row) }
        market.caughtUp(to: top)
        return market
    }
}
