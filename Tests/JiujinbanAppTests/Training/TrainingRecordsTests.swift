import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// The two records behind key groups the platform did not have (issue 24, deliverable 1): the county's
/// 防止返贫监测对象 list, imported by its business admin, and the 就业困难人员 recognitions of its reviewers.
@Suite("防止返贫监测对象名单 import and 就业困难人员认定")
struct TrainingRecordsTests {
    static func person(_ sequence: Int) -> String { TestIdentity.idNumber(birth: "19850315", sequence: sequence) }

    func upload(_ app: Application, _ session: TestSession, batch: String, csv: String) async throws -> (HTTPStatus, String) {
        var form = MultipartForm()
        form.field(SessionMiddleware.csrfField, session.csrf)
        form.field("batch", batch)
        form.file("file", filename: "名单.csv", type: "text/csv", bytes: Array(csv.utf8))
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/training/monitoring-list", headers: form.headers(session), body: form.finished()) { res in
            result = (res.status, res.body.string)
        }
        return result
    }

    @Test("a good file is stored by keyed index and masked name; a bad check digit on line 3 refuses the file; a re-import replaces")
    func importList() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            #expect(try await app.getPage(admin, "/training/monitoring-list").1.contains("尚未导入"))
            let good = "身份证号码,姓名,纳入监测日期\n\(Self.person(1)),张三丰,2026-03-05\n\(Self.person(2)),李四,\n\(Self.person(3)),王五,2025-12-01\n"
            let first = try await upload(app, admin, batch: "2026年第3批", csv: good)
            #expect(first.0 == .seeOther, "\(first.1.prefix(400))")
            let entries = try await PovertyMonitoringEntry.query(on: app.db).sort(\.$maskedName).all()
            #expect(entries.count == 3 && entries.allSatisfy { $0.countyCode == "140830000000" && $0.batch == "2026年第3批" })
            #expect(Set(entries.map(\.maskedName)) == ["张**", "李*", "王*"])
            let index = CitizenRegistry.index(of: try ResidentIDNumber.parse(Self.person(1), today: app.jiujinban.clock.today).get(),
                                              cipher: app.jiujinban.cipher)
            #expect(entries.first { $0.idNumberIndex == index }?.includedOn == "2026-03-05")
            let page = try await app.getPage(admin, "/training/monitoring-list")
            #expect(page.1.contains("3人") && page.1.contains("2026年第3批") && page.1.contains("吴海燕") && page.1.contains("2026-11-25 10:00"))
            #expect(!page.1.contains("张三丰"), "only masked names are kept")

            // Line 3 has a wrong check digit: nothing of the file is written, the list stands.
            let wrong = String(Self.person(5).dropLast()) + (Self.person(5).hasSuffix("1") ? "2" : "1")
            let bad = try await upload(app, admin, batch: "2026年第4批", csv: "身份证号码,姓名,纳入监测日期\n\(Self.person(4)),赵六,\n\(wrong),钱七,\n")
            #expect(bad.0 == .unprocessableEntity)
            #expect(bad.1.contains("第3行：身份证号码校验码错误") && bad.1.contains("名单文件有1处问题，整个文件未导入"))
            #expect(try await PovertyMonitoringEntry.query(on: app.db).count() == 3)
            #expect(try await PovertyMonitoringEntry.query(on: app.db).filter(\.$batch == "2026年第4批").count() == 0)
            let noBatch = try await upload(app, admin, batch: " ", csv: good)
            #expect(noBatch.0 == .unprocessableEntity && noBatch.1.contains("请填写批次名称"))

            // The next batch replaces the list whole.
            #expect(try await upload(app, admin, batch: "2026年第4批", csv: "身份证号码,姓名\n\(Self.person(4)),赵六\n\(Self.person(1)),张三丰\n").0 == .seeOther)
            let replaced = try await PovertyMonitoringEntry.query(on: app.db).all()
            #expect(replaced.count == 2 && replaced.allSatisfy { $0.batch == "2026年第4批" && $0.includedOn == nil })
            #expect(try await auditedObjects("poverty_monitoring.import", on: app) == [
                AuditedObject("140830000000", "批次2026年第3批：导入3人，替换原名单0人"),
                AuditedObject("140830000000", "批次2026年第4批：导入2人，替换原名单3人"),
            ])
            let village = try await app.session(as: .villageOperator)
            #expect(try await upload(app, village, batch: "x", csv: good).0 == .forbidden)
            #expect(try await PovertyMonitoringEntry.query(on: app.db).count() == 2)
        }
    }

    @Test("a reviewer recognises a registered citizen of the county, one in force at a time, and ends it with a reason")
    func recognition() async throws {
        try await TestApp.run { app in
            let reviewer = try await app.session(as: .reviewer)
            let village = try await app.session(as: .villageOperator)
            let citizen = try await FixedJobsTests().citizen(app, village, idNumber: Self.person(11))
            #expect(try await app.getPage(reviewer, "/training/hardship").1.contains("尚无就业困难人员认定记录"))

            let unknown = try await app.post(reviewer, "/training/hardship", [("id_number", Self.person(12)), ("category", "大龄失业人员"),
                                                                           ("recognised_on", "2026-11-20")])
            #expect(unknown.0 == .unprocessableEntity && unknown.1.contains("本县办事群众中没有此人"))
            let future = try await app.post(reviewer, "/training/hardship", [("id_number", Self.person(11)), ("category", ""),
                                                                          ("recognised_on", "2026-11-26")])
            #expect(future.0 == .unprocessableEntity && future.1.contains("认定日期2026-11-26晚于今天") && future.1.contains("请填写认定类别"))
            #expect(try await HardshipRecognitionRecord.query(on: app.db).count() == 0)

            try await app.expectNoticeRedirect("/training/hardship", as: reviewer, fields: [
                ("id_number", Self.person(11)), ("category", "大龄失业人员（女45周岁以上）"), ("recognised_on", "2026-11-20"),
            ])
            let record = try #require(try await HardshipRecognitionRecord.query(on: app.db).first())
            #expect(record.citizenID == citizen && record.recognisedBy == reviewer.accountID && record.endedOn == nil)
            let list = try await app.getPage(reviewer, "/training/hardship")
            #expect(list.1.contains("王**") && !list.1.contains("王小明") && list.1.contains("有效"))
            let again = try await app.post(reviewer, "/training/hardship", [("id_number", Self.person(11)), ("category", "零就业家庭成员"),
                                                                         ("recognised_on", "2026-11-25")])
            #expect(again.0 == .unprocessableEntity && again.1.contains("此人已有有效的就业困难人员认定"))

            let end = "/training/hardship/\(try record.requireID().uuidString.lowercased())/end"
            let noReason = try await app.post(reviewer, end, [("end_reason", " ")])
            #expect(noReason.0 == .unprocessableEntity && noReason.1.contains("请填写终止原因"))
            try await app.expectNoticeRedirect(end, as: reviewer, fields: [("end_reason", "已实现稳定就业")])
            let ended = try #require(try await HardshipRecognitionRecord.find(record.id, on: app.db))
            #expect(ended.endedOn == "2026-11-25" && ended.endReason == "已实现稳定就业" && ended.endedBy == reviewer.accountID)
            #expect(try await app.post(reviewer, end, [("end_reason", "再次终止")]).0 == .conflict)
            // Ended, a new one may be recorded.
            try await app.expectNoticeRedirect("/training/hardship", as: reviewer, fields: [
                ("id_number", Self.person(11)), ("category", "零就业家庭成员"), ("recognised_on", "2026-11-25"),
            ])
            #expect(try await HardshipRecognitionRecord.query(on: app.db).filter(\.$endedOn == nil).count() == 1)
            #expect(try await auditCount("hardship.recognise", result: "success", on: app) == 2)
            #expect(try await auditedObjects("hardship.end", on: app) == [
                AuditedObject(citizen.uuidString.lowercased(), "终止就业困难人员认定（大龄失业人员（女45周岁以上））：已实现稳定就业"),
            ])

            // Only a county reviewer: the business admin and the operators are refused.
            for role in [DemoRole.countyBusinessAdmin, .villageOperator, .provinceBusinessAdmin] {
                let session = try await app.session(as: role)
                #expect(try await app.getPage(session, "/training/hardship").0 == .forbidden, "\(role)")
                #expect(try await app.post(session, end, [("end_reason", "x")]).0 == .forbidden, "\(role)")
            }
        }
    }
}
