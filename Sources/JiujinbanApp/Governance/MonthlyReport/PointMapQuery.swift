import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 服务点分布图's value: a county's (or one of its townships') points with their acceptance status, the map drawn
/// from their coordinates, and the coverage figures.
struct PointMapView: Sendable {
    let map: ServicePointMap
    let entries: [PointMapController.Entry]
    let coverage: MapCoverage
    let county: DivisionCode
    let countyName: String
    /// The township shown, or nil for the whole county.
    let township: DivisionCode?
    let townships: [DivisionSummary]
    let figuresAreDemo: Bool
}

enum PointMapQuery {
    /// - Parameter root: the county, or a township of it; the caller has checked the county is within the user's division.
    static func load(county: DivisionCode, root: DivisionCode, on db: any Database) async throws -> PointMapView {
        let points = try await ServicePointQueries.all(in: root, on: db).filter { $0.kind != .bankBranch }
        var passed: [UUID: Bool] = [:]
        for record in try await AcceptanceRecord.query(on: db).filter(\.$servicePointID ~~ points.map(\.id))
            .sort(\.$inspectedOn).sort(\.$createdAt).all() {
            passed[record.servicePointID] = record.passed
        }
        let entries = points.map { point in
            PointMapController.Entry(point: point, status: point.status != .active ? .disabled : (passed[point.id] == true ? .accepted : .pending))
        }
        let map = ServicePointMap(points: entries.compactMap { entry in
            entry.point.coordinate.map {
                ServicePointMap.Point(label: "\(entry.point.townshipName) \(entry.point.name)（\(entry.status.label)）", coordinate: $0,
                                      farthestResidenceMeters: entry.point.farthestResidenceMeters, status: entry.status,
                                      isTownship: entry.point.kind == .townshipCentre)
            }
        })
        let villages = try await (db as! any SQLDatabase).raw("""
            SELECT COUNT(*) AS n FROM divisions WHERE code LIKE \(bind: root.scopePrefix + "%") AND level IN ('village', 'community')
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let division = try await DivisionQueries.find(root.value, on: db)
        let active = entries.filter { $0.status != .disabled }
        let coverage = MapCoverage(points: active.count, residents: division?.population ?? 0, villagesAndCommunities: villages,
                                   withPoint: Set(active.filter { $0.point.kind == .village || $0.point.kind == .community }.map(\.point.divisionCode)).count)
        let townships = try await DivisionQueries.descendants(of: county, level: .township, on: db)
        let countyName = try await DivisionQueries.find(county.value, on: db)?.name ?? county.value
        return PointMapView(map: map, entries: entries, coverage: coverage, county: county, countyName: countyName,
                            township: root == county ? nil : root, townships: townships, figuresAreDemo: division?.figuresAreDemo ?? false)
    }
}
