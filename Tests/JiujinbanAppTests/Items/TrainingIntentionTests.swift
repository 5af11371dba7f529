import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Writes the two records another helper's pages fill (the county's 就业困难人员 recognition and its monitoring list),
/// and registers intentions, for the training items' tests.
struct TrainingFixtures {
    let jobs = FixedJobsTests()
    static let county = "140830000000"
    static let villageDivision = "140830100204"
    /// 居民服务人员: a medium group of the 2022 classification.
    static let occupation = "4-10"

    func recogniseHardship(_ app: Application, _ citizen: UUID, by reviewer: TestSession, county: String = county) async throws {
        let record = HardshipRecognitionRecord()
        record.citizenID = citizen
        record.countyCode = county
        record.category = "长期失业人员"
        record.recognisedOn = "2026-10-12"
        record.recognisedBy = reviewer.accountID
        try await record.create(on: app.db)
    }

    func listForMonitoring(_ app: Application, idNumber: String, by admin: TestSession, county: String = county) async throws {
        let entry = PovertyMonitoringEntry()
        entry.countyCode = county
        entry.idNumberIndex = app.jiujinban.cipher.blindIndex(idNumber, context: CitizenCrypto.idNumberContext)
        entry.maskedName = Masking.maskedName("王小明")
        entry.batch = "2026年第3批"
        entry.importedAt = TestApp.fixedNow
        entry.importedBy = admin.accountID
        try await entry.create(on: app.db)
    }

    /// Item 16 at `session` for `citizen` (documents checked).
    func intention(_ app: Application, _ session: TestSession, citizen: UUID, occupation: String = occupation, level: String = "5",
                   _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        try await jobs.accept(app, session, citizen: citizen, item: TrainingIntentionItem.seq,
                              [("occupation", occupation), ("level", level)] + fields)
    }

    func intentions(_ app: Application) async throws -> [TrainingIntentionRecord] {
        try await TrainingIntentionRecord.query(on: app.db).sort(\.$createdAt).all()
    }
}

@Suite("培训意向登记 (item 16): key groups from the records or declared with proof, the classification's occupations, one open intention per occupation")
struct TrainingIntentionTests {
    let fixtures = TrainingFixtures()

    @Test("refused by field with nothing written: a declared 城镇登记失业人员 without a registration, a graduate without proof, nobody's group, an unknown occupation, bad periods, a second open intention")
    func refusals() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await fixtures.jobs.citizen(app, village)
            let unemployed = try await fixtures.intention(app, village, citizen: person, [("groups", "registered-unemployed")])
            #expect(unemployed.0 == .unprocessableEntity)
            #expect(unemployed.1.contains("城镇登记失业人员以有效的失业登记为准，平台中没有该群众的记录"))
            let noProof = try await fixtures.intention(app, village, citizen: person, [("groups_graduate", "yes")])
            #expect(noProof.0 == .unprocessableEntity && noProof.1.contains("毕业年度高校毕业生：请填写查验的证明材料"))
            let nobody = try await fixtures.intention(app, village, citizen: person, [])
            #expect(nobody.0 == .unprocessableEntity && nobody.1.contains("平台记录中该群众不属于其中任何一类"))
            let proof = [("groups_graduate", "yes"), ("proof_graduate", "山西农业大学2026届毕业证明")]
            let unknown = try await fixtures.intention(app, village, citizen: person, occupation: "4-77", proof)
            #expect(unknown.0 == .unprocessableEntity && unknown.1.contains("职业分类（2022年版）中没有代码“4-77”"))
            let periods = try await fixtures.intention(app, village, citizen: person, proof + [("period_from", "2026-12-10"), ("period_to", "2026-12-01")])
            #expect(periods.0 == .unprocessableEntity && periods.1.contains("期望培训时间（止）2026-12-01早于（起）2026-12-10"))
            let past = try await fixtures.intention(app, village, citizen: person, proof + [("period_from", "2026-11-24")])
            #expect(past.0 == .unprocessableEntity && past.1.contains("2026-11-24早于今天（2026-11-25）"))
            let badLevel = try await fixtures.intention(app, village, citizen: person, level: "6", proof)
            #expect(badLevel.0 == .unprocessableEntity && badLevel.1.contains("培训等级：请选择职业技能等级"))
            // Born 2011-01-01: 15 on the test clock's day.
            let child = try await fixtures.jobs.citizen(app, village, idNumber: BadInputs.withCheck("14083020110101123"))
            let young = try await fixtures.intention(app, village, citizen: child, proof)
            #expect(young.0 == .unprocessableEntity && young.1.contains("培训意向登记面向劳动年龄人员，该群众未满16周岁"))
            #expect(try await fixtures.intentions(app).isEmpty)
            #expect(try await CaseRecord.query(on: app.db).count() == 0)

