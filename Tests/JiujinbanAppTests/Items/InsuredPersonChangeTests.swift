import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("参保人员非关键信息变更 (item 30): done on the spot for the insured; key fields refused with where to go; sex follows the ID number")
struct InsuredPersonChangeTests {
    let helper = FixedJobsTests()

    /// An enrolment in the basic scheme, as an import or item 28 leaves it.
    func enrol(_ app: Application, _ citizen: UUID, status: EnrolmentStatus = .contributing) async throws {
        try await (app.db as! any SQLDatabase).insert(into: "insurance_enrolments")
            .columns("citizen_id", "scheme", "county_code", "start_kind", "grade_yuan", "enrolled_on", "status", "status_date", "status_reason",
                     "updated_at_ms")
            .values(SQLBind(citizen), SQLBind("resident_basic"), SQLBind("140830000000"), SQLBind("新农保"), SQLBind(Int64(300)),
                    SQLBind("2012-03-01"), SQLBind(status.rawValue), SQLBind("2012-03-01"),
                    SQLBind(status == .contributing ? nil : "死亡" as String?), SQLBind(Int64(0)))
            .run()
    }

    func stored(_ app: Application, _ citizen: UUID) async throws -> CitizenRecord {
        try #require(try await CitizenRecord.find(id: citizen, on: app.db))
    }

    @Test("refused by field with nothing written: key fields name where to go, a bad phone, the same ethnicity, nothing to change, not insured")
    func refusals() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await helper.citizen(app, village)
            let notInsured = try await helper.accept(app, village, citizen: person, item: 30, [("phone", "13900001111")])
            #expect(notInsured.0 == .unprocessableEntity && notInsured.1.contains("没有未终止的城乡居民养老保险参保记录"))
            try await enrol(app, person)
            let bad = try await helper.accept(app, village, citizen: person, item: 30, [
                ("new_name", "王大明"), ("new_id_number", "140830199001011233"), ("phone", "1380000"), ("ethnicity", "汉族"),
            ])
            #expect(bad.0 == .unprocessableEntity)
            #expect(bad.1.contains("姓名属于关键信息，不能在服务点变更，请本人持身份证、户口本到县社保经办机构办理"))
            #expect(bad.1.contains("公民身份号码属于关键信息"))
            #expect(bad.1.contains("手机号码应为11位数字"))
            #expect(bad.1.contains("民族与登记的相同（汉族），无需变更"))
            let nothing = try await helper.accept(app, village, citizen: person, item: 30, [])
            #expect(nothing.0 == .unprocessableEntity && nothing.1.contains("请至少填写一项要变更的信息"))
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            let record = try await stored(app, person)
            #expect(record.ethnicity == "汉族" && record.residenceAddressSealed == nil)
            #expect(try app.jiujinban.cipher.open(try #require(record.phoneSealed), context: CitizenCrypto.phoneContext) == "13800001234")
        }
    }

    @Test("done at once: ethnicity, address and phone changed, sealed; the case shows the phone masked and the address only as changed")
    func changes() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await helper.citizen(app, village)
            try await enrol(app, person, status: .suspended)
            let done = try await helper.accept(app, village, citizen: person, item: 30, [
                ("ethnicity", "回族"), ("residence_address", "古魏镇太安村三组15号"), ("phone", "13912345678"),
            ])
            #expect(done.0 == .seeOther)
            let record = try await stored(app, person)
            let cipher = app.jiujinban.cipher
            #expect(record.ethnicity == "回族")
            #expect(try cipher.open(try #require(record.residenceAddressSealed), context: CitizenCrypto.residenceAddressContext) == "古魏镇太安村三组15号")
            #expect(try cipher.open(try #require(record.phoneSealed), context: CitizenCrypto.phoneContext) == "13912345678")
            let file = try #require(try await CaseRecord.query(on: app.db).filter(\.$itemSeq == 30).first())
            #expect(file.state == "approved")
            let page = try await app.getPage(village, "/cases/\(try file.requireID().uuidString.lowercased())").1
            #expect(page.contains("民族：汉族→回族；居住地址：已变更；联系电话：139****5678"))
            #expect(!page.contains("13912345678") && !page.contains("三组15号"))
            // The person's page: the address hidden until 显示完整信息.
            let personPage = try await app.getPage(village, "/citizens/\(person.uuidString.lowercased())").1
            #expect(personPage.contains(CitizenView.addressHidden) && !personPage.contains("三组15号"))
            #expect(try await auditedObjects("citizen.sex_corrected", on: app).isEmpty)
        }
    }

    @Test("a stored sex that differs from the ID number is corrected to it when checked, with an audit row of its own")
    func sexFollowsTheIDNumber() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let person = try await helper.citizen(app, village) // 140830199001011232: male
            try await enrol(app, person)
            try await (app.db as! any SQLDatabase).update("citizens").set("sex", to: SQLBind(Sex.female.rawValue))
                .where("id", .equal, SQLBind(person)).run()
            #expect(try await helper.accept(app, village, citizen: person, item: 30, [("check_sex", "yes")]).0 == .seeOther)
            #expect(try await stored(app, person).sex == Sex.male.rawValue)
            let rows = try await auditedObjects("citizen.sex_corrected", on: app)
            #expect(rows.count == 1 && rows.first?.object == person.uuidString && rows.first?.detail.contains("性别更正为男（以身份证号码为准）") == true)
            // Checked again: already the ID number's, nothing to correct and no second row.
            #expect(try await helper.accept(app, village, citizen: person, item: 30, [("check_sex", "yes")]).0 == .seeOther)
            #expect(try await auditedObjects("citizen.sex_corrected", on: app).count == 1)
        }
    }
}
