import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// Loads the demonstration data (Ruicheng county and its 171 service points, its staff, its training institutions
/// with their class plans (`DemoTraining`), and the insurance ledger of a few people to try items 28–37 on:
/// `DemoLedgerPeople`) into an empty database, in one
/// transaction, and records that it did so: every page header then says the data is for demonstration.
enum DemoDataSeeder {
    static func seedIfEmpty(_ app: Application) async throws {
        guard try await Division.query(on: app.db).count() == 0 else { return }
        let rows = try DemoDivisions.rows()
        let divisions = DemoDivisions.divisions(from: rows)
        let points = DemoServicePoints.points(for: rows) + [DemoServicePoints.bankBranch()]
        let services = app.jiujinban
        let loadedAt = ISO8601DateFormatter().string(from: services.clock.now())
        try await services.writer.write(on: app.db) { db in
            // Parents before children, so every foreign key finds its row.
            for level in DivisionLevel.allCases {
                let batch = divisions.filter { $0.level == level.rawValue }
                if !batch.isEmpty { try await batch.create(on: db) }
            }
            try await points.create(on: db)
            try await DemoStaff.seed(now: services.clock.now(), today: services.clock.today, cipher: services.cipher, catalogue: services.catalogue, on: db)
            if services.configuration.loadDemoLedger { try await DemoLedger.seed(services: services, on: db) }
            try await AuditTrail.record(AuditEvent("demo_data.load", detail: "载入演示数据"), by: .system,
                                        at: services.clock.now(), key: services.keys.auditKey, on: db)
            try await AppSetting(key: .demoDataLoadedAt, value: loadedAt).create(on: db)
        }
        app.logger.info("demonstration data loaded: \(divisions.count) divisions, \(points.count) service points, \(DemoStaff.members.count) staff")
    }
}
