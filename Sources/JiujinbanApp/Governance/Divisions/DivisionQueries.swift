import Fluent
import JiujinbanRules
import SQLKit

/// Reads of the division tree.
enum DivisionQueries {
    static func find(_ code: String, on db: any Database) async throws -> DivisionSummary? {
        try await Division.find(code, on: db)?.summary
    }

    static func children(of code: String, on db: any Database) async throws -> [DivisionSummary] {
        try await Division.query(on: db).filter(\.$parentCode == code).sort(\.$id).all().map(\.summary)
    }

    /// The chain from the root down to `code`, for breadcrumbs.
    static func ancestry(of code: String, on db: any Database) async throws -> [DivisionSummary] {
        guard let parsed = try? DivisionCode(code) else { return [] }
        var codes: [String] = [parsed.value]
        var cursor = parsed.parent
        while let next = cursor {
            codes.append(next.value)
            cursor = next.parent
        }
        let found = try await Division.query(on: db).filter(\.$id ~~ codes).all().map(\.summary)
        return found.sorted { $0.level < $1.level }
    }

    /// Every division at `level` inside the subtree of `scope` (everywhere when nil), ordered by code.
    static func descendants(of scope: DivisionCode?, level: DivisionLevel, on db: any Database) async throws -> [DivisionSummary] {
        let query = Division.query(on: db).filter(\.$level == level.rawValue)
        if let scope { query.filter(\.$id =~ scope.scopePrefix) }
        return try await query.sort(\.$id).all().map(\.summary)
    }

    /// The level of an existing division, or nil: what the validators need to know.
    static func levels(of codes: [String], on db: any Database) async throws -> [String: DivisionLevel] {
        let found = try await Division.query(on: db).filter(\.$id ~~ codes).all()
        return Dictionary(uniqueKeysWithValues: found.compactMap { division in
            DivisionLevel(rawValue: division.level).map { (division.id ?? "", $0) }
        })
    }
}
