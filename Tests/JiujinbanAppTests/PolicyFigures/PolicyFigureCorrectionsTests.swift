import Fluent
import Foundation
import SQLKit
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

/// 更正并确认 through the figure's page: a 待核实 row anywhere in the history is replaced by a confirmed row with the
/// corrected value, the old row kept and marked 已更正; who may, and what is refused with nothing written.
@Suite("政策参数: correcting a 待核实 row through the form (更正并确认)")
struct PolicyFigureCorrectionsTests {
    static let ruicheng = try! DivisionCode.county("140830")

    /// The stored rows of a key other than `except`, as text: the neighbours a correction must leave alone.
    func rows(_ app: Application, except: UUID) async throws -> [String] {
        try await policyFigureSnapshot(app).filter { !$0.hasPrefix(except.uuidString) }
    }

    @Test("the province's admin corrects 2024's 待核实 central minimum (not the latest): the book reads the correction, the old row is kept 已更正; audited")
    func provinceCorrectsEarlierRow() async throws {
        try await TestApp.run { app in
            let province = try await app.session(as: .provinceBusinessAdmin)
            let before = try await PolicyFigureBook.load(on: app.db)
            let old = try #require(before.history(.centralBasicPension, county: nil).first { $0.validFrom == CalendarDate(iso: "2024-01-01") })
            #expect(old.status == .unconfirmed && old.value == .amount(fen: 12_300) && old.validTo == CalendarDate(iso: "2024-12-31"))
            #expect(before.latest(.centralBasicPension, county: nil)?.id != old.id)
            let neighbours = try await rows(app, except: old.id)
            let path = "/policy-figures/resident.basic-pension.central"
            let form = try await app.getPage(province, path + "?correct=\(old.id.uuidString.lowercased())")
            #expect(form.0 == .ok && form.1.contains("name=\"correct_value\"") && form.1.contains("value=\"123\"") && form.1.contains("data-confirm"))

            let redirect = try await app.expectNoticeRedirect("/policy-figures/corrections", as: province, fields: [
                ("row", old.id.uuidString.lowercased()), ("correct_value", "113"), ("correct_source", "人社部发〔2024〕9号"),
            ])
            #expect(redirect?.location == path)
            let after = try await PolicyFigureBook.load(on: app.db)
            let replacement = try #require(after.history(.centralBasicPension, county: nil).first { $0.validFrom == old.validFrom })
            #expect(replacement.id != old.id && replacement.validTo == old.validTo && replacement.status == .confirmed)
            #expect(replacement.value == .amount(fen: 11_300) && replacement.source == "人社部发〔2024〕9号" && replacement.confidence == .administrator)
            for date in ["2024-01-01", "2024-12-31"] {
                let resolved = after.resolve(.centralBasicPension, on: CalendarDate(iso: date)!)
                #expect(resolved.isConfirmed && resolved.use?.rowID == replacement.id, "\(date)")
            }
            #expect(after.resolve(.centralBasicPension, on: CalendarDate(iso: "2025-01-01")!).value == .amount(fen: 14_300))
            // The old row as it was, marked with its replacement, when and by whom; every other row untouched.
            let stored = try #require(try await PolicyFigureRecord.find(old.id, on: app.db))
            #expect(stored.value == "12300" && stored.status == "unconfirmed" && stored.validFrom == "2024-01-01" && stored.validTo == "2024-12-31")
            #expect(stored.supersededBy == replacement.id && stored.supersededByAccount == province.accountID && stored.supersededAt != nil)
            #expect(after.row(id: old.id)?.isSuperseded == true)
            #expect(try await rows(app, except: old.id).filter { !$0.hasPrefix(replacement.id.uuidString) } == neighbours)
            #expect(try await PolicyFigureRecord.find(replacement.id, on: app.db)?.setBy == province.accountID)
            let audited = try await auditedObjects("policy-figure.correct", on: app)
            #expect(audited == [AuditedObject(old.id.uuidString.lowercased(),
                "中央基础养老金最低标准（全省）2024-01-01起至2024-12-31的值由123元更正为113元，依据人社部发〔2024〕9号；"
                + "原依据：\(old.source)（推算）；原取值保留并标记为已更正，更正后的取值为\(replacement.id.uuidString.lowercased())")])

            // The page lists the old row struck through under its correction; neither is offered for change again.
            let page = try await app.getPage(province, path)
            #expect(page.1.contains("<del>2024-01-01起至2024-12-31</del>") && page.1.contains("<del>123元</del>"))
            #expect(page.1.contains("class=\"tag tag-superseded\">已更正"))
            #expect(!page.1.contains("correct=\(old.id.uuidString.lowercased())") && !page.1.contains("correct=\(replacement.id.uuidString.lowercased())"))
            let list = try await app.getPage(province, "/policy-figures")
            #expect(list.1.contains("<del>2024-01-01起至2024-12-31：123元 </del>"))
            // A second correction of the same row is refused, naming why; nothing written.
            let snapshot = try await policyFigureSnapshot(app)
            let again = try await app.postForm(province, "/policy-figures/corrections", [
                ("row", old.id.uuidString.lowercased()), ("correct_value", "103"), ("correct_source", "文件")])
            #expect(again.0 == .unprocessableEntity && again.1.contains("该取值已更正，不能再次更正"))
            #expect(try await policyFigureSnapshot(app) == snapshot)
        }
    }

    @Test("refused: a county's admin on a provincial figure, another county's figure, the province's admin on a county's; audited")
    func outOfScope() async throws {
        try await TestApp.run { app in
            _ = try await addPingluCounty(app)
            let pinglu = PolicyFigureRecord(key: .countyBasicPension, county: try DivisionCode.county("140829"),
                                            validFrom: PolicyFigureSeed.undatedFrom, value: .amount(fen: 500), source: "平陆县文件（待核实）",
                                            confidence: .weak, status: .unconfirmed, setBy: nil, setAt: Date())
            try await pinglu.create(on: app.db)
            let provincial = try #require(try await PolicyFigureBook.load(on: app.db).latest(.extraPerYearBeyond15, county: nil))
            let county = try await app.session(as: .countyBusinessAdmin)
            let province = try await app.session(as: .provinceBusinessAdmin)
            let snapshot = try await policyFigureSnapshot(app)
            let denied = try await auditCount("access.denied", on: app)
            func correct(_ session: TestSession, _ row: UUID) async throws -> HTTPStatus {
                try await app.postForm(session, "/policy-figures/corrections", [
                    ("row", row.uuidString.lowercased()), ("correct_value", "8"), ("correct_source", "文件")]).0
            }
            #expect(try await correct(county, provincial.id) == .forbidden)
            #expect(try await correct(county, try pinglu.requireID()) == .notFound)
            #expect(try await correct(province, try pinglu.requireID()) == .forbidden)
            #expect(try await correct(try await app.session(as: .reviewer), provincial.id) == .forbidden)
            #expect(try await auditCount("access.denied", on: app) == denied + 4)
            #expect(try await policyFigureSnapshot(app) == snapshot)
            #expect(try await auditCount("policy-figure.correct", on: app) == 0)
        }
    }

    @Test("bad input is named by its field and nothing is written: a bad value, the same value, no document, a confirmed row")
    func refusals() async throws {
        try await TestApp.run { app in
            let province = try await app.session(as: .provinceBusinessAdmin)
            let book = try await PolicyFigureBook.load(on: app.db)
            let pending = try #require(book.latest(.centralBasicPension, county: nil))
            let confirmed = try #require(book.latest(.minimumWageClass1, county: nil))
            let snapshot = try await policyFigureSnapshot(app)
            func correct(_ row: UUID, _ value: String, _ source: String = "人社部发〔2026〕1号") async throws -> (HTTPStatus, String) {
                try await app.postForm(province, "/policy-figures/corrections",
                                       [("row", row.uuidString.lowercased()), ("correct_value", value), ("correct_source", source)])
            }
            let negative = try await correct(pending.id, "-163")
            #expect(negative.0 == .unprocessableEntity && negative.1.contains("更正后的数值：金额（元）不能为负数，收到“-163”"))
            #expect(negative.1.contains("未保存任何数据") && negative.1.contains("value=\"-163\"") && negative.1.contains("name=\"correct_value\""))
            let letters = try await correct(pending.id, "一百六十三")
            #expect(letters.0 == .unprocessableEntity && letters.1.contains("更正后的数值：金额（元）应为数字，最多两位小数，收到“一百六十三”"))
            let same = try await correct(pending.id, "163.00")
            #expect(same.0 == .unprocessableEntity && same.1.contains("更正后的数值：与原值163元相同；数值无误时请用“依文件确认”"))
            let noSource = try await correct(pending.id, "173", "")
            #expect(noSource.0 == .unprocessableEntity && noSource.1.contains("依据文件：更正参数须填写文件名称及文号"))
            let official = try await correct(confirmed.id, "2200")
            #expect(official.0 == .unprocessableEntity && official.1.contains("该参数已确认，不能更正：已确认的取值只能由新值接续"))
            #expect(try await policyFigureSnapshot(app) == snapshot)
            #expect(try await auditCount("policy-figure.correct", on: app) == 0)
        }
    }

    @Test("after M0065 the rows read still hold one row per start day and one open row per figure; only a row 已更正 stands beside its replacement")
    func indexes() async throws {
        try await TestApp.run { app in
            let latest = try #require(try await PolicyFigureBook.load(on: app.db).latest(.centralBasicPension, county: nil))
            func copy(from: String) -> PolicyFigureRecord {
                PolicyFigureRecord(key: .centralBasicPension, county: nil, validFrom: CalendarDate(iso: from)!, value: .amount(fen: 100),
                                   source: "测试", confidence: .administrator, status: .confirmed, setBy: nil, setAt: Date())
            }
            await #expect(throws: (any Error).self) { try await copy(from: latest.validFrom.iso).create(on: app.db) }
            await #expect(throws: (any Error).self) { try await copy(from: "2027-01-01").create(on: app.db) }
            let replaced = copy(from: latest.validFrom.iso)
            replaced.supersededBy = latest.id
            try await replaced.create(on: app.db)
            #expect(try await PolicyFigureBook.load(on: app.db).superseded.map(\.id) == [try replaced.requireID()])
        }
    }

    @Test("M0065 reverts to M0036's table while no row is 已更正 (every row kept, the start-day constraint back), and refuses once one is")
    func revert() async throws {
        try await TestApp.run { app in
            let sql = app.db as! any SQLDatabase
            let before = try await policyFigureSnapshot(app)
            let latest = try #require(try await PolicyFigureBook.load(on: app.db).latest(.centralBasicPension, county: nil))
            try await M0065AddPolicyFigureCorrections().revert(on: app.db)
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM policy_figures").first()?.decode(column: "n", as: Int.self)
            #expect(count == before.count)
            // A second row from the same start day (with another end) breaks the restored constraint.
            await #expect(throws: (any Error).self) {
                try await sql.raw("""
                    INSERT INTO policy_figures (id, key, scope_code, valid_from, valid_to, value, source, confidence, status, set_by, set_at)
                    SELECT \(bind: UUID()), key, scope_code, valid_from, '2099-12-31', value, source, confidence, status, set_by, set_at
                    FROM policy_figures WHERE id = \(bind: latest.id)
                    """).run()
            }
            try await M0065AddPolicyFigureCorrections().prepare(on: app.db)
            #expect(try await policyFigureSnapshot(app) == before)
            try await app.expectNoticeRedirect("/policy-figures/corrections", as: try await app.session(as: .provinceBusinessAdmin), fields: [
                ("row", latest.id.uuidString.lowercased()), ("correct_value", "173"), ("correct_source", "人社部发〔2026〕2号"),
            ])
            await #expect(throws: PublicError.self) { try await M0065AddPolicyFigureCorrections().revert(on: app.db) }
            #expect(try await PolicyFigureBook.load(on: app.db).superseded.map(\.id) == [latest.id])
        }
    }
}