            #expect(try await fixtures.intention(app, village, citizen: person, proof).0 == .seeOther)
            let again = try await fixtures.intention(app, village, citizen: person, level: "4", proof)
            #expect(again.0 == .unprocessableEntity)
            #expect(again.1.contains("该群众已于2026-11-25登记“居民服务人员”的培训意向，尚未结束"))
            #expect(try await fixtures.intentions(app).count == 1)
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
            // Another occupation is another intention.
            #expect(try await fixtures.intention(app, village, citizen: person, occupation: "6-01", proof).0 == .seeOther)
            #expect(try await fixtures.intentions(app).count == 2)
        }
    }

    @Test("the records decide three groups (monitoring list, 就业困难人员 of the county) beside a declared one; the intention keeps each basis and the case page shows them")
    func severalGroups() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let reviewer = try await app.session(as: .reviewer), admin = try await app.session(as: .countyBusinessAdmin)
            let person = try await fixtures.jobs.citizen(app, village)
            // Another county's recognition does not count.
            try await fixtures.recogniseHardship(app, person, by: reviewer, county: "140881000000")
            let form = try await app.getPage(village, "/cases/new?citizen=\(person.uuidString.lowercased())&item=\(TrainingIntentionItem.seq)")
            #expect(form.1.contains("重点群体（平台记录）") && form.1.contains("就业困难人员：平台中无记录"))
            try await HardshipRecognitionRecord.query(on: app.db).delete()
            try await fixtures.recogniseHardship(app, person, by: reviewer)
            try await fixtures.listForMonitoring(app, idNumber: CitizenRegistryTests.idNumber, by: admin)
            let shown = try await app.getPage(village, "/cases/new?citizen=\(person.uuidString.lowercased())&item=\(TrainingIntentionItem.seq)")
            #expect(shown.1.contains("防止返贫监测对象：据防止返贫监测对象名单（2026年第3批）"))
            #expect(shown.1.contains("就业困难人员：据就业困难人员认定（2026-10-12）"))

            let done = try await fixtures.intention(app, village, citizen: person, [
                ("groups_rural-migrant", "yes"), ("proof_rural-migrant", "农村户籍户口簿及务工证明"), ("period_from", "2026-12-01"),
            ])
            #expect(done.0 == .seeOther)
            let intention = try #require(try await fixtures.intentions(app).first)
            #expect(intention.groups == "poverty-monitoring,rural-migrant,hard-to-employ")
            #expect(intention.keyGroups == [.povertyMonitoring, .ruralMigrant, .hardToEmploy])
            #expect(intention.statusValue == .open && intention.closedOn == nil && intention.registeredOn == "2026-11-25")
            #expect(intention.periodFrom == "2026-12-01" && intention.periodTo == nil && intention.level == 5)
            #expect(intention.countyCode == TrainingFixtures.county && intention.divisionCode == TrainingFixtures.villageDivision)
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == TrainingFixtures.villageDivision).first())
            let pointID = try point.requireID()
            #expect(intention.servicePointID == pointID)
            let bases = TrainingIntentionBases.lines(intention.groupBases)
            #expect(bases == ["防止返贫监测对象（据防止返贫监测对象名单（2026年第3批））", "农村转移就业劳动者（现场申报，查验农村户籍户口簿及务工证明）",
                              "就业困难人员（据就业困难人员认定（2026-10-12））"])
            let file = try #require(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == TrainingIntentionItem.seq).first())
            let caseID = try file.requireID()
            #expect(file.state == "approved" && intention.caseID == caseID)
            let page = try await app.getPage(village, "/cases/\(try file.requireID().uuidString.lowercased())").1
            for line in bases { #expect(page.contains(line)) }
            #expect(page.contains("居民服务人员") && page.contains("五级/初级工") && page.contains("待开班"))
        }
    }

    @Test("an open unemployment registration makes the person 城镇登记失业人员 with its date; nothing else declared")
    func unemploymentRecord() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator), reviewer = try await app.session(as: .reviewer)
            let registrations = RegistrationTests()
            let person = try await fixtures.jobs.citizen(app, village)
            #expect(try await registrations.unemployed(app, village, citizen: person).0 == .seeOther)
            let registration = try await registrations.lastCase(app, person, item: UnemploymentRegistrationItem.seq)
            #expect(try await registrations.act(app, reviewer, registration, [("action", "approve")]).0 == .seeOther)
            #expect(try await fixtures.intention(app, village, citizen: person, []).0 == .seeOther)
            let intention = try #require(try await fixtures.intentions(app).first)
            #expect(intention.keyGroups == [.registeredUnemployed])
            #expect(TrainingIntentionBases.lines(intention.groupBases) == ["城镇登记失业人员（据失业登记（2026-11-25起））"])
        }
    }
}
