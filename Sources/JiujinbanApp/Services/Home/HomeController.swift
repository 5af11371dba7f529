import Fluent
import JiujinbanRules
import Vapor

/// The start page: the four service groups and, per county, its service-point coverage.
enum HomeController {
    struct CountyRow: Sendable {
        let county: DivisionSummary
        let counts: ServicePointCounts
    }

    static func register(_ app: Application) {
        app.get(.home, .signedIn) { req -> Response in
            let rows = try await rows(for: try req.requireStaff(), on: req.db)
            return HTMLResponse.make(HomePage.render(rows: rows, catalogue: req.jiujinban.catalogue, context: PageContext(req)))
        }
    }

    /// Per county of the user's division (or the one county it works in), its service-point coverage.
    static func rows(for staff: SignedInStaff, on db: any Database) async throws -> [CountyRow] {
        var rows: [CountyRow] = []
        for county in try await DivisionQueries.descendants(of: nil, level: .county, on: db) {
            // The counties of the account's subtree, or the one county it works in.
            guard let code = county.divisionCode, staff.scopeRoot.contains(code) || code.contains(staff.scopeRoot) else { continue }
            rows.append(CountyRow(county: county, counts: try await ServicePointQueries.counts(in: code, on: db)))
        }
        return rows
    }
}
