import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("工作日历: built-in years, a new year loaded by the province, provisional deadlines past the data")
struct WorkCalendarAdminTests {
    static let year2027 = """
        {"year": 2027, "notice": "国务院办公厅关于2027年部分节假日安排的通知（测试）",
         "holidays": {"2027-01-01": "元旦", "2027-01-02": "元旦", "2027-01-03": "元旦"},
         "makeupWorkdays": ["2027-01-09"]}
        """

    func load(_ app: Application, _ session: TestSession, _ json: String) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/calendar", headers: session.formHeaders, body: session.form([("json", json)])) { res in
            result = (res.status, res.body.string)
        }
        return result
    }

    @Test("the calculator follows domain-rules examples; past the loaded years it says provisional until the year is loaded")
    func calculatorAndLoading() async throws {
        try await TestApp.run { app in
            let operatorSession = try await app.session(as: .villageOperator)
            let example = try await app.getPage(operatorSession, "/calendar?from=2025-09-26&days=5")
            #expect(example.1.contains("办结期限：2025-10-10") && !example.1.contains("暂定："))
            let yearEnd = try await app.getPage(operatorSession, "/calendar?from=2026-12-28&days=5")
            #expect(yearEnd.1.contains("暂定："))

            let province = try await app.session(as: .provinceSystemAdmin)
            let loaded = try await app.expectNoticeRedirect("/calendar", as: province, fields: [("json", Self.year2027)])
            #expect(loaded?.location == "/calendar")
            // 2026-12-28 (Mon) + 5: 29, 30, 31, then 1–3 January off, 4 and 5 January → 2027-01-05, now certain.
            let certain = try await app.getPage(operatorSession, "/calendar?from=2026-12-28&days=5")
            #expect(certain.1.contains("办结期限：2027-01-05") && !certain.1.contains("暂定："))
            let audited = try await auditCount("calendar.load", result: "success", on: app)
            #expect(audited == 1)
        }
    }

    @Test("bad notices are refused with every problem, nothing stored; built-in years stay; only the province loads")
    func refusals() async throws {
        try await TestApp.run { app in
            let province = try await app.session(as: .provinceSystemAdmin)
            let outside = Self.year2027.replacingOccurrences(of: "\"2027-01-03\": \"元旦\"", with: "\"2028-01-03\": \"元旦\"")
            let both = Self.year2027.replacingOccurrences(of: "[\"2027-01-09\"]", with: "[\"2027-01-02\"]")
            for json in [outside, both, "{\"year\": 2027", Self.year2027.replacingOccurrences(of: "2027", with: "2025")] {
                let result = try await load(app, province, json)
                #expect(result.0 == .unprocessableEntity, "\(json.prefix(60))")
                #expect(result.1.contains("未保存任何数据"))
            }
            let stored = try await WorkCalendarYearRecord.query(on: app.db).count()
            #expect(stored == 0)
            let county = try await app.session(as: .countySystemAdmin)
            #expect(try await load(app, county, Self.year2027).0 == .forbidden)
            let village = try await app.session(as: .villageOperator)
            #expect(try await load(app, village, Self.year2027).0 == .forbidden)
        }
    }

    /// The notice chosen as a file in the form (multipart), as a browser sends it.
    func upload(_ app: Application, _ session: TestSession, file: Data, json: String = "") async throws -> (HTTPStatus, String) {
        var form = MultipartForm()
        form.field(SessionMiddleware.csrfField, session.csrf)
        form.field("json", json)
        form.file("file", filename: "2027.json", type: "application/json", bytes: Array(file))
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/calendar", headers: form.headers(session), body: form.finished()) { res in
            result = (res.status, res.body.string)
        }
        return result
    }

    @Test("a refused file is not lost: its text comes back in the box, said so, and the retry without the file loads it")
    func refusedFileKept() async throws {
        try await TestApp.run { app in
            let province = try await app.session(as: .provinceSystemAdmin)
            // A made-up error: a holiday outside the year. The file's text must come back, not an empty box.
            let wrong = Self.year2027.replacingOccurrences(of: "\"2027-01-01\"", with: "\"2028-01-01\"")
            #expect(wrong != Self.year2027)
            let refused = try await upload(app, province, file: Data(wrong.utf8))
            #expect(refused.0 == .unprocessableEntity)
            #expect(refused.1.contains("已将所选文件“2027.json”的内容填入上方文本框"))
            #expect(refused.1.contains("2028-01-01"), "the file's text is in the box")
            #expect(try await WorkCalendarYearRecord.query(on: app.db).count() == 0)
            // The clerk corrects the text in the box and sends it with no file chosen.
            let retried = try await upload(app, province, file: Data(), json: Self.year2027)
            #expect(retried.0 == .seeOther, "\(retried.1.prefix(300))")
            #expect(try await WorkCalendarYearRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("a case accepted on 31 December has a provisional deadline; loading 2027 as a file counts it again, certain")
    func provisionalDeadlinesCountedAgain() async throws {
        // 2026-12-31 10:00 in Shanghai: any time limit runs into 2027, which is not built in.
        try await TestApp.run(clock: .fixed(Date(timeIntervalSince1970: 1_798_682_400))) { app in
            let engine = CaseEngineTests()
            let village = try await app.session(as: .villageOperator)
            let citizenID = try await engine.citizen(app, village)
            let timed = try await engine.item(app, timed: true)
            let id = try #require(try await engine.accept(app, village, citizen: citizenID, item: timed.seq).1)
            let before = try #require(try await CaseRecord.find(id, on: app.db))
            #expect(before.acceptedOn == "2026-12-31" && before.deadlineProvisional)
            #expect(try await app.getPage(village, "/cases/\(id.uuidString.lowercased())").1.contains("（暂定）"))

            let province = try await app.session(as: .provinceSystemAdmin)
            #expect(try await upload(app, province, file: Data([0xFF, 0xFE, 0x00])).1.contains("所选文件不是UTF-8编码的JSON文本"))
            #expect(try await WorkCalendarYearRecord.query(on: app.db).count() == 0)
            let loaded = try await upload(app, province, file: Data(Self.year2027.utf8))
            #expect(loaded.0 == .seeOther, "\(loaded.1.prefix(400))")

            guard case .success(let year) = WorkCalendarYear.decode(uploadedJSON: Data(Self.year2027.utf8)) else {
                Issue.record("the test notice does not decode")
                return
            }
            let expected = app.jiujinban.workCalendar.loading(year)
                .addingWorkingDays(timed.workingDays, to: CalendarDate(iso: "2026-12-31")!)
            #expect(!expected.isProvisional && expected.date.year == 2027)
            let after = try #require(try await CaseRecord.find(id, on: app.db))
            #expect(after.deadline == expected.date.iso && !after.deadlineProvisional)
            #expect(!(try await app.getPage(village, "/cases/\(id.uuidString.lowercased())").1.contains("（暂定）")))
            let detail = try await (app.db as! any SQLDatabase).raw(
                "SELECT detail FROM audit_log WHERE action = 'calendar.load'").first()?.decode(column: "detail", as: String.self)
            #expect(detail?.contains("重新计算暂定办结期限1件") == true)
        }
    }
}
