import Foundation
import JiujinbanApp
import JiujinbanRules
import SQLKit
import Vapor

/// Synthetic cities, counties, townships, villages and communities with one service point each, for the province-wide
/// report benchmark. Codes sit under the province beside the real ones (cities 51 onwards, which Shanxi does not
/// use), names say 合成, and every figure and coordinate is marked as demonstration data.
struct SyntheticServicePoints {
    let app: Application
    let seed: UInt64
    let progress: GeneratorProgress

    static let countiesPerCity = 10
    static let townshipsPerCounty = 20
    static let villagesPerTownship = 12
    static let communitiesPerTownship = 1
    static var pointsPerCity: Int { countiesPerCity * townshipsPerCounty * (1 + villagesPerTownship + communitiesPerTownship) }

    struct DivisionRow { let code, name, level, parent: String; let area, population: Int }
    struct PointRow { let code, division, kind, name: String; let longitude, latitude: Double; let farthest: Int }

    /// Adds divisions and points until `count` points exist in the synthetic cities; returns how many points it added.
    func generate(_ count: Int) async throws -> Int {
        var random = SeededGenerator(seed: seed ^ 0x5E41_C3)
        var divisions: [DivisionRow] = [], points: [PointRow] = []
        let province = "140000000000"
        var made = 0
        var city = 51
        while made < count {
            guard city <= 99 else { throw PublicError(.badRequest, "--service-points：最多 \((99 - 50) * Self.pointsPerCity) 个") }
            let cityCode = "14\(city)00000000"
            divisions.append(DivisionRow(code: cityCode, name: "合成市\(city)", level: "city", parent: province, area: 0, population: 0))
            for county in 1...Self.countiesPerCity where made < count {
                let countyPrefix = "14\(city)" + String(format: "%02d", county)
                let countyCode = countyPrefix + "000000"
                divisions.append(DivisionRow(code: countyCode, name: "合成县\(city)\(String(format: "%02d", county))", level: "county",
                                             parent: cityCode, area: 0, population: 0))
                for township in 1...Self.townshipsPerCounty where made < count {
                    let townshipPrefix = countyPrefix + String(101 + township - 1)
                    let townshipCode = townshipPrefix + "000"
                    let centre = (110.3 + Double(random.next() % 4_000) / 1_000, 34.7 + Double(random.next() % 5_800) / 1_000)
                    divisions.append(DivisionRow(code: townshipCode, name: "合成镇\(township)", level: "township", parent: countyCode,
                                                 area: 5_000 + Int(random.next() % 20_000), population: 8_000 + Int(random.next() % 30_000)))
                    var members: [(String, String, String)] = [(townshipCode, "township_centre", "合成镇\(township)综合便民服务中心")]
                    for village in 0..<Self.villagesPerTownship {
                        let code = townshipPrefix + String(201 + village)
                        divisions.append(DivisionRow(code: code, name: "合成村\(201 + village)", level: "village", parent: townshipCode,
                                                     area: 300 + Int(random.next() % 2_000), population: 500 + Int(random.next() % 3_000)))
                        members.append((code, "village", "合成村\(201 + village)党群服务中心"))
                    }
                    for community in 0..<Self.communitiesPerTownship {
                        let code = townshipPrefix + String(format: "%03d", 1 + community)
                        divisions.append(DivisionRow(code: code, name: "合成社区\(1 + community)", level: "community", parent: townshipCode,
                                                     area: 100 + Int(random.next() % 500), population: 2_000 + Int(random.next() % 8_000)))
                        members.append((code, "community", "合成社区\(1 + community)党群服务中心"))
                    }
                    for (code, kind, name) in members where made < count {
                        points.append(PointRow(code: code + "01", division: code, kind: kind, name: name,
                                               longitude: centre.0 + Double(random.next() % 200) / 10_000,
                                               latitude: centre.1 + Double(random.next() % 200) / 10_000,
                                               farthest: 300 + Int(random.next() % 4_000)))
                        made += 1
                    }
                }
            }
            city += 1
        }
        let now = app.jiujinban.clock.now()
        var inserted = 0
        for level in ["city", "county", "township", "village", "community"] {
            let rows = divisions.filter { $0.level == level }
            for start in stride(from: 0, to: rows.count, by: 500) {
                let batch = Array(rows[start..<min(start + 500, rows.count)])
                try await app.jiujinban.writer.write(on: app.db) { db in
                    let insert = (db as! any SQLDatabase).insert(into: "divisions")
                        .columns("code", "name", "short_name", "level", "parent_code", "area_centi_km2", "population", "figures_are_demo",
                                 "created_at", "updated_at")
                    for row in batch {
                        insert.values(SQLBind(row.code), SQLBind(row.name), SQLBind(row.name), SQLBind(row.level), SQLBind(row.parent),
                                      SQLBind(row.area), SQLBind(row.population), SQLBind(true), SQLBind(now), SQLBind(now))
                    }
                    try await insert.ignoringConflicts(with: ["code"]).run()
                }
            }
        }
        progress.say("区划：\(divisions.count) 个（已存在的跳过）")
        for start in stride(from: 0, to: points.count, by: 500) {
            let batch = Array(points[start..<min(start + 500, points.count)])
            inserted += try await app.jiujinban.writer.write(on: app.db) { db in
                let insert = (db as! any SQLDatabase).insert(into: "service_points")
                    .columns("id", "code", "division_code", "kind", "name", "institution", "address", "longitude", "latitude",
                             "coordinates_are_demo", "farthest_residence_m", "status", "created_at", "updated_at")
                for row in batch {
                    insert.values(SQLBind(UUID()), SQLBind(row.code), SQLBind(row.division), SQLBind(row.kind), SQLBind(row.name),
                                  SQLBind(row.name), SQLBind(row.name + "（合成地址）"), SQLBind(row.longitude), SQLBind(row.latitude),
                                  SQLBind(true), SQLBind(row.farthest), SQLBind("active"), SQLBind(now), SQLBind(now))
                }
                return try await insert.ignoringConflicts(with: ["code"]).returning("id").all().count
            }
            if (start / 500) % 10 == 9 { progress.say("服务点：\(start + batch.count)/\(points.count)") }
        }
        return inserted
    }
}
