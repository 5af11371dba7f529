import Fluent
import JiujinbanRules
import SQLKit
import Vapor

/// The divisions the employment directories (job fairs, archive offices) are filed under: a city or county, or the
/// province. Admins publish for their own division and those below it down to the counties; everyone filters by
/// any city or county of the province.
enum DirectoryDivisions {
    static let levels: [DivisionLevel] = [.province, .city, .county]

    /// The province, cities and counties inside `scope` (all of them when nil), ordered by code, so each county
    /// follows its city.
    static func all(within scope: DivisionCode?, on db: any Database) async throws -> [DivisionSummary] {
        var found: [DivisionSummary] = []
        for level in levels {
            found += try await DivisionQueries.descendants(of: scope, level: level, on: db)
        }
        return found.sorted { $0.code < $1.code }
    }

    /// What an admin may publish for.
    static func writable(by staff: SignedInStaff, on db: any Database) async throws -> [DivisionSummary] {
        try await all(within: staff.scopeRoot, on: db).filter { $0.divisionCode.map(staff.mayWrite) ?? false }
    }

    /// The select's choices: each city first in its own group, its counties beneath it (a province has a hundred).
    static func options(_ divisions: [DivisionSummary]) -> GroupedChoices {
        PlaceChooser.grouped(divisions.compactMap { division in
            division.divisionCode.map { PlaceChooser.Place(code: $0, name: division.name, level: division.level) }
        }, offering: Set(levels))
    }

    /// Names by code, for the codes on a page.
    static func names(_ codes: [String], on db: any Database) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        let found = try await Division.query(on: db).filter(\.$id ~~ Array(Set(codes))).all()
        return Dictionary(uniqueKeysWithValues: found.compactMap { division in division.id.map { ($0, division.name) } })
    }

    /// The subtree filter of a list: `division_code LIKE '1408%'`, the prefix being digits only.
    static func appendFilter(_ division: DivisionCode?, to query: inout SQLQueryString) {
        guard let division else { return }
        query.appendInterpolation(unsafeRaw: " AND division_code LIKE ")
        query.appendInterpolation(bind: division.scopePrefix + "%")
    }

    /// Every term as a folded `LIKE` on `search_text` (`%`, `_` and `\` taken literally), as the policies do.
    static func appendTerms(_ terms: [String], to query: inout SQLQueryString) {
        for term in terms {
            query.appendInterpolation(unsafeRaw: " AND search_text LIKE ")
            query.appendInterpolation(bind: "%" + PolicyRecord.likeEscaped(term) + "%")
            query.appendInterpolation(unsafeRaw: " ESCAPE '\\'")
        }
    }
}

/// A directory form after its rules ran: the facts to store, or the refused form to show again.
enum DirectoryFormOutcome<Facts: Sendable>: Sendable {
    case valid(Facts)
    case refused(Response)
}
