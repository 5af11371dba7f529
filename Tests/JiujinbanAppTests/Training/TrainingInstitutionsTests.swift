import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// 培训机构 and 开班计划 (issue 24, deliverable 2): kept by the county business admin for the county alone.
@Suite("培训机构 and 开班计划: the county's registry, refused by field, scoped to the county")
struct TrainingInstitutionsTests {
    /// A checksum-valid credit code of a demonstration school (the demonstration data's are others).
    static let creditCode = "52140830MJD000050W"

    static func fields(_ changes: [String: String] = [:], approvals: [(String, String)] = [("4-03", "5"), ("4-03", "4")]) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("name", "芮城县测试烹饪学校"), ("credit_code", creditCode), ("division", "140830100204"), ("address", "芮城县古魏镇太安村"),
            ("longitude", "110.6933"), ("latitude", "34.6919"), ("subsidised", "1"), ("contact_phone", "0359 3021234"),
        ]
        for (key, value) in changes {
            if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value } else { fields.append((key, value)) }
        }
        for (index, row) in approvals.enumerated() {
            fields += [("approvals[\(index)][occupation]", row.0), ("approvals[\(index)][level]", row.1)]
        }
        return fields
    }

    static func institution(named name: String, on app: Application) async throws -> TrainingInstitutionRecord {
        try #require(try await TrainingInstitutionRecord.query(on: app.db).filter(\.$name == name).first())
    }

    @Test("entered with its approvals, listed with them and its next class, edited (approvals replaced); each write audited")
    func enterListEdit() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let demo = try await TrainingInstitutionRecord.query(on: app.db).count()
            try await app.expectNoticeRedirect("/training/institutions", as: admin, fields: Self.fields())
            let school = try await Self.institution(named: "芮城县测试烹饪学校", on: app)
            #expect(school.countyCode == "140830000000" && school.contactPhone == "0359-3021234" && school.subsidised)
            #expect(school.longitude == 110.6933 && school.latitude == 34.6919)
            let id = try school.requireID(), path = "/training/institutions/\(try school.requireID().uuidString.lowercased())"
            #expect(try await TrainingApprovalRecord.query(on: app.db).filter(\.$institutionID == id).count() == 2)

            let list = try await app.getPage(admin, "/training/institutions")
            #expect(list.0 == .ok && list.1.contains("本县共\(demo + 1)个培训机构"))
            #expect(list.1.contains("住宿和餐饮服务人员 五级/初级工；住宿和餐饮服务人员 四级/中级工"))
            #expect(list.1.contains("芮城县示范职业培训学校（演示）"), "the demonstration institutions are listed")

            // A plan, then the list names it as the next class.
            try await app.expectNoticeRedirect("\(path)/plans", as: admin, fields: [
                ("occupation", "4-03"), ("level", "4"), ("starts", "2026-12-07"), ("ends", "2026-12-25"), ("place", "太安村文化活动室"),
                ("capacity", "30"), ("enrolled", "5"),
            ])
            #expect(try await app.getPage(admin, "/training/institutions").1.contains("2026-12-07 住宿和餐饮服务人员（四级/中级工），余25个名额"))
            let shown = try await app.getPage(admin, path)
            #expect(shown.0 == .ok && shown.1.contains("太安村文化活动室") && shown.1.contains("110.693300, 34.691900"))

            let form = try await app.getPage(admin, "\(path)/edit")
            #expect(form.0 == .ok && form.1.contains("value=\"52140830MJD000050W\"") && form.1.contains("approvals[2][occupation]"))
            try await app.expectNoticeRedirect(path, as: admin, fields: Self.fields(["longitude": "", "latitude": "", "subsidised": "0"],
                                                                                     approvals: [("4-10", "3"), ("", "")]))
            let edited = try await Self.institution(named: "芮城县测试烹饪学校", on: app)
            #expect(edited.longitude == nil && !edited.subsidised && edited.updatedBy == admin.accountID)
            let approvals = try await TrainingApprovalRecord.query(on: app.db).filter(\.$institutionID == id).all()
            #expect(approvals.map { "\($0.occupationCode)/\($0.level)" } == ["4-10/3"])
            #expect(try await auditCount("training_institution.create", result: "success", on: app) == 1)
            #expect(try await auditCount("training_institution.update", result: "success", on: app) == 1)
            #expect(try await auditCount("class_plan.create", result: "success", on: app) == 1)

            // 增加一行: the form again with one more row, nothing saved.
            let more = try await app.post(admin, "/training/institutions", Self.fields(["name": "另一所学校", "more": "1"]))
            #expect(more.0 == .ok && more.1.contains("approvals[3][occupation]"))
            #expect(try await TrainingInstitutionRecord.query(on: app.db).count() == demo + 1)
        }
    }

    @Test("bad input refused field by field with nothing written; the county's credit code only once")
    func refusals() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let before = try await TrainingInstitutionRecord.query(on: app.db).count()
            let approvalsBefore = try await TrainingApprovalRecord.query(on: app.db).count()
            let bad = try await app.post(admin, "/training/institutions", Self.fields(
                ["name": "", "credit_code": "52140830MJD000050X", "division": "140800000000", "longitude": "110.69", "latitude": "",
                 "contact_phone": "12345"], approvals: [("9-99", "5")]))
            #expect(bad.0 == .unprocessableEntity)
            for message in ["机构名称：请填写", "统一社会信用代码校验位不符", "所在区划：140800000000不在本县", "纬度：请填写十进制度数",
                            "培训资质第1行：职业分类中没有代码“9-99”", "联系电话：", "提交未成功，请修改以下6处问题"] {
                #expect(bad.1.contains(message), "\(message)")
            }
            let none = try await app.post(admin, "/training/institutions", Self.fields(approvals: []))
            #expect(none.0 == .unprocessableEntity && none.1.contains("培训资质：请至少填写一项获准培训的职业及等级"))
            // The demonstration school's credit code is taken in the county.
            let taken = try await app.post(admin, "/training/institutions", Self.fields(["credit_code": "52140830MJD000010Q"]))
            #expect(taken.0 == .unprocessableEntity && taken.1.contains("本县已登记该代码的培训机构“芮城县示范职业培训学校（演示）”"))
            #expect(try await TrainingInstitutionRecord.query(on: app.db).count() == before)
            #expect(try await TrainingApprovalRecord.query(on: app.db).count() == approvalsBefore)
            #expect(try await auditCount("training_institution.create", on: app) == 0)
        }
    }

    @Test("a class plan ending before it starts, with capacity 0, over capacity, or for what the institution may not teach: refused")
    func planRefusals() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let school = try await Self.institution(named: "芮城县示范职业培训学校（演示）", on: app)
            let path = "/training/institutions/\(try school.requireID().uuidString.lowercased())/plans"
            let plans = try await ClassPlanRecord.query(on: app.db).count()
            func plan(_ changes: [String: String]) -> [(String, String)] {
                var fields = ["occupation": "4-03", "level": "5", "starts": "2026-12-10", "ends": "2026-12-20", "place": "实训楼",
                              "capacity": "20", "enrolled": "0"]
                fields.merge(changes) { $1 }
                return fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
            let backwards = try await app.post(admin, path, plan(["ends": "2026-12-01"]))
            #expect(backwards.0 == .unprocessableEntity && backwards.1.contains("结业日期2026-12-01早于开班日期2026-12-10"))
            let empty = try await app.post(admin, path, plan(["capacity": "0"]))
            #expect(empty.0 == .unprocessableEntity && empty.1.contains("计划人数：应为1至1000之间的整数，收到“0”"))
            let over = try await app.post(admin, path, plan(["enrolled": "21"]))
            #expect(over.0 == .unprocessableEntity && over.1.contains("已报名人数21超过计划人数20"))
            let unapproved = try await app.post(admin, path, plan(["occupation": "5-01"]))
            #expect(unapproved.0 == .unprocessableEntity && unapproved.1.contains("该培训机构未获准开展此职业五级/初级工的培训"))
            #expect(try await ClassPlanRecord.query(on: app.db).count() == plans)
            #expect(try await auditCount("class_plan.create", on: app) == 0)
        }
    }

    @Test("an edit may not plan fewer places than item 19 has enrolled")
    func capacityAgainstEnrolments() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let village = try await app.session(as: .villageOperator)
            let plan = try #require(try await ClassPlanRecord.query(on: app.db).filter(\.$occupationCode == "4-10").filter(\.$level == 4).first())
            let planID = try plan.requireID()
            // Three people item 19 enrolled (one of them has completed), and one only notified.
            for (sequence, status) in [(1, "enrolled"), (2, "completed"), (3, "attended"), (4, "notified")] {
                let idNumber = TestIdentity.idNumber(birth: "19900101", sequence: 700 + sequence)
                let citizen = try await FixedJobsTests().citizen(app, village, idNumber: idNumber)
                // Any case of the person's: the intention is written straight in (item 16's own form is tested with the item).
                let untimed = try await CaseEngineTests().item(app, timed: false)
                #expect(try await CaseEngineTests().accept(app, village, citizen: citizen, item: untimed.seq).0 == .seeOther)
                let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$citizenID == citizen).first())
                let intention = TrainingIntentionRecord()
                intention.id = UUID()
                (intention.citizenID, intention.countyCode, intention.divisionCode) = (citizen, "140830000000", record.divisionCode)
                (intention.servicePointID, intention.caseID) = (record.servicePointID, try record.requireID())
                (intention.occupationCode, intention.level, intention.groups, intention.groupBases) = ("4-10", 4, "hard-to-employ", "[]")
                (intention.registeredOn, intention.status, intention.createdAt) = ("2026-11-20", "enrolled", TestApp.fixedNow)
                try await intention.create(on: app.db)
                let enrolment = TrainingEnrolmentRecord()
                (enrolment.id, enrolment.intentionID, enrolment.planID) = (UUID(), try intention.requireID(), planID)
                (enrolment.status, enrolment.updatedAt) = (status, TestApp.fixedNow)
                try await enrolment.create(on: app.db)
            }
            let path = "/training/plans/\(planID.uuidString.lowercased())"
            func fields(capacity: String, enrolled: String = "3", level: String = "4") -> [(String, String)] {
                [("occupation", "4-10"), ("level", level), ("starts", plan.startsOn), ("ends", plan.endsOn), ("place", plan.place),
                 ("capacity", capacity), ("enrolled", enrolled)]
            }
            #expect(try await app.getPage(admin, "\(path)/edit").0 == .ok)
            let refused = try await app.post(admin, path, fields(capacity: "2", enrolled: "2"))
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("计划人数2少于经平台报名（含已参训、已结业）的3人"))
            #expect(try await ClassPlanRecord.find(planID, on: app.db)?.capacity == plan.capacity)
            // Nor fewer enrolled than the platform's places, nor another level once people were notified.
            let fewer = try await app.post(admin, path, fields(capacity: "5", enrolled: "2"))
            #expect(fewer.0 == .unprocessableEntity && fewer.1.contains("已报名人数2少于经平台报名（含已参训、已结业）的3人"))
            let otherLevel = try await app.post(admin, path, fields(capacity: "5", level: "5"))
            #expect(otherLevel.0 == .unprocessableEntity && otherLevel.1.contains("不能再改职业或等级"))
            #expect(try await ClassPlanRecord.find(planID, on: app.db)?.enrolled == plan.enrolled)
            try await app.expectNoticeRedirect(path, as: admin, fields: fields(capacity: "3"))
            #expect(try await ClassPlanRecord.find(planID, on: app.db)?.capacity == 3)
            #expect(try await auditCount("class_plan.update", result: "success", on: app) == 1)
        }
    }

    @Test("the province's business admin, a village operator and a reviewer are refused; another county's institution is not Ruicheng's")
    func scope() async throws {
        try await TestApp.run { app in
            let school = try await Self.institution(named: "芮城县示范职业培训学校（演示）", on: app)
            let path = "/training/institutions/\(try school.requireID().uuidString.lowercased())"
            for role in [DemoRole.provinceBusinessAdmin, .villageOperator, .reviewer, .townshipOperator] {
                let session = try await app.session(as: role)
                for page in ["/training/institutions", "/training/institutions/new", path, "\(path)/edit", "\(path)/plans/new", "/training/monitoring-list"] {
                    #expect(try await app.getPage(session, page).0 == .forbidden, "\(role) \(page)")
                }
                #expect(try await app.post(session, "/training/institutions", Self.fields()).0 == .forbidden, "\(role)")
                #expect(try await app.post(session, path, Self.fields()).0 == .forbidden, "\(role)")
                #expect(!(try await app.getPage(session, "/").1.contains("href=\"/training/institutions\"")), "\(role) is not offered the registry")
            }
            #expect(try await auditCount("access.denied", result: "denied", on: app) == 4 * 8)

            // An institution Yongji keeps, as its admin entered it: Ruicheng's admin neither sees nor changes it.
            let admin = try await app.session(as: .countyBusinessAdmin)
            #expect(try await app.getPage(admin, "/").1.contains("href=\"/training/institutions\""))
            let other = TrainingInstitutionRecord()
            other.id = UUID()
            (other.countyCode, other.name, other.creditCode, other.divisionCode) = ("140881000000", "永济市某培训学校", Self.creditCode, "140881000000")
            (other.address, other.subsidised, other.contactPhone) = ("永济市", true, "0359-8000000")
            (other.createdBy, other.createdAt) = (admin.accountID, TestApp.fixedNow)
            try await other.create(on: app.db)
            let otherPath = "/training/institutions/\(try other.requireID().uuidString.lowercased())"
            #expect(try await app.getPage(admin, otherPath).0 == .forbidden)
            #expect(try await app.post(admin, otherPath, Self.fields(["name": "改名"])).0 == .forbidden)
            #expect(try await app.post(admin, "\(otherPath)/plans", [("occupation", "4-03")]).0 == .forbidden)
            #expect(try await TrainingInstitutionRecord.find(other.id, on: app.db)?.name == "永济市某培训学校")
            #expect(try await auditedObjects("access.denied", on: app).filter { $0.object == other.id?.uuidString.lowercased() }.count == 3)
        }
    }
}
