import Fluent
import Foundation
import JiujinbanRules

/// 自助设备登记's value: the kiosks of the user's service points (banks have none), newest first, and the points a
/// kiosk can be registered at.
enum KiosksQuery {
    struct Listing: Sendable {
        let rows: [KiosksController.Row]
        let points: [ServicePointSummary]
    }

    static func listing(for staff: SignedInStaff, on db: any Database) async throws -> Listing {
        let points = try await ServicePointQueries.all(in: staff.scopeRoot, on: db).filter { $0.kind != .bankBranch && staff.sees($0) }
        let byID = Dictionary(uniqueKeysWithValues: points.map { ($0.id, $0) })
        let rows = try await KioskRecord.query(on: db).filter(\.$servicePointID ~~ Array(byID.keys)).sort(\.$installedOn, .descending).all()
            .compactMap { record -> KiosksController.Row? in
                guard let id = record.id, let point = byID[record.servicePointID], let status = record.statusValue else { return nil }
                return KiosksController.Row(id: id, serial: record.serialNumber, installedOn: record.installedOn, status: status, point: point)
            }
        return Listing(rows: rows, points: points)
    }
}
