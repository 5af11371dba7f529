import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Issue 22, nothing typed is lost: a refused report keeps its chosen screenshot for the retry (held in the
/// database under the form and the session), and a refused reply keeps its text.
@Suite("问题反映: what was typed or chosen survives a refusal")
struct ProblemTypedWorkTests {
    func post(_ app: Application, _ session: TestSession, key: String, description: String, files: [(String, String, [UInt8])],
              category: String = "system") async throws -> (HTTPStatus, String)
    {
        var form = MultipartForm()
        for (name, value) in [("category", category), ("area", "job"), ("description", description), ("submission", key),
                              (SessionMiddleware.csrfField, session.csrf)] {
            form.field(name, value)
        }
        for (field, filename, bytes) in files { form.file(field, filename: filename, type: "image/png", bytes: bytes) }
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/problems", headers: form.headers(session), body: form.finished()) { res in
            result = (res.status, res.body.string)
        }
        return result
    }

    func heldCount(_ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM held_uploads").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test("a screenshot chosen on a refused report is held and filed with the retry; released once filed")
    func screenshotSurvivesRefusal() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let key = UUID().uuidString.lowercased()
            let refused = try await post(app, village, key: key, description: " ",
                                         files: [("screenshot1", "screen.png", ProblemFixtures.png),
                                                 ("screenshot2", "fake.png", Array("not an image".utf8))])
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("请填写问题描述"))
            #expect(refused.1.contains("已保留“screen.png”"), "the form says which file is kept")
            #expect(!refused.1.contains("已保留“fake.png”"), "a file refused for itself is not kept")
            #expect(try await heldCount(app) == 1)
            // Another session's retry with the same key does not get the file.
            let other = try await app.session(as: .townshipOperator)
            let foreign = try await post(app, other, key: key, description: "", files: [])
            #expect(!foreign.1.contains("screen.png"))
            // The retry sends no file: the held one is filed with the report.
            let retry = try await post(app, village, key: key, description: "页面错位", files: [])
            #expect(retry.0 == .seeOther)
            let report = try #require(try await ProblemReportRecord.query(on: app.db).first())
            let shots = try await ProblemScreenshotRecord.query(on: app.db).all()
            #expect(shots.count == 1 && Array(shots[0].bytes) == ProblemFixtures.png && shots[0].reportID == report.id)
            #expect(try await heldCount(app) == 0)
        }
    }

    @Test("业务指导性问题 from above the county is refused at its category, with the text and the screenshot kept")
    func guidanceAboveCountyKept() async throws {
        try await TestApp.run { app in
            let city = try await app.session(as: .cityOfficer)
            let key = UUID().uuidString.lowercased()
            let refused = try await post(app, city, key: key, description: "县里报表口径不一致",
                                         files: [("screenshot1", "screen.png", ProblemFixtures.png)], category: "guidance")
            #expect(refused.0 == .unprocessableEntity)
            #expect(refused.1.contains("业务指导性问题由县级人社部门答复") && refused.1.contains("href=\"#category\""))
            #expect(refused.1.contains("县里报表口径不一致") && refused.1.contains("已保留“screen.png”"))
            #expect(try await ProblemReportRecord.query(on: app.db).count() == 0)
            // The retry with another category files it, with the held screenshot.
            #expect(try await post(app, city, key: key, description: "县里报表口径不一致", files: [], category: "functional").0 == .seeOther)
            #expect(try await ProblemScreenshotRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("held files older than a day are purged and never used")
    func heldFilesExpire() async throws {
        try await TestApp.run { app in
            let now = app.jiujinban.clock.now()
            let upload = HeldUpload(field: "screenshot1", filename: "a.png", bytes: ProblemFixtures.png)
            try await HeldUploads.hold([upload], key: "k", session: "s", at: now.addingTimeInterval(-HeldUploads.lifetime - 60), on: app.db)
            #expect(try await HeldUploads.held(key: "k", session: "s", now: now, on: app.db).isEmpty)
            try await HeldUploads.hold([upload], key: "k2", session: "s", at: now, on: app.db)
            #expect(try await HeldUploads.held(key: "k2", session: "s", now: now, on: app.db) == [upload])
            #expect(try await HeldUploads.purge(before: now.addingTimeInterval(-HeldUploads.lifetime), on: app.db) == 0,
                    "the first hold purged the expired file as it wrote")
            #expect(try await heldCount(app) == 1)
            #expect(HeldUploads.merge(sent: [HeldUpload(field: "screenshot1", filename: "new.png", bytes: [1])], held: [upload])
                        .map(\.filename) == ["new.png"])
        }
    }

    @Test("a reply refused for its missing time limit comes back with its text and the field named")
    func replyKept() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let id = try #require(try await app.fileProblem(village, category: "system", area: "other").1)
            let taskForce = try await app.session(as: .taskForce)
            let refused = try await app.problemAction(taskForce, id, [("action", "reply"), ("text", "已修复保存按钮，请刷新后重试"), ("days", "")])
            #expect(refused.0 == .unprocessableEntity)
            #expect(refused.1.contains("已修复保存按钮，请刷新后重试</textarea>"))
            #expect(refused.1.contains("field field-invalid") && refused.1.contains("请填写反馈时限"))
            let range = try await app.problemAction(taskForce, id, [("action", "reply"), ("text", "稍后答复"), ("days", "45")])
            #expect(range.1.contains("稍后答复</textarea>") && range.1.contains("value=\"45\""))
        }
    }
}
