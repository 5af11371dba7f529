import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("服务点验收 (attachment 5): scoring, pass mark, re-inspection, criterion 5 from the accounts, county scope")
struct AcceptanceTests {
    func point(_ app: Application, _ division: String, _ kind: String) async throws -> UUID {
        try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == division).filter(\.$kind == kind).first()?.requireID())
    }

    func scores(_ score: (AcceptanceCriterion) -> Int) -> [(String, String)] {
        AcceptanceCriterion.allCases.map { ("score_\($0.rawValue)", String(score($0))) }
    }

    func inspect(_ app: Application, _ session: TestSession, _ id: UUID, _ fields: [(String, String)]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.POST, "/service-points/\(id.uuidString.lowercased())/acceptance", headers: session.formHeaders,
                                     body: session.form(fields)) { res in result = (res.status, res.body.string) }
        return result
    }

    @Test("a village point scored 100 passes, is audited and fills column 22; a failed one needs its re-inspection date")
    func passAndFail() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            // 太安村 has the demonstration village operator: criterion 5 may score.
            let village = try await point(app, "140830100204", "village")
            let page = try await app.getPage(admin, "/service-points/\(village.uuidString.lowercased())/acceptance")
            #expect(page.1.contains("打印验收表"), "the signed and sealed table is printed")
            #expect(page.0 == .ok && page.1.contains("行政村、社区服务点须配置自助设备") && page.1.contains("本点已有在岗账号"))
            let inspected = try await app.expectNoticeRedirect("/service-points/\(village.uuidString.lowercased())/acceptance", as: admin,
                                                               fields: scores(\.maximum) + [("inspected_on", "2026-11-20")])
            #expect(inspected?.location == "/service-points/\(village.uuidString.lowercased())/acceptance")
            let record = try #require(try await AcceptanceRecord.query(on: app.db).first())
            #expect(record.total == 100 && record.passed && record.passMark == 80 && record.inspectorName == "吴海燕")
            #expect(record.scoreValues[10] == 15)
            #expect(try await auditCount("service_point.acceptance", result: "success", on: app) == 1)
            let report = try await MonthlyReportBuilder.build(scope: try DivisionCode("140830000000"), month: ReportMonth(year: 2026, month: 11)!,
                                                              on: app.db as! any SQLDatabase)
            #expect(report.table.rows.first { $0.key == village.uuidString }?.cells[21] == .flag(true))
            // 70 points fail: the re-inspection date is required and must come after the inspection.
            let low = scores { $0 == .agreement ? 0 : ($0 == .serviceRules ? 0 : ($0 == .premises ? 5 : $0.maximum)) }
            let missing = try await inspect(app, admin, village, low + [("inspected_on", "2026-11-24")])
            #expect(missing.0 == .unprocessableEntity && missing.1.contains("总分70分，未达到合格分数线80分，请填写复验日期"))
            let early = try await inspect(app, admin, village, low + [("inspected_on", "2026-11-24"), ("reinspect_on", "2026-11-01")])
            #expect(early.0 == .unprocessableEntity && early.1.contains("复验日期应晚于验收日期"))
            #expect(try await inspect(app, admin, village, low + [("inspected_on", "2026-11-24"), ("reinspect_on", "2026-12-15")]).0 == .seeOther)
            let failed = try #require(try await AcceptanceRecord.query(on: app.db).filter(\.$passed == false).first())
            #expect(failed.total == 70 && failed.reinspectOn == "2026-12-15")
            // The latest inspection decides column 22.
            let after = try await MonthlyReportBuilder.build(scope: try DivisionCode("140830000000"), month: ReportMonth(year: 2026, month: 11)!,
                                                             on: app.db as! any SQLDatabase)
            #expect(after.table.rows.first { $0.key == village.uuidString }?.cells[21] == .flag(false))
        }
    }

    @Test("the pass mark is the dated policy figure: succeeded by the province, inspections from its date are judged on the new mark")
    func passMarkFigure() async throws {
        try await TestApp.run { app in
            let province = try await app.session(as: .provinceBusinessAdmin)
            let admin = try await app.session(as: .countyBusinessAdmin)
            let village = try await point(app, "140830100204", "village")
            let path = "/service-points/\(village.uuidString.lowercased())/acceptance"
            #expect(try await app.getPage(admin, path).1.contains("80分及以上为合格"))
            let redirect = try await app.expectNoticeRedirect("/policy-figures/successors", as: province, fields: [
                ("key", "platform.acceptance-pass-mark"), ("county", ""), ("valid_from", "2026-11-20"), ("value", "90"),
                ("source", "芮人社发〔2026〕12号"),
            ])
            #expect(redirect?.location == "/policy-figures/platform.acceptance-pass-mark")
            #expect(try await app.getPage(admin, path).1.contains("90分及以上为合格"))
            // 85 points: a pass on 2026-11-19 under 80, a failure on 2026-11-20 under 90; each stores the mark it met.
            let eightyFive = scores { $0 == .premises ? 0 : ($0 == .trained ? 5 : $0.maximum) }
            #expect(try await inspect(app, admin, village, eightyFive + [("inspected_on", "2026-11-19")]).0 == .seeOther)
            let later = try await inspect(app, admin, village, eightyFive + [("inspected_on", "2026-11-20")])
            #expect(later.0 == .unprocessableEntity && later.1.contains("总分85分，未达到合格分数线90分，请填写复验日期"))
            let records = try await AcceptanceRecord.query(on: app.db).all()
            #expect(records.count == 1 && records[0].total == 85 && records[0].passed && records[0].passMark == 80)
        }
    }

    @Test("a score above its maximum, a future date and criterion 5 without an account are refused; nothing is written")
    func refusals() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            // A village with no staff account: criterion 5 cannot score. The township point is told about kiosks.
            let bare = try await point(app, "140830100205", "village")
            let township = try await point(app, "140830100000", "township_centre")
            let townshipPage = try await app.getPage(admin, "/service-points/\(township.uuidString.lowercased())/acceptance")
            #expect(townshipPage.1.contains("乡镇服务点不要求配置自助设备"))
            let over = try await inspect(app, admin, bare, scores { $0 == .publicNotice ? 6 : ($0 == .permissionApplied ? 0 : $0.maximum) }
                                         + [("inspected_on", "2026-11-26")])
            #expect(over.0 == .unprocessableEntity && over.1.contains("第3项满分5分，得分不能超过满分（现为6分）")
                    && over.1.contains("验收日期不能晚于今天"))
            let five = try await inspect(app, admin, bare, scores(\.maximum) + [("inspected_on", "2026-11-25")])
            #expect(five.0 == .unprocessableEntity && five.1.contains("第5项不能得分"))
            #expect(try await AcceptanceRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("photos are checked by their bytes, kept with the inspection and served only within scope")
    func photos() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let village = try await point(app, "140830100204", "village")
            func post(_ files: [(String, [UInt8])]) async throws -> (HTTPStatus, String) {
                var form = MultipartForm()
                for (name, value) in scores(\.maximum) + [("inspected_on", "2026-11-20"), (SessionMiddleware.csrfField, admin.csrf)] {
                    form.field(name, value)
                }
                for (index, file) in files.enumerated() {
                    form.file("photo\(index + 1)", filename: file.0, type: "image/jpeg", bytes: file.1)
                }
                var result: (HTTPStatus, String) = (.ok, "")
                try await app.testing().test(.POST, "/service-points/\(village.uuidString.lowercased())/acceptance",
                                             headers: form.headers(admin), body: form.finished()) { res in result = (res.status, res.body.string) }
                return result
            }
            let bad = try await post([("front.jpg", Array("GIF89a".utf8))])
            #expect(bad.0 == .unprocessableEntity && bad.1.contains("“front.jpg”不是PNG或JPEG图片，请上传验收照片文件"))
            #expect(try await AcceptanceRecord.query(on: app.db).count() == 0)
            #expect(try await post([("front.png", ProblemFixtures.png), ("", [])]).0 == .seeOther)
            let record = try #require(try await AcceptanceRecord.query(on: app.db).first())
            let path = "/acceptances/\(try record.requireID().uuidString.lowercased())/photos/1"
            try await app.testing().test(.GET, path, headers: admin.headers) { res in
                #expect(res.status == .ok && res.headers.first(name: .contentType) == "image/png")
                #expect(Array(res.body.readableBytesView) == ProblemFixtures.png)
            }
            #expect(try await app.getPage(admin, "/service-points/\(village.uuidString.lowercased())/acceptance").1.contains(path))
            // Another county's admin does not get it.
            _ = try await addPingluCounty(app)
            let pinglu = try await app.makeAccount(.businessAdmin, unit: .department(try DivisionCode("140829000000")),
                                                   idNumber: "140829198001010010", phone: "13903590100")
            #expect(try await app.getPage(pinglu, path).0 == .notFound)
        }
    }

    @Test("a refused inspection keeps its sound photos for the retry, which stores them without choosing them again")
    func photosHeldForRetry() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let village = try await point(app, "140830100204", "village")
            func post(date: String, _ files: [(String, [UInt8])], submission: String? = nil) async throws -> (HTTPStatus, String) {
                var form = MultipartForm()
                for (name, value) in scores(\.maximum) + [("inspected_on", date), (SessionMiddleware.csrfField, admin.csrf)]
                    + (submission.map { [(HeldUploads.submissionField, $0)] } ?? []) {
                    form.field(name, value)
                }
                for (index, file) in files.enumerated() {
                    form.file("photo\(index + 1)", filename: file.0, type: "image/png", bytes: file.1)
                }
                var result: (HTTPStatus, String) = (.ok, "")
                try await app.testing().test(.POST, "/service-points/\(village.uuidString.lowercased())/acceptance",
                                             headers: form.headers(admin), body: form.finished()) { res in result = (res.status, res.body.string) }
                return result
            }
            // No date: refused, the good photo held and named on the form, the bad one not.
            let refused = try await post(date: "", [("front.png", ProblemFixtures.png), ("bad.png", Array("GIF89a".utf8))])
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("已保留“front.png”"))
            #expect(!refused.1.contains("已保留“bad.png”"))
            // The retry of that form sends no file: the held one is stored with the inspection, and released.
            let submission = try #require(formSubmission(in: refused.1))
            #expect(try await post(date: "2026-11-20", [], submission: submission).0 == .seeOther)
            let record = try #require(try await AcceptanceRecord.query(on: app.db).first())
            let photos = try await AcceptancePhotoRecord.query(on: app.db).filter(\.$acceptanceID == record.requireID()).all()
            #expect(photos.count == 1 && photos.first.map { Array($0.bytes) } == ProblemFixtures.png)
            #expect(try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM held_uploads").first()?
                .decode(column: "n", as: Int.self) == 0)
            // An abandoned refusal's photo never reaches a later, fresh form of the same point.
            let abandoned = try await post(date: "", [("old.png", ProblemFixtures.png)])
            #expect(abandoned.0 == .unprocessableEntity && abandoned.1.contains("已保留“old.png”"))
            let fresh = try #require(formSubmission(in: try await app.getPage(admin, "/service-points/\(village.uuidString.lowercased())/acceptance").1))
            #expect(fresh != formSubmission(in: abandoned.1))
            #expect(try await post(date: "2026-11-21", [], submission: fresh).0 == .seeOther)
            let second = try #require(try await AcceptanceRecord.query(on: app.db).filter(\.$inspectedOn == "2026-11-21").first())
            #expect(try await AcceptancePhotoRecord.query(on: app.db).filter(\.$acceptanceID == second.requireID()).count() == 0)
        }
    }

    @Test("only the county inspects, and only its own points")
    func scope() async throws {
        try await TestApp.run { app in
            let pinglu = try await addPingluCounty(app)
            let admin = try await app.session(as: .countyBusinessAdmin)
            let other = try await app.getPage(admin, "/service-points/\(pinglu.uuidString.lowercased())/acceptance")
            #expect(other.0 == .notFound && other.1.contains("只能验收本县的服务点"))
            let village = try await point(app, "140830100204", "village")
            let path = "/service-points/\(village.uuidString.lowercased())/acceptance"
            // The province reads the inspections but cannot score.
            let provinceSession = try await app.session(as: .provinceBusinessAdmin)
            let province = try await app.getPage(provinceSession, path)
            #expect(province.0 == .ok && province.1.contains("此处只查看验收记录") && !province.1.contains("提交验收结果"))
            let refused = try await inspect(app, provinceSession, village, scores(\.maximum) + [("inspected_on", "2026-11-20")])
            #expect(refused.0 == .forbidden && refused.1.contains("服务点验收由县级人社部门组织"))
            #expect(try await app.getPage(try await app.session(as: .villageOperator), path).0 == .forbidden)
        }
    }
}
