import Fluent
import SQLKit
import Foundation
import JiujinbanRules
import Vapor

/// What the figure pages show: each figure of the province or of a county the user may read, its rows newest first,
/// and whether the user may change it. Plain values, built from the book (`PolicyFigureBook`) and the counties'
/// names.
struct PolicyFigureView: Sendable {
    let key: PolicyFigureKey
    let county: DivisionCode?
    /// `全省` or the county's name.
    let owner: String
    /// Newest first, each row 已更正 right after the correction that replaced it.
    let rows: [PolicyFigureRow]
    /// The row in force today, if any.
    let current: PolicyFigureRow?
    let mayChange: Bool
    /// Who entered each row and when: `褚卫东 2026-11-25`, or `系统初始数据 …` for a seeded row.
    var setters: [UUID: String] = [:]

    var url: SiteURL { .policyFigure(key, county: county) }
    var pendingCount: Int { rows.filter { $0.status == .unconfirmed && !$0.isSuperseded }.count }
    /// The row a successor ends.
    var latest: PolicyFigureRow? { rows.first { !$0.isSuperseded } }
}

enum PolicyFiguresQuery {
    /// Every figure the user may read: the provincial ones, and per county-scoped key the counties of the user's
    /// division that have rows, plus the user's own county (so its admin can set a figure it has none of yet).
    static func list(req: Request, staff: SignedInStaff) async throws -> [PolicyFigureView] {
        let book = try await req.policyFigures()
        let unit = staff.account.unit
        var counties = Set(book.rows.compactMap(\.county).filter { PolicyFigureAccess.mayRead(county: $0, from: unit) })
        if let own = unit.county { counties.insert(own) }
        let names = try await countyNames(Array(counties), on: req.db)
        let today = req.jiujinban.clock.today
        return PolicyFigureKey.allCases.flatMap { key -> [PolicyFigureView] in
            switch key.definition.scope {
            case .province:
                return [view(key, county: nil, owner: "全省", book: book, staff: staff, today: today)]
            case .county:
                return counties.sorted().map { view(key, county: $0, owner: names[$0] ?? $0.countyCode, book: book, staff: staff, today: today) }
            }
        }
    }

    /// One figure, or an out-of-scope refusal (audited, answered as a missing page) for a county the user may not read.
    static func figure(_ key: PolicyFigureKey, county: DivisionCode?, req: Request, staff: SignedInStaff) async throws -> PolicyFigureView {
        if let county, !PolicyFigureAccess.mayRead(county: county, from: staff.account.unit) {
            throw OutOfScope("该政策参数", objectType: "policy_figure", objectID: "\(key.rawValue)@\(county.countyCode)")
        }
        let book = try await req.policyFigures()
        let names = try await countyNames(county.map { [$0] } ?? [], on: req.db)
        let owner = county.map { names[$0] ?? $0.countyCode } ?? "全省"
        var figure = view(key, county: county, owner: owner, book: book, staff: staff, today: req.jiujinban.clock.today)
        figure.setters = try await setters(of: figure.rows.map(\.id), on: req.db)
        return figure
    }

    /// Who entered each row (`set_by`, the account's real name) and on which day (`set_at`); a row the seed loaded
    /// has no one.
    static func setters(of ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let records = try await PolicyFigureRecord.query(on: db).filter(\.$id ~~ ids).all()
        let accounts = Array(Set(records.compactMap(\.setBy)))
        var names: [UUID: String] = [:]
        if !accounts.isEmpty {
            for row in try await (db as! any SQLDatabase).raw("""
                SELECT a.id, p.name FROM staff_accounts a JOIN staff_persons p ON p.id = a.person_id WHERE a.id IN (\(binds: accounts))
                """).all() {
                names[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self)
            }
        }
        return Dictionary(uniqueKeysWithValues: records.compactMap { record in
            record.id.map { ($0, (record.setBy.map { names[$0] ?? "（账号已删除）" } ?? "系统初始数据") + " " + CalendarDate(record.setAt).iso) }
        })
    }

    static func view(_ key: PolicyFigureKey, county: DivisionCode?, owner: String, book: PolicyFigureBook, staff: SignedInStaff,
                     today: CalendarDate) -> PolicyFigureView {
        let rows = book.record(key, county: county)
        return PolicyFigureView(key: key, county: county, owner: owner, rows: rows, current: rows.first { !$0.isSuperseded && $0.holds(on: today) },
                                mayChange: PolicyFigureAccess.mayChange(key, county: county, by: staff.account))
    }

    static func countyNames(_ codes: [DivisionCode], on db: any Database) async throws -> [DivisionCode: String] {
        guard !codes.isEmpty else { return [:] }
        let found = try await Division.query(on: db).filter(\.$id ~~ codes.map(\.value)).all()
        return Dictionary(uniqueKeysWithValues: found.compactMap { division in
            (try? DivisionCode(division.id ?? "")).map { ($0, division.name) }
        })
    }
}
