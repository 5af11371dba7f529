import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 服务点分布图: a county's service points on an SVG map drawn from their coordinates, coloured by acceptance and
/// status, each ringed by its farthest-residence distance; a township filter, the list beside it, and the coverage.
enum PointMapController {
    static func register(_ app: Application) {
        app.get(.pointMap(), .capability(.viewMonthlyReport), use: show)
    }

    struct Entry: Sendable {
        let point: ServicePointSummary
        let status: ServicePointMap.Status
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard case .subtree(let own) = staff.scope else { throw PublicError(.forbidden, "服务点分布图仅供人社部门查看") }
        func query(_ name: String) -> DivisionCode? {
            (try? req.query.get(String.self, at: name)).flatMap { try? DivisionCode(TextField.clean($0)) }
        }
        var county = own.depth == 2 ? own : nil
        if let asked = query("county") {
            guard asked.depth == 2 else { throw PublicError.notFound("该县的服务点分布图") }
            guard own.contains(asked) else { throw OutOfScope("该县的服务点分布图", objectType: "division", objectID: asked.value) }
            county = asked
        }
        guard let county else {
            let counties = try await DivisionQueries.descendants(of: own, level: .county, on: req.db)
            return HTMLResponse.make(PointMapPage.chooseCounty(counties, context: PageContext(req)))
        }
        var root = county
        if let township = query("township"), township.depth == 3, county.contains(township) { root = township }
        let view = try await PointMapQuery.load(county: county, root: root, on: req.db)
        return HTMLResponse.make(PointMapPage.render(view, context: PageContext(req)))
    }
}
