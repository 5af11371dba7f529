import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("培训机构推荐 (item 17): the county's approved institutions nearest first, a class with free places ahead; kept, printable, scoped")
struct InstitutionRecommendationTests {
    let fixtures = TrainingFixtures()
    static let proof = [("groups_graduate", "yes"), ("proof_graduate", "山西农业大学2026届毕业证明")]

    /// An institution of `county` approved for `approvals`, `north` degrees of latitude from `origin` (nil: no position).
    @discardableResult
    func institution(_ app: Application, _ name: String, by admin: TestSession, origin: GeoCoordinate, north: Double?,
                     approvals: [(String, Int)] = [(TrainingFixtures.occupation, 5)], county: String = TrainingFixtures.county) async throws -> UUID {
        let record = TrainingInstitutionRecord()
        record.id = UUID()
        record.countyCode = county
        record.name = name
        record.creditCode = "91140830MA0\(String(format: "%07d", Int.random(in: 0..<9_999_999)))"
        record.divisionCode = county
        record.address = name + "培训楼"
        record.longitude = north.map { _ in origin.longitude }
        record.latitude = north.map { origin.latitude + $0 }
        record.subsidised = true
        record.contactPhone = "0359-30\(String(format: "%05d", Int.random(in: 0..<99_999)))"
        record.createdBy = admin.accountID
        record.createdAt = TestApp.fixedNow
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

    @discardableResult
    func plan(_ app: Application, _ institution: UUID, by admin: TestSession, starts: String, capacity: Int, enrolled: Int,
              county: String = TrainingFixtures.county) async throws -> UUID {
        let record = ClassPlanRecord()
        record.id = UUID()
        record.institutionID = institution
        record.countyCode = county
        record.occupationCode = TrainingFixtures.occupation
        record.level = 5
        record.startsOn = starts
        record.endsOn = "2027-01-31"
        record.place = "古魏镇培训教室"
        record.capacity = capacity
        record.enrolled = enrolled
        record.createdBy = admin.accountID
        record.createdAt = TestApp.fixedNow
        try await record.create(on: app.db)
        return try record.requireID()
    }

    func villagePoint(_ app: Application) async throws -> GeoCoordinate {
        let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == TrainingFixtures.villageDivision).first())
        return try #require(GeoCoordinate(longitude: point.longitude, latitude: point.latitude))
    }

    @Test("nearest with a free place first, then the farther with one, then distance unknown, then the nearest whose classes are full; the case keeps the list and prints it masked with addresses and phones")
    func rankedKeptAndPrinted() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator), admin = try await app.session(as: .countyBusinessAdmin)
            let person = try await fixtures.jobs.citizen(app, village)
            #expect(try await fixtures.intention(app, village, citizen: person, Self.proof).0 == .seeOther)
            let home = try await villagePoint(app)
            // About 1.1 km, 11 km, unknown and 0.6 km away; one approved for another level, one of another county.
            let near = try await institution(app, "甲近培训学校", by: admin, origin: home, north: 0.01)
            let far = try await institution(app, "乙远职业学校", by: admin, origin: home, north: 0.1)
            let unplaced = try await institution(app, "丙未标注培训中心", by: admin, origin: home, north: nil)
            let full = try await institution(app, "丁满员培训学校", by: admin, origin: home, north: 0.005)
            let otherLevel = try await institution(app, "戊高级工学校", by: admin, origin: home, north: 0.001, approvals: [(TrainingFixtures.occupation, 4)])
            let elsewhere = try await institution(app, "己外县学校", by: admin, origin: home, north: 0.002, county: "140881000000")
            let nearPlan = try await plan(app, near, by: admin, starts: "2026-12-10", capacity: 30, enrolled: 12)
            try await plan(app, near, by: admin, starts: "2026-11-20", capacity: 30, enrolled: 0) // begun already
            try await plan(app, far, by: admin, starts: "2026-12-01", capacity: 20, enrolled: 5)
            try await plan(app, unplaced, by: admin, starts: "2026-12-05", capacity: 10, enrolled: 0)
            try await plan(app, full, by: admin, starts: "2026-12-03", capacity: 10, enrolled: 10)
            try await plan(app, otherLevel, by: admin, starts: "2026-12-03", capacity: 10, enrolled: 0)
            try await plan(app, elsewhere, by: admin, starts: "2026-12-03", capacity: 10, enrolled: 0, county: "140881000000")

            let page = try await app.getPage(village, "/training/recommend/\(person.uuidString.lowercased())")
            #expect(page.0 == .ok)
            let order = ["甲近培训学校", "乙远职业学校", "丙未标注培训中心", "丁满员培训学校"].map { page.1.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted())
            #expect(!page.1.contains("戊高级工学校") && !page.1.contains("己外县学校"))
            #expect(page.1.contains("2026-12-10开班，余18个名额") && page.1.contains("近期1个班次已满"))
            #expect(try await auditCount("training.recommend_view", result: "success", on: app) == 1)

            let intention = try #require(try await fixtures.intentions(app).first)
            let done = try await fixtures.jobs.accept(app, village, citizen: person, item: InstitutionRecommendationItem.seq, [
                ("intention", try intention.requireID().uuidString.lowercased()),
            ])
            #expect(done.0 == .seeOther)
            let kept = try #require(try await TrainingRecommendationRecord.query(on: app.db).first())
            let file = try #require(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == InstitutionRecommendationItem.seq).first())
            let (caseID, intentionID) = (try file.requireID(), try intention.requireID())
            #expect(kept.caseID == caseID && kept.intentionID == intentionID && file.state == "approved")
            // The demonstration data's institutions teach the occupation too: the list is checked on this test's own.
            let made: Set<UUID> = [near, far, unplaced, full, otherLevel, elsewhere]
            let all = try JSONDecoder().decode([RecommendedInstitution].self, from: Data(kept.rows.utf8))
            #expect(kept.institutionCount == all.count && kept.recommendedOn == "2026-11-25")
            let rows = all.filter { made.contains($0.institutionID) }
            #expect(rows.map(\.institutionID) == [near, far, unplaced, full])
            #expect(rows[0].planID == nearPlan && rows[0].planStartsOn == "2026-12-10" && rows[0].freePlaces == 18)
            #expect(rows[0].distanceMeters.map { (1_000...1_200).contains($0) } == true && rows[2].distanceMeters == nil)
            #expect(rows[3].planID == nil && rows[3].reason.contains("近期1个班次已满"))

            let casePath = "/cases/\(try file.requireID().uuidString.lowercased())"
            let casePage = try await app.getPage(village, casePath).1
            let printPath = "/training/recommendation-print/\(try file.requireID().uuidString.lowercased())"
            #expect(casePage.contains("\(all.count)家") && casePage.contains(printPath) && casePage.contains("居民服务人员 · 五级/初级工"))
            let printed = try await app.getPage(village, printPath)
            #expect(printed.0 == .ok && printed.1.contains("培训机构推荐清单") && printed.1.contains(Masking.maskedName("王小明")))
            #expect(!printed.1.contains("王小明") && printed.1.contains("甲近培训学校培训楼") && printed.1.contains(rows[0].contactPhone))
            #expect(try await auditCount("training.recommendation_print", result: "success", on: app) == 1)
            // Item 16's case has no list to print.
            let intentionCase = try #require(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == TrainingIntentionItem.seq).first())
            #expect(try await app.getPage(village, "/training/recommendation-print/\(try intentionCase.requireID().uuidString.lowercased())").0 == .notFound)
        }
    }

    @Test("without an open intention the page says so and links item 16; a closed or another person's intention is refused by field, nothing written")
    func noIntention() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await fixtures.jobs.citizen(app, village)
            let page = try await app.getPage(village, "/training/recommend/\(person.uuidString.lowercased())")
            #expect(page.0 == .ok && page.1.contains("该群众没有在办的培训意向"))
            #expect(page.1.contains("/cases/new?citizen=\(person.uuidString.lowercased())&amp;item=\(TrainingIntentionItem.seq)"))
            // The item's own start: the form redirects to the page.
            let start = try await app.getPage(village, "/cases/new?citizen=\(person.uuidString.lowercased())&item=\(InstitutionRecommendationItem.seq)")
            #expect(start.0 == .seeOther)

            let other = try await fixtures.jobs.citizen(app, village, idNumber: TestIdentity.idNumber(birth: "19920304", sequence: 21))
            #expect(try await fixtures.intention(app, village, citizen: other, Self.proof).0 == .seeOther)
            let theirs = try #require(try await fixtures.intentions(app).first)
            let refused = try await fixtures.jobs.accept(app, village, citizen: person, item: InstitutionRecommendationItem.seq,
                                                         [("intention", try theirs.requireID().uuidString.lowercased())])
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("没有找到该群众在本县登记的这条培训意向"))
            theirs.closedOn = "2026-11-25"
            theirs.closeReason = "本人放弃"
            try await theirs.save(on: app.db)
            let closed = try await fixtures.jobs.accept(app, village, citizen: other, item: InstitutionRecommendationItem.seq,
                                                        [("intention", try theirs.requireID().uuidString.lowercased())])
            #expect(closed.0 == .unprocessableEntity && closed.1.contains("该培训意向已结束（本人放弃）"))
            let missing = try await fixtures.jobs.accept(app, village, citizen: other, item: InstitutionRecommendationItem.seq, [])
            #expect(missing.0 == .unprocessableEntity && missing.1.contains("请在培训机构推荐页面选择要推荐的培训意向"))
            #expect(try await TrainingRecommendationRecord.query(on: app.db).count() == 0)
            #expect(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == InstitutionRecommendationItem.seq).count() == 0)
        }
    }

    @Test("another point's operator can open neither the resident's page nor their printed list, nor accept item 16 or 17 for them")
    func scope() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator), community = try await app.session(as: .communityOperator)
            let person = try await fixtures.jobs.citizen(app, village)
            #expect(try await fixtures.intention(app, village, citizen: person, Self.proof).0 == .seeOther)
            let intention = try #require(try await fixtures.intentions(app).first)
            #expect(try await fixtures.jobs.accept(app, village, citizen: person, item: InstitutionRecommendationItem.seq,
                                                   [("intention", try intention.requireID().uuidString.lowercased())]).0 == .seeOther)
            let file = try #require(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == InstitutionRecommendationItem.seq).first())

            #expect(try await app.getPage(community, "/training/recommend/\(person.uuidString.lowercased())").0 == .notFound)
            #expect(try await app.getPage(community, "/training/recommendation-print/\(try file.requireID().uuidString.lowercased())").0 == .notFound)
            let theirs = try await fixtures.intention(app, community, citizen: person, occupation: "6-01", Self.proof)
            let recommend = try await fixtures.jobs.accept(app, community, citizen: person, item: InstitutionRecommendationItem.seq,
                                                           [("intention", try intention.requireID().uuidString.lowercased())])
            #expect(theirs.0 == .notFound && recommend.0 == .notFound)
            let kept = try await TrainingRecommendationRecord.query(on: app.db).count()
            #expect(try await fixtures.intentions(app).count == 1 && kept == 1)
        }
    }
}
