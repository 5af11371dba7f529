import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor

/// Item 17's read: only the county's institutions approved for the occupation at the level, and only their classes of
/// that occupation and level starting from today.
@Suite("培训机构推荐's read of institutions and classes")
struct InstitutionRankingReadTests {
    @Test("another county's institution, another level and a class already started are left out; the ranking puts the free class first")
    func reads() async throws {
        try await TestApp.run { app in
            let staff = try await app.session(as: .countyBusinessAdmin).accountID
            func institution(_ name: String, county: String, lon: Double, approvals: [(String, Int)]) async throws -> UUID {
                let record = TrainingInstitutionRecord()
                record.countyCode = county
                record.name = name
                record.creditCode = "91140830MA0K\(String(format: "%06d", Int.random(in: 0..<999_999)))"
                record.divisionCode = county
                record.address = "地址"
                record.longitude = lon
                record.latitude = 34.70
                record.subsidised = true
                record.contactPhone = "0359-3000000"
                record.createdBy = staff
                record.createdAt = Date()
                try await record.create(on: app.db)
                for (occupation, level) in approvals {
                    let approval = TrainingApprovalRecord()
                    approval.institutionID = try record.requireID()
                    approval.occupationCode = occupation
                    approval.level = level
                    try await approval.create(on: app.db)
                }
                return try record.requireID()
            }
            func plan(_ institution: UUID, county: String = "140830000000", level: Int = 5, starts: String, capacity: Int, enrolled: Int) async throws {
                let record = ClassPlanRecord()
                record.institutionID = institution
                record.countyCode = county
                record.occupationCode = "6-01"
                record.level = level
                record.startsOn = starts
                record.endsOn = "2027-03-31"
                record.place = "教室"
                record.capacity = capacity
                record.enrolled = enrolled
                record.createdBy = staff
                record.createdAt = Date()
                try await record.create(on: app.db)
            }
            let near = try await institution("近处机构", county: "140830000000", lon: 110.70, approvals: [("6-01", 5)])
            let far = try await institution("远处机构", county: "140830000000", lon: 110.80, approvals: [("6-01", 5), ("6-01", 4)])
            let other = try await institution("外县机构", county: "140802000000", lon: 110.69, approvals: [("6-01", 5)])
            _ = try await institution("其他等级机构", county: "140830000000", lon: 110.69, approvals: [("6-01", 4)])
            try await plan(near, starts: "2026-12-20", capacity: 30, enrolled: 30)     // full
            try await plan(near, starts: "2026-11-01", capacity: 30, enrolled: 0)      // started before today
            try await plan(far, starts: "2027-01-10", capacity: 30, enrolled: 10)      // free places
            try await plan(far, level: 4, starts: "2027-01-10", capacity: 30, enrolled: 0)
            try await plan(other, county: "140802000000", starts: "2027-01-10", capacity: 30, enrolled: 0)
            let today = try #require(CalendarDate(iso: "2026-12-07"))
            // Two intentions wanted at once (as the start page reads them): each gets only its own level's institutions.
            let ranking = try await InstitutionRanking.load(county: try DivisionCode("140830000000"),
                                                            wanted: [.init(occupationCode: "6-01", level: .five), .init(occupationCode: "6-01", level: .four)],
                                                            today: today, on: app.db)
            let home = try #require(GeoCoordinate(longitude: 110.69, latitude: 34.70))
            let ranked = ranking.catalogue.recommend(occupation: "6-01", level: .five, from: home, today: today)
            let fours = ranking.rows(occupation: "6-01", level: .four, from: home, today: today)
            #expect(Set(fours.map(\.name)) == ["其他等级机构", "远处机构"])
            #expect(fours.first?.name == "远处机构", "its level-4 class has free places")
            let nothing = try await InstitutionRanking.load(county: try DivisionCode("140830000000"), wanted: [.init(occupationCode: "2-02", level: .five)],
                                                            today: today, on: app.db)
            #expect(nothing.rows(occupation: "2-02", level: .five, from: home, today: today).isEmpty)
            // The same read inside the single writer's transaction (item 17's effect reads there).
            let inWrite = try await app.jiujinban.writer.write(on: app.db) { db in
                try await InstitutionRanking.load(county: try DivisionCode("140830000000"), wanted: [.init(occupationCode: "6-01", level: .five)],
                                                  today: today, on: db).rows(occupation: "6-01", level: .five, from: home, today: today)
            }
            #expect(inWrite.map(\.name) == ["远处机构", "近处机构"])
            #expect(ranked.map(\.institution.name) == ["远处机构", "近处机构"], "the class with free places first, the full one after")
            #expect(ranked[0].nextPlan?.starts.iso == "2027-01-10" && ranked[0].nextPlan?.freePlaces == 20)
            #expect(ranked[1].nextPlan == nil && ranked[1].fullPlans == 1)
            #expect(ranked[1].distanceMeters ?? 0 < ranked[0].distanceMeters ?? 0)
        }
    }
}
