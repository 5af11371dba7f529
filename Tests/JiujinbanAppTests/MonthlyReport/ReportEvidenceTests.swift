import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("调度表凭证: evidence files on the township's entered column, checked, kept per month and served within scope")
struct ReportEvidenceAppTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)

    func point(_ app: Application, _ division: String) async throws -> UUID {
        try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == division).filter(\.$kind == "village").first()?.requireID())
    }

    /// The entry form as the browser sends it with files: `fields`, then `files` as (field, filename, bytes).
    func enter(_ app: Application, _ session: TestSession, _ fields: [(String, String)],
               files: [(String, String, [UInt8])] = []) async throws -> (HTTPStatus, String) {
        var form = MultipartForm()
        for (name, value) in try await app.entryForm(session, fields) + [(SessionMiddleware.csrfField, session.csrf)] { form.field(name, value) }
        for (name, filename, bytes) in files { form.file(name, filename: filename, type: "application/octet-stream", bytes: bytes) }
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/reports/monthly/entry", headers: form.headers(session), body: form.finished()) { res in
            result = (res.status, res.body.string)
        }
        return result
    }

    func evidencePath(_ app: Application, _ point: UUID) async throws -> String? {
        try await ReportEvidenceRecord.query(on: app.db).filter(\.$scopeKey == point.uuidString).first()
            .map { "/reports/monthly/evidence/\(try $0.requireID().uuidString.lowercased())" }
    }

    @Test("a refused entry keeps every tick, note and sound file: the file is held and saved by the retry; a saved entry says so")
    func refusedEntryKeepsTypedWork() async throws {
        let clock = TestClock(TestApp.fixedNow.addingTimeInterval(-15 * 86_400)) // 2026-11-10
        try await TestApp.run(clock: clock.appClock) { app in
            let township = try await app.session(as: .townshipOperator)
            let taian = try await point(app, "140830100204")
            let other = try await point(app, "140830100205")
            let tooLong = String(repeating: "长", count: 201)
            let refused = try await enter(app, township, [("month", "2026-11"), ("publicity_\(taian.uuidString)", "1"),
                                                          ("note_\(taian.uuidString)", "村委会张贴海报"),
                                                          ("note_\(other.uuidString)", tooLong), ("action", "save")],
                                          files: [("evidence_\(taian.uuidString)", "宣传海报.pdf", Self.pdf)])
            #expect(refused.0 == .unprocessableEntity)
            #expect(refused.1.contains("value=\"村委会张贴海报\"") && refused.1.contains("value=\"\(tooLong)\""))
            #expect(refused.1.contains("checked"), "the tick is kept")
            #expect(refused.1.contains("已保留“宣传海报.pdf”"))
            #expect(refused.1.contains("href=\"#note_\(other.uuidString)\""), "the summary links to the field it names")
            #expect(try await ReportEvidenceRecord.query(on: app.db).count() == 0)
            #expect(try await ReportEntryRecord.query(on: app.db).count() == 0)
            // The retry chooses no file: the held one is saved with the entry, and the page says it was saved.
            var location = ""
            var notice: String?
            var form = MultipartForm()
            let submission = try #require(formSubmission(in: refused.1))
            for (name, value) in try await app.entryForm(township, [("month", "2026-11"), ("publicity_\(taian.uuidString)", "1"), ("action", "save")])
                + [(SessionMiddleware.csrfField, township.csrf), (HeldUploads.submissionField, submission)] { form.field(name, value) }
            try await app.testing().test(.POST, "/reports/monthly/entry", headers: form.headers(township), body: form.finished()) { res in
                #expect(res.status == .seeOther)
                location = res.headers.first(name: .location) ?? ""
                notice = res.headers.setCookie?[PageNotice.cookieName]?.string
            }
            #expect(try await ReportEvidenceRecord.query(on: app.db).filter(\.$scopeKey == taian.uuidString).first()?.fileName == "宣传海报.pdf")
            #expect(try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM held_uploads").first()?.decode(column: "n", as: Int.self) == 0)
            #expect(location.hasPrefix("/reports/monthly/entry") && notice == ReportEntryNotices.saved.key)
            // An abandoned refusal's file never reaches a later, fresh entry, nor beats a ticked 删除.
            let abandoned = try await enter(app, township, [("month", "2026-11"), ("note_\(other.uuidString)", tooLong), ("action", "save")],
                                            files: [("evidence_\(taian.uuidString)", "旧海报.pdf", Self.pdf)])
            #expect(abandoned.0 == .unprocessableEntity && abandoned.1.contains("已保留“旧海报.pdf”"))
            let fresh = try await enter(app, township, [("month", "2026-11"), ("publicity_\(taian.uuidString)", "1"),
                                                        ("remove_evidence_\(taian.uuidString)", "1"), ("action", "save")], files: [])
            #expect(fresh.0 == .seeOther)
            #expect(try await ReportEvidenceRecord.query(on: app.db).filter(\.$scopeKey == taian.uuidString).count() == 0,
                    "the ticked 删除 removed the evidence; the abandoned file was not used")
        }
    }

    @Test("a PDF and a photo are kept with their points' answers, linked on the entry page and the county's table, and served as what they are")
    func upload() async throws {
        let clock = TestClock(TestApp.fixedNow.addingTimeInterval(-15 * 86_400)) // 2026-11-10
        try await TestApp.run(clock: clock.appClock) { app in
            let township = try await app.session(as: .townshipOperator)
            let admin = try await app.session(as: .countyBusinessAdmin)
            let taian = try await point(app, "140830100204")
            let other = try await point(app, "140830100205")
            let saved = try await enter(app, township, [("month", "2026-11"), ("publicity_\(taian.uuidString)", "1"),
                                                        ("note_\(taian.uuidString)", "村委会张贴海报"), ("action", "save")],
                                        files: [("evidence_\(taian.uuidString)", "宣传海报.pdf", Self.pdf),
                                                ("evidence_\(other.uuidString)", "现场.png", ProblemFixtures.png)])
            #expect(saved.0 == .seeOther)
            let pdfPath = try #require(try await evidencePath(app, taian))
            let pngPath = try #require(try await evidencePath(app, other))
            let entryPage = try await app.getPage(township, "/reports/monthly/entry?month=2026-11")
            #expect(entryPage.1.contains(pdfPath) && entryPage.1.contains(pngPath) && entryPage.1.contains("宣传海报.pdf"))
            let report = try await app.getPage(admin, "/reports/monthly?month=2026-11")
            #expect(report.1.contains(pdfPath) && report.1.contains(pngPath))
            try await app.testing().test(.GET, pdfPath, headers: admin.headers) { res in
                #expect(res.status == .ok && res.headers.first(name: .contentType) == "application/pdf")
                #expect(res.headers.first(name: .contentDisposition)?.contains("attachment") == true)
                #expect(Array(res.body.readableBytesView) == Self.pdf)
            }
            try await app.testing().test(.GET, pngPath, headers: township.headers) { res in
                #expect(res.status == .ok && res.headers.first(name: .contentType) == "image/png")
            }
            #expect(try await auditCount("monthly_report.evidence_view", result: "success", on: app) == 2)
            let detail = try await (app.db as! any SQLDatabase).raw("SELECT detail FROM audit_log WHERE action = 'monthly_report.enter'")
                .first()?.decode(column: "detail", as: String.self)
            #expect(detail?.contains("凭证2份") == true)

            // Another upload for the same point replaces its file; removing deletes it; other points keep theirs.
            #expect(try await enter(app, township, [("month", "2026-11"), ("publicity_\(taian.uuidString)", "1"), ("action", "save")],
                                    files: [("evidence_\(taian.uuidString)", "新海报.png", ProblemFixtures.png)]).0 == .seeOther)
            let replaced = try await ReportEvidenceRecord.query(on: app.db).filter(\.$scopeKey == taian.uuidString).all()
            #expect(replaced.count == 1 && replaced.first?.mediaType == "image/png" && replaced.first?.fileName == "新海报.png")
            #expect(try await enter(app, township, [("month", "2026-11"), ("remove_evidence_\(taian.uuidString)", "1"), ("action", "save")]).0 == .seeOther)
            #expect(try await evidencePath(app, taian) == nil)
            #expect(try await evidencePath(app, other) == pngPath)
            // October's table has no November evidence.
            #expect(!(try await app.getPage(admin, "/reports/monthly?month=2026-10").1.contains(pngPath)))
        }
    }

    @Test("a file that is not a PDF or an image, or too large, is refused naming the point; nothing of the form is written")
    func refused() async throws {
        let clock = TestClock(TestApp.fixedNow.addingTimeInterval(-15 * 86_400))
        try await TestApp.run(clock: clock.appClock) { app in
            let township = try await app.session(as: .townshipOperator)
            let taian = try await point(app, "140830100204")
            let text = try await enter(app, township, [("month", "2026-11"), ("publicity_\(taian.uuidString)", "1"), ("action", "submit")],
                                       files: [("evidence_\(taian.uuidString)", "说明.txt", Array("只是文字".utf8))])
            #expect(text.0 == .unprocessableEntity && text.1.contains("太安村") && text.1.contains("“说明.txt”不是PDF文档或PNG、JPEG图片"))
            let large = [UInt8](Self.pdf) + [UInt8](repeating: 0x20, count: ReportEvidence.maximumBytes)
            let big = try await enter(app, township, [("month", "2026-11"), ("action", "save")],
                                      files: [("evidence_\(taian.uuidString)", "大文件.pdf", large)])
            #expect(big.0 == .unprocessableEntity && big.1.contains("“大文件.pdf”超过5MB"))
            #expect(try await ReportEvidenceRecord.query(on: app.db).count() == 0)
            #expect(try await ReportEntryRecord.query(on: app.db).count() == 0)
            #expect(try await ReportSubmissionRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("after the deadline no evidence is taken; another county and a village operator do not get the file")
    func scope() async throws {
        let clock = TestClock(TestApp.fixedNow.addingTimeInterval(-15 * 86_400))
        try await TestApp.run(clock: clock.appClock) { app in
            let township = try await app.session(as: .townshipOperator)
            let taian = try await point(app, "140830100204")
            #expect(try await enter(app, township, [("month", "2026-11"), ("action", "save")],
                                    files: [("evidence_\(taian.uuidString)", "a.png", ProblemFixtures.png)]).0 == .seeOther)
            let path = try #require(try await evidencePath(app, taian))
            _ = try await addPingluCounty(app)
            let pinglu = try await app.makeAccount(.businessAdmin, unit: .department(try DivisionCode("140829000000")),
                                                   idNumber: "140829198001010010", phone: "13903590100")
            #expect(try await app.getPage(pinglu, path).0 == .notFound)
            // A village point holds neither 月度调度表 nor 调度表填报 (its township enters): refused at the route.
            #expect(try await app.getPage(try await app.session(as: .villageOperator), path).0 == .forbidden)
            #expect(try await app.getPage(try await app.session(as: .provinceBusinessAdmin), path).0 == .ok)
            clock.advance(by: 15 * 86_400) // 2026-11-25, past the 20th
            let late = try await enter(app, try await app.session(as: .townshipOperator), [("month", "2026-11"), ("action", "save")],
                                       files: [("evidence_\(taian.uuidString)", "b.png", ProblemFixtures.png)])
            #expect(late.0 == .forbidden && late.1.contains("已于2026-11-20截止填报"))
            #expect(try await ReportEvidenceRecord.query(on: app.db).count() == 1)
        }
    }
}
