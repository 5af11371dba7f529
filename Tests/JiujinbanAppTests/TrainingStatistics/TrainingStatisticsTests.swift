import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// 培训统计 on the real application: the county's business admin sees the county, a township point's operator its
/// township, a village operator nothing; the exports carry the page's figures and are audited.
@Suite("培训统计: county and township figures, CSV and .xlsx")
struct TrainingStatisticsTests {
    let engine = CaseEngineTests()

    /// Two intentions at the village point (古魏镇), one at another township's point, with a recommendation, an
    /// enrolment and a completion; written straight into the tables the items fill.
    func seed(_ app: Application) async throws {
        let village = try await app.session(as: .villageOperator)
        let citizenID = try await engine.citizen(app, village)
        let untimed = try await engine.item(app, timed: false)
        let caseID = try #require(try await engine.accept(app, village, citizen: citizenID, item: untimed.seq).1)
        let points = try await ServicePoint.query(on: app.db).all()
        let taian = try #require(points.first { $0.institution == CaseEngineProofTests.taian })
        let elsewhere = try #require(points.first { $0.divisionCode.prefix(9) != taian.divisionCode.prefix(9) && $0.divisionCode.count == 12
                                                    && $0.divisionCode.hasPrefix("140830") })
        func intention(_ point: ServicePoint, occupation: String, groups: [KeyGroup], on day: String) async throws -> UUID {
            let record = TrainingIntentionRecord()
            record.citizenID = citizenID
            record.countyCode = "140830000000"
            record.divisionCode = point.divisionCode
            record.servicePointID = try point.requireID()
            record.caseID = caseID
            record.occupationCode = occupation
            record.level = 5
            record.groups = groups.map(\.rawValue).joined(separator: ",")
            record.groupBases = "[]"
            record.registeredOn = day
            record.status = "open"
            record.createdAt = Date()
            try await record.create(on: app.db)
            return try record.requireID()
        }
        let first = try await intention(taian, occupation: "6-01", groups: [.ruralMigrant, .registeredUnemployed], on: "2026-11-03")
        _ = try await intention(taian, occupation: "4-03", groups: [.graduate], on: "2026-10-20")
        _ = try await intention(elsewhere, occupation: "2-02", groups: [.schoolLeaver], on: "2026-11-10")
        let recommendation = TrainingRecommendationRecord()
        recommendation.intentionID = first
        recommendation.caseID = caseID
        recommendation.recommendedOn = "2026-11-04"
        recommendation.institutionCount = 2
        recommendation.rows = "[]"
        try await recommendation.create(on: app.db)
        let admin = try await app.accountID(of: .countyBusinessAdmin)
        let institution = TrainingInstitutionRecord()
        institution.countyCode = "140830000000"
        institution.name = "芮城县示范职业培训学校（测试）"
        institution.creditCode = "91140830MA0K000000"
        institution.divisionCode = taian.divisionCode
        institution.address = "古魏镇"
        institution.subsidised = true
        institution.contactPhone = "0359-3000000"
        institution.createdBy = admin
        institution.createdAt = Date()
        try await institution.create(on: app.db)
        let plan = ClassPlanRecord()
        plan.institutionID = try institution.requireID()
        plan.countyCode = "140830000000"
        plan.occupationCode = "6-01"
        plan.level = 5
        plan.startsOn = "2026-11-16"
        plan.endsOn = "2026-11-27"
        plan.place = "古魏镇培训教室"
        plan.capacity = 30
        plan.enrolled = 1
        plan.createdBy = admin
        plan.createdAt = Date()
        try await plan.create(on: app.db)
        let enrolment = TrainingEnrolmentRecord()
        enrolment.intentionID = first
        enrolment.planID = try plan.requireID()
        enrolment.status = "completed"
        enrolment.notifiedOn = "2026-11-12"
        enrolment.enrolledOn = "2026-11-13"
        enrolment.completedOn = "2026-11-27"
        enrolment.updatedAt = Date()
        try await enrolment.create(on: app.db)
    }

    /// Each row's label and its four counts.
    func rows(_ html: String) -> [String: [Int]] {
        var found: [String: [Int]] = [:]
        for match in html.matches(of: /<tr(?: class="total")?><td>([^<]*)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/) {
            found[String(match.1), default: []] += [Int(match.2)!, Int(match.3)!, Int(match.4)!, Int(match.5)!]
        }
        return found
    }

    @Test("the county admin's figures by group, occupation and township for November; the export matches and is audited")
    func county() async throws {
        try await TestApp.run { app in
            try await seed(app)
            let admin = try await app.session(as: .countyBusinessAdmin)
            let page = try await app.getPage(admin, "/training/statistics?from=2026-11-01&to=2026-11-30")
            #expect(page.0 == .ok)
            let found = rows(page.1)
            #expect(found["农村转移就业劳动者"] == [1, 1, 1, 1])
            #expect(found["城镇登记失业人员"] == [1, 1, 1, 1])
            #expect(found["城乡未继续升学的应届初高中毕业生"] == [1, 0, 0, 0])
            #expect(found["毕业年度高校毕业生"] == [0, 0, 0, 0], "its intention was registered in October")
            #expect(found["合计"] == [2, 1, 1, 1, 2, 1, 1, 1], "the total under occupations and under townships")

            var csv = ""
            try await app.testing().test(.GET, "/training/statistics/export?from=2026-11-01&to=2026-11-30&format=csv", headers: admin.headers) { res in
                #expect(res.status == .ok)
                csv = res.body.string
            }
            #expect(csv.contains("维度,分类,意向登记,机构推荐,报名参训,培训结业"))
            #expect(csv.contains("重点群体,农村转移就业劳动者,1,1,1,1"))
            #expect(csv.contains("合计,全部,2,1,1,1"))
            var xlsx: [UInt8] = []
            try await app.testing().test(.GET, "/training/statistics/export?from=2026-11-01&to=2026-11-30&format=xlsx", headers: admin.headers) { res in
                #expect(res.status == .ok)
                xlsx = Array(res.body.readableBytesView)
            }
            let files = try #require(ZipArchive.read(xlsx))
            let sheet = String(decoding: try #require(files["xl/worksheets/sheet1.xml"]), as: UTF8.self)
            #expect(sheet.contains("农村转移就业劳动者") && sheet.contains("培训结业"))
            #expect(try await auditedObjects("training.statistics.export", on: app).map(\.detail)
                    == ["CSV，2026-11-01至2026-11-30", "XLSX，2026-11-01至2026-11-30"])
        }
    }

    @Test("a township point's operator sees its own township only; a village operator and a reviewer are refused")
    func township() async throws {
        try await TestApp.run { app in
            try await seed(app)
            let township = try await app.session(as: .townshipOperator)
            let page = try await app.getPage(township, "/training/statistics?from=2026-11-01&to=2026-11-30")
            #expect(page.0 == .ok)
            let found = rows(page.1)
            #expect(found["农村转移就业劳动者"] == [1, 1, 1, 1])
            #expect(found["城乡未继续升学的应届初高中毕业生"] == [0, 0, 0, 0], "that intention is another township's")
            #expect(found["合计"] == [1, 1, 1, 1, 1, 1, 1, 1])
            for role in [DemoRole.villageOperator, .reviewer] {
                let session = try await app.session(as: role)
                #expect(try await app.getPage(session, "/training/statistics").0 == .forbidden, "\(role)")
                #expect(try await app.getPage(session, "/training/statistics/export?format=csv").0 == .forbidden, "\(role)")
            }
        }
    }
}
