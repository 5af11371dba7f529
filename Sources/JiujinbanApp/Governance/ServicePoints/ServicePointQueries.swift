import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// Filters of the service-point list.
struct ServicePointFilter: Sendable, Equatable {
    var scope: DivisionCode?
    var township: DivisionCode?
    var kind: ServicePointKind?
    var status: ServicePointStatus?
    /// A service point's own account sees only its point.
    var onlyPoint: UUID?
    var page: Int = 1

    static let pageSize = 50
}

/// Per-kind counts of service points in a subtree.
struct ServicePointCounts: Sendable, Equatable {
    var township = 0
    var village = 0
    var community = 0
    var bankBranch = 0
    var disabled = 0

    /// 合计 as attachment 2 counts it: township, village and community points.
    var total: Int { township + village + community }

    mutating func add(kind: ServicePointKind, status: ServicePointStatus, count: Int) {
        switch kind {
        case .townshipCentre: township += count
        case .village: village += count
        case .community: community += count
        case .bankBranch: bankBranch += count
        }
        if status == .disabled { disabled += count }
    }
}

enum ServicePointQueries {
    static func find(_ id: UUID, on db: any Database) async throws -> ServicePointSummary? {
        guard let point = try await ServicePoint.find(id, on: db) else { return nil }
        return point.summary(names: try await names(for: [point], on: db))
    }

    static func list(_ filter: ServicePointFilter, on db: any Database) async throws -> (points: [ServicePointSummary], total: Int) {
        let query = ServicePoint.query(on: db)
        if let scope = filter.scope { query.filter(\.$divisionCode =~ scope.scopePrefix) }
        if let township = filter.township { query.filter(\.$divisionCode =~ township.scopePrefix) }
        if let kind = filter.kind { query.filter(\.$kind == kind.rawValue) }
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if let only = filter.onlyPoint { query.filter(\.$id == only) }
        let total = try await query.copy().count()
        let page = max(1, filter.page)
        let points = try await query.sort(\.$divisionCode).sort(\.$code)
            .range(((page - 1) * ServicePointFilter.pageSize)..<(page * ServicePointFilter.pageSize))
            .all()
        let names = try await names(for: points, on: db)
        return (points.map { $0.summary(names: names) }, total)
    }

    /// Every point in a county, in code order, for exports.
    static func all(in scope: DivisionCode, on db: any Database) async throws -> [ServicePointSummary] {
        let points = try await ServicePoint.query(on: db)
            .filter(\.$divisionCode =~ scope.scopePrefix)
            .sort(\.$divisionCode).sort(\.$code).all()
        let names = try await names(for: points, on: db)
        return points.map { $0.summary(names: names) }
    }

    /// Counts per child division of `parent` (children's codes have `childPrefixLength` significant digits).
    static func countsByChild(under parent: DivisionCode, childPrefixLength: Int, on db: any Database) async throws -> [String: ServicePointCounts] {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT substr(division_code, 1, \(literal: childPrefixLength)) AS child, kind, status, COUNT(*) AS n
            FROM service_points WHERE division_code LIKE \(bind: parent.scopePrefix + "%")
            GROUP BY 1, 2, 3
            """).all()
        var counts: [String: ServicePointCounts] = [:]
        for row in rows {
            let child = try row.decode(column: "child", as: String.self)
            guard let kind = ServicePointKind(rawValue: try row.decode(column: "kind", as: String.self)),
                  let status = ServicePointStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            counts[child, default: ServicePointCounts()].add(kind: kind, status: status, count: try row.decode(column: "n", as: Int.self))
        }
        return counts
    }

    /// Counts for the whole subtree of `scope`.
    static func counts(in scope: DivisionCode, on db: any Database) async throws -> ServicePointCounts {
        let byChild = try await countsByChild(under: scope, childPrefixLength: scope.scopePrefix.count, on: db)
        return byChild[scope.scopePrefix] ?? ServicePointCounts()
    }

    /// Names of the divisions and townships the points sit in, in one query.
    static func names(for points: [ServicePoint], on db: any Database) async throws -> [String: String] {
        var codes = Set<String>()
        for point in points {
            codes.insert(point.divisionCode)
            codes.insert(String(point.divisionCode.prefix(9)) + "000")
        }
        guard !codes.isEmpty else { return [:] }
        let divisions = try await Division.query(on: db).filter(\.$id ~~ Array(codes)).all()
        return Dictionary(uniqueKeysWithValues: divisions.map { ($0.id ?? "", $0.shortName) })
    }

    /// The next free point code in a division: the division code and a two-digit sequence (14083010020401).
    static func nextCode(in division: DivisionCode, on db: any Database) async throws -> String {
        let existing = try await ServicePoint.query(on: db)
            .filter(\.$code =~ division.value).all(\.$code)
        let used = Set(existing.compactMap { Int($0.dropFirst(12)) })
        let next = (1...99).first { !used.contains($0) } ?? 99
        return division.value + String(format: "%02d", next)
    }
}
