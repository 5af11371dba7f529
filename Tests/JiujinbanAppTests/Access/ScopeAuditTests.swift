import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Finding 5 of the security probe: a 404 given because a record lies outside the user's scope wrote no audit row,
/// while a 403 did. Both are denials (S12, S16); a record that does not exist is not.
@Suite("Scope refusals answer 404 and are audited as denials; missing records are not")
struct ScopeAuditTests {
    func status(_ app: Application, _ session: TestSession, _ path: String) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.GET, path, headers: session.headers) { res in result = (res.status, res.body.string) }
        return result
    }

    func denials(_ app: Application) async throws -> [AuditedObject] {
        try await auditedObjects("access.denied", on: app)
    }

    @Test("another point's case: the same 404 as a missing case, but audited with the case and the path")
    func caseOfAnotherPoint() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let community = try await app.session(as: .communityOperator)
            let engine = CaseEngineTests()
            let citizen = try await engine.citizen(app, village)
            let item = try await engine.item(app, timed: false)
            let (_, created) = try await engine.accept(app, village, citizen: citizen, item: item.seq)
            let id = try #require(created).uuidString.lowercased()
            let refused = try await status(app, community, "/cases/\(id)")
            let missing = try await status(app, community, "/cases/\(UUID().uuidString.lowercased())")
            #expect(refused.0 == .notFound && missing.0 == .notFound)
            #expect(refused.1.contains("该办件不存在或您无权查看") && missing.1.contains("该办件不存在或您无权查看"))
            let rows = try await denials(app)
            #expect(rows == [AuditedObject(id, "超出数据范围：GET /cases/:id")])
            let sql = app.db as! any SQLDatabase
            let row = try #require(try await sql.raw("SELECT user_id, result, object_type FROM audit_log WHERE action = 'access.denied'").first())
            #expect(try row.decode(column: "user_id", as: UUID.self) == community.accountID)
            #expect(try row.decode(column: "result", as: String.self) == "denied")
            #expect(try row.decode(column: "object_type", as: String.self) == "case")
        }
    }

    @Test("an account above the county administrator's subtree: 404, audited")
    func accountOutsideSubtree() async throws {
        try await TestApp.run { app in
            let county = try await app.session(as: .countySystemAdmin)
            let province = try await app.session(as: .provinceSystemAdmin)
            let path = "/accounts/\(province.accountID.uuidString.lowercased())"
            #expect(try await status(app, county, path).0 == .notFound)
            let rows = try await denials(app)
            #expect(rows == [AuditedObject(province.accountID.uuidString.lowercased(), "超出数据范围：GET /accounts/:id")], "\(rows)")
            #expect(try await status(app, province, "/accounts/\(county.accountID.uuidString.lowercased())").0 == .ok)
            #expect(try await denials(app).count == 1)
        }
    }
}

/// Finding 8 of the security probe: a submission with its fields absent (not sent at all) cleared a whole list.
@Suite("A form that replaces a list must arrive whole: absent fields are a 422, never a silent reset")
struct CompleteFormTests {
    func post(_ app: Application, _ session: TestSession, _ path: String, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, path, headers: session.formHeaders, body: session.form(fields)) { res in
            result = (res.status, res.body.string)
        }
        return result
    }

    @Test("the responsibility list: an empty POST is refused naming an area; every area sent as 未指定 clears it on purpose")
    func responsibilityList() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let ruicheng = try DivisionCode("140830000000")
            let before = try await ResponsibilityRecord.list(of: ruicheng, on: app.db).entries
            #expect(!before.isEmpty)
            let refused = try await post(app, admin, "/problems/responsibilities", [])
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("提交的表单不完整：缺少“找工作的业务骨干”"), "\(refused.1)")
            #expect(try await ResponsibilityRecord.list(of: ruicheng, on: app.db).entries == before)
            let cleared = try await post(app, admin, "/problems/responsibilities", BusinessArea.allCases.map { ("area_" + $0.rawValue, "") })
            #expect(cleared.0 == .seeOther)
            #expect(try await ResponsibilityRecord.list(of: ruicheng, on: app.db).entries.isEmpty)
        }
    }

    @Test("a point's milestones: an empty POST is refused and changes nothing; both dates sent empty clear them")
    func milestones() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let village = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100204")
                .filter(\.$kind == "village").first()?.requireID())
            let path = "/service-points/\(village.uuidString.lowercased())/milestones"
            #expect(try await post(app, admin, path, [("agreement_on", "2026-11-03"), ("training_on", "2026-11-12")]).0 == .seeOther)
            func count() async throws -> Int {
                try await PointMilestoneRecord.query(on: app.db).filter(\.$servicePointID == village).count()
            }
            #expect(try await count() == 2)
            let refused = try await post(app, admin, path, [])
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("提交的表单不完整"), "\(refused.1)")
            #expect(try await post(app, admin, path, [("agreement_on", "")]).0 == .unprocessableEntity)
            #expect(try await count() == 2)
            #expect(try await post(app, admin, path, [("agreement_on", ""), ("training_on", "")]).0 == .seeOther)
            #expect(try await count() == 0)
        }
    }

    @Test("the township's monthly entry: a POST without the points' fields is refused and the month's entries stay")
    func monthlyEntry() async throws {
        let clock = TestClock(TestApp.fixedNow.addingTimeInterval(-15 * 86_400)) // 2026-11-10, before the 20th
        try await TestApp.run(clock: clock.appClock) { app in
            let township = try await app.session(as: .townshipOperator)
            let village = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100204")
                .filter(\.$kind == "village").first()?.requireID())
            let path = "/reports/monthly/entry"
            #expect(try await post(app, township, path, try await app.entryForm(township, [
                ("month", "2026-11"), ("publicity_\(village.uuidString)", "1"), ("note_\(village.uuidString)", "张贴海报"), ("action", "save"),
            ])).0 == .seeOther)
            #expect(try await app.monthlyCells(village)?[22] == .flag(true))
            let refused = try await post(app, township, path, [("month", "2026-11"), ("action", "save")])
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("提交的表单不完整"), "\(refused.1)")
            #expect(try await app.monthlyCells(village)?[22] == .flag(true))
        }
    }

    @Test("the county's tasks: without the form's marker nothing is reset; with it, unticked boxes mean no")
    func countyTasks() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let path = "/reports/monthly/county-tasks"
            #expect(try await post(app, admin, path, [("month", "2026-11"), ("tasks_shown", "16,17,24"), ("task_16", "1")]).0 == .seeOther)
            func plan() async throws -> Bool? {
                let county = try await MonthlyReportBuilder.build(scope: try DivisionCode("140830000000"), month: ReportMonth(year: 2026, month: 11)!,
                                                                  on: app.db as! any SQLDatabase).table.row(named: "芮城县小计")
                return county?.cells[15] == .flag(true)
            }
            #expect(try await plan() == true)
            let refused = try await post(app, admin, path, [("month", "2026-11")])
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("本县任务"), "\(refused.1)")
            #expect(try await post(app, admin, path, [("month", "2026-11"), ("tasks_shown", "16")]).0 == .unprocessableEntity)
            #expect(try await plan() == true)
            #expect(try await post(app, admin, path, [("month", "2026-11"), ("tasks_shown", "24,16,17")]).0 == .seeOther)
            #expect(try await plan() == false)
            // The page carries the marker its boxes need.
            try await app.testing().test(.GET, "/reports/monthly?month=2026-11", headers: admin.headers) { res in
                #expect(res.body.string.contains(#"name="tasks_shown" value="16,17,24""#))
            }
        }
    }
}
