import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("问题反映 bad input, screenshots and double submission")
struct ProblemInputTests {
    @Test("empty description, unknown category, bad time limits: refused with the field named, nothing written")
    func refusals() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let empty = try await app.fileProblem(village, category: "system", area: "job", description: "  \u{3000} ")
            #expect(empty.0 == .unprocessableEntity && empty.2.contains("请填写问题描述"))
            let category = try await app.fileProblem(village, category: "complaint", area: "job")
            #expect(category.0 == .unprocessableEntity && category.2.contains("请选择问题分类"))
            #expect(try await ProblemReportRecord.query(on: app.db).count() == 0)
            #expect(try await ProblemEntryRecord.query(on: app.db).count() == 0)
            let id = try #require(try await app.fileProblem(village, category: "system", area: "other").1)
            let taskForce = try await app.session(as: .taskForce)
            let days = try await app.problemAction(taskForce, id, [("action", "reply"), ("text", "已处理"), ("days", "45")])
            #expect(days.0 == .unprocessableEntity && days.1.contains("反馈时限应为1至30个工作日"))
            let noDays = try await app.problemAction(taskForce, id, [("action", "reply"), ("text", "已处理"), ("days", "")])
            #expect(noDays.0 == .unprocessableEntity && noDays.1.contains("请填写反馈时限"))
            let noText = try await app.problemAction(taskForce, id, [("action", "reply"), ("text", ""), ("days", "3")])
            #expect(noText.0 == .unprocessableEntity && noText.1.contains("请填写答复内容"))
            // The reporter cannot confirm what was never answered, and only the reporter confirms.
            #expect(try await app.problemAction(village, id, [("action", "solve")]).0 == .conflict)
            #expect(try await app.problemAction(taskForce, id, [("action", "solve")]).0 == .forbidden)
            #expect(try await app.problem(id).state == "waiting")
            #expect(try await ProblemEntryRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("screenshots are checked by content and size; a good one is stored and served as what it is")
    func screenshots() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            func post(_ files: [(String, [UInt8])]) async throws -> (HTTPStatus, String, String?) {
                var form = MultipartForm()
                for (name, value) in [("category", "system"), ("area", "job"), ("description", "页面错位"),
                                      ("submission", UUID().uuidString.lowercased()), (SessionMiddleware.csrfField, village.csrf)] {
                    form.field(name, value)
                }
                for (index, file) in files.enumerated() {
                    form.file("screenshot\(index + 1)", filename: file.0, type: "image/png", bytes: file.1)
                }
                var result: (HTTPStatus, String, String?) = (.ok, "", nil)
                try await app.testing().test(.POST, "/problems", headers: form.headers(village), body: form.finished()) { res in
                    result = (res.status, res.body.string, res.headers.first(name: .location))
                }
                return result
            }
            let text = try await post([("fake.png", Array("<script>alert(1)</script>".utf8))])
            #expect(text.0 == .unprocessableEntity && text.1.contains("“fake.png”不是PNG或JPEG图片"))
            let big = try await post([("big.png", ProblemFixtures.png + [UInt8](repeating: 0, count: Screenshot.maximumBytes))])
            #expect(big.0 == .unprocessableEntity && big.1.contains("超过2MB"))
            let three = ProblemFixtures.png + [UInt8](repeating: 0, count: 3 * 1024 * 1024)
            let huge = try await post([("a.png", three), ("b.png", three), ("c.png", three)])
            #expect(huge.0 == .payloadTooLarge && huge.1.contains("提交的内容过大"))
            #expect(try await ProblemReportRecord.query(on: app.db).count() == 0)
            #expect(try await ProblemScreenshotRecord.query(on: app.db).count() == 0)
            let good = try await post([("screen.png", ProblemFixtures.png), ("", [])])
            #expect(good.0 == .seeOther)
            let location = try #require(good.2)
            try await app.testing().test(.GET, location + "/screenshots/1", headers: village.headers) { res in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType) == "image/png")
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(Array(res.body.readableBytesView) == ProblemFixtures.png)
            }
            // Another county's staff cannot fetch it.
            let expert = try await app.session(as: .expert)
            try await app.testing().test(.GET, location + "/screenshots/1", headers: expert.headers) { res in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test("twenty identical submissions at once file one report")
    func doubleSubmission() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let key = UUID()
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await app.fileProblem(village, category: "functional", area: "skill", key: key).0 }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await ProblemReportRecord.query(on: app.db).count() == 1)
            #expect(try await auditCount("problem.file", result: "success", on: app) == 1)
        }
    }
}
