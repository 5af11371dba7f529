import Fluent
import Foundation
import JiujinbanRules

/// What the acceptance page shows of one point beside its form: earlier inspections (newest first), the
/// construction milestones, the point's kiosks and whether criterion 5 can score. Read by `AcceptanceQuery.load`,
/// rendered by `AcceptancePage`.
struct AcceptanceFacts: Sendable {
    struct Inspection: Sendable {
        let id: UUID
        let inspectedOn: String
        let total: Int
        let passed: Bool
        let reinspectOn: String?
        let inspectorName: String
        let photoCount: Int
    }

    struct Kiosk: Sendable {
        let serialNumber: String
        let installedOn: String
        let statusLabel: String
    }

    let history: [Inspection]
    /// Each milestone's date by `PointMilestoneRecord.Kind` raw value.
    let milestones: [String: String]
    let kiosks: [Kiosk]
    let permissionApplied: Bool
}

enum AcceptanceQuery {
    static func load(_ point: UUID, on db: any Database) async throws -> AcceptanceFacts {
        let history = try await AcceptanceRecord.query(on: db).filter(\.$servicePointID == point)
            .sort(\.$inspectedOn, .descending).sort(\.$createdAt, .descending).all()
        let photoCounts = try await AcceptancePhotoRecord.counts(of: history.compactMap(\.id), on: db)
        let milestones = Dictionary(try await PointMilestoneRecord.query(on: db).filter(\.$servicePointID == point).all()
            .map { ($0.kind, $0.date) }, uniquingKeysWith: { a, _ in a })
        let kiosks = try await KioskRecord.query(on: db).filter(\.$servicePointID == point).all()
        return AcceptanceFacts(
            history: try history.map { record in
                let id = try record.requireID()
                return .init(id: id, inspectedOn: record.inspectedOn, total: record.total, passed: record.passed,
                             reinspectOn: record.reinspectOn, inspectorName: record.inspectorName, photoCount: photoCounts[id] ?? 0)
            },
            milestones: milestones,
            kiosks: kiosks.map { .init(serialNumber: $0.serialNumber, installedOn: $0.installedOn, statusLabel: $0.statusValue?.label ?? $0.status) },
            permissionApplied: try await AcceptanceController.permissionApplied(point, on: db))
    }
}
