import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("就业政策法规 (item 12): the admins of the document's division change it or withdraw it; the search follows")
struct PolicyMaintenanceTests {
    static let subsidy = "%E8%A1%A5%E8%B4%B4" // 补贴
    static let grant = "%E8%B5%84%E5%8A%A9" // 资助

    func fields(title: String, body: String) -> [(String, String)] {
        [("title", title), ("issuer", "芮城县人力资源和社会保障局"), ("document_number", "芮人社发〔2026〕3号"), ("issued_on", "2026-06-01"),
         ("body", body)]
    }

    /// Enters a document as `session` and returns its page's path.
    func enter(_ app: Application, _ session: TestSession, title: String, body: String) async throws -> String {
        try await app.expectNoticeRedirect("/policies", as: session, fields: fields(title: title, body: body))
        let record = try #require(try await PolicyRecord.query(on: app.db).filter(\.$title == title).first())
        return "/policies/\(try record.requireID().uuidString.lowercased())"
    }

    func record(_ app: Application, _ path: String) async throws -> PolicyRecord {
        let id = try #require(UUID(uuidString: String(path.split(separator: "/").last!)))
        return try #require(try await PolicyRecord.find(id, on: app.db))
    }

    @Test("an edit changes what the search finds: the old word no longer, the new one (补贴) yes; audited")
    func editMovesTheSearch() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let path = try await enter(app, admin, title: "职业技能培训实施办法", body: "培训合格的，给予职业培训资助。")
            let operatorSession = try await app.session(as: .villageOperator)
            #expect(try await app.getPage(operatorSession, "/policies?q=\(Self.subsidy)").1.contains("没有找到"))
            #expect(try await app.getPage(operatorSession, "/policies?q=\(Self.grant)").1.contains("“资助”：1件"))

            // The admin sees how to change it; the operator does not.
            let shown = try await app.getPage(admin, path)
            #expect(shown.1.contains("href=\"\(path)/edit\"") && shown.1.contains("href=\"\(path)/withdraw\""))
            #expect(!(try await app.getPage(operatorSession, path).1.contains("\(path)/edit")))
            let form = try await app.getPage(admin, "\(path)/edit")
            #expect(form.0 == .ok && form.1.contains("修改政策法规") && form.1.contains("value=\"职业技能培训实施办法\"")
                    && form.1.contains("action=\"\(path)\"") && form.1.contains("name=\"\(SessionMiddleware.csrfField)\""))

            let saved = try await app.post(admin, path, fields(title: "职业技能培训补贴实施办法", body: "培训合格的，按规定给予职业培训补贴。"))
            #expect(saved.0 == .seeOther)
            let found = try await app.getPage(operatorSession, "/policies?q=\(Self.subsidy)")
            #expect(found.1.contains("“补贴”：1件") && found.1.contains("职业技能培训补贴实施办法"))
            #expect(try await app.getPage(operatorSession, "/policies?q=\(Self.grant)").1.contains("没有找到"))
            let page = try await app.getPage(operatorSession, path)
            #expect(page.1.contains("按规定给予职业培训补贴") && !page.1.contains("资助"))
            let stored = try await record(app, path)
            #expect(stored.updatedBy == admin.accountID && stored.updatedAt != nil && stored.divisionCode == "140830000000")
            #expect(try await auditedObjects("policy.update", on: app).map(\.detail) == ["职业技能培训补贴实施办法"])
            #expect(try await auditCount("policy.update", result: "success", on: app) == 1)
        }
    }

    @Test("bad input on edit or withdrawal is refused naming the field, and nothing is written")
    func badInput() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let path = try await enter(app, admin, title: "公益性岗位管理办法", body: "公益性岗位按规定开发和管理。")
            let before = try await record(app, path)

            let bad = try await app.post(admin, path, fields(title: "", body: "改后的正文"))
            #expect(bad.0 == .unprocessableEntity && bad.1.contains("请填写标题") && bad.1.contains("修改政策法规")
                    && bad.1.contains("改后的正文")) // the refused form comes back as typed
            let refused = try await app.post(admin, "\(path)/withdraw", [("reason", " \u{3000} ")])
            #expect(refused.0 == .unprocessableEntity && refused.1.contains("请填写废止原因"))

            let after = try await record(app, path)
            #expect(after.title == before.title && after.body == before.body && after.searchText == before.searchText)
            #expect(after.updatedAt == nil && after.withdrawnAt == nil && after.withdrawnReason == nil)
            #expect(try await auditCount("policy.update", on: app) == 0)
            #expect(try await auditCount("policy.withdraw", on: app) == 0)
            #expect(try await app.getPage(admin, "/policies").1.contains("共1件"))
        }
    }

    @Test("only a business admin whose scope holds the document's division may change or withdraw it; others write nothing")
    func scope() async throws {
        try await TestApp.run { app in
            let county = try await app.session(as: .countyBusinessAdmin), province = try await app.session(as: .provinceBusinessAdmin)
            let countyPath = try await enter(app, county, title: "芮城县就业见习管理办法", body: "见习补贴按月发放。")
            let provincePath = try await enter(app, province, title: "山西省创业担保贷款实施办法", body: "贷款贴息按规定执行。")
            _ = try await addPingluCounty(app)
            let pinglu = try await app.makeAccount(.businessAdmin, unit: .department(try DivisionCode("140829000000")),
                                                   idNumber: "140829198001010010", phone: "13903590100")
            let operatorSession = try await app.session(as: .villageOperator)

            // Another county's admin reads the document (the directory is public) but may not change it.
            #expect(try await app.getPage(pinglu, countyPath).0 == .ok)
            #expect(!(try await app.getPage(pinglu, countyPath).1.contains("\(countyPath)/edit")))
            for session in [pinglu, operatorSession] {
                #expect(try await app.getPage(session, "\(countyPath)/edit").0 == .forbidden)
                #expect(try await app.getPage(session, "\(countyPath)/withdraw").0 == .forbidden)
                #expect(try await app.post(session, countyPath, fields(title: "篡改", body: "篡改")).0 == .forbidden)
                #expect(try await app.post(session, "\(countyPath)/withdraw", [("reason", "篡改")]).0 == .forbidden)
            }
            // The county may not touch the province's document.
            #expect(try await app.post(county, provincePath, fields(title: "篡改", body: "篡改")).0 == .forbidden)
            #expect(try await app.post(county, "\(provincePath)/withdraw", [("reason", "篡改")]).0 == .forbidden)
            #expect(try await PolicyRecord.query(on: app.db).filter(\.$title == "篡改").count() == 0)
            #expect(try await PolicyRecord.query(on: app.db).filter(\.$withdrawnAt != nil).count() == 0)
            #expect(try await auditCount("policy.update", on: app) == 0)
            #expect(try await auditCount("policy.withdraw", on: app) == 0)
            // Unknown documents are not found.
            #expect(try await app.getPage(county, "/policies/\(UUID().uuidString.lowercased())/edit").0 == .notFound)
            // The province's scope holds the county (S13), as for entering directories.
            try await app.expectNoticeRedirect(countyPath, as: province, fields: fields(title: "芮城县就业见习管理办法（修订）", body: "见习补贴按月发放。"))
            #expect(try await auditCount("policy.update", result: "success", on: app) == 1)
        }
    }

    @Test("a withdrawn document leaves the search and the list for everyone; its page says when and why; it is kept, not changed again")
    func withdraw() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let old = try await enter(app, admin, title: "一次性创业补贴发放办法（2024年）", body: "创业补贴标准为5000元。")
            _ = try await enter(app, admin, title: "一次性创业补贴发放办法（2026年）", body: "创业补贴标准为8000元。")
            let operatorSession = try await app.session(as: .villageOperator)
            #expect(try await app.getPage(operatorSession, "/policies?q=\(Self.subsidy)").1.contains("“补贴”：2件"))

            let form = try await app.getPage(admin, "\(old)/withdraw")
            #expect(form.0 == .ok && form.1.contains("废止原因") && form.1.contains("name=\"\(SessionMiddleware.csrfField)\""))
            try await app.expectNoticeRedirect("\(old)/withdraw", as: admin, fields: [("reason", "已被2026年办法替代")])

            for session in [operatorSession, admin] {
                let found = try await app.getPage(session, "/policies?q=\(Self.subsidy)")
                #expect(found.1.contains("“补贴”：1件") && found.1.contains("（2026年）") && !found.1.contains("（2024年）"))
                let all = try await app.getPage(session, "/policies")
                #expect(all.1.contains("共1件") && !all.1.contains("（2024年）"))
            }
            let today = CalendarDate(app.jiujinban.clock.now())
            let page = try await app.getPage(operatorSession, old)
            #expect(page.0 == .ok && page.1.contains("本文件已于\(today)废止") && page.1.contains("废止原因：已被2026年办法替代"))
            #expect(!(try await app.getPage(admin, old).1.contains("\(old)/edit")))

            // Kept, with who and why; not changed or withdrawn again.
            let stored = try await record(app, old)
            #expect(stored.withdrawnBy == admin.accountID && stored.withdrawnReason == "已被2026年办法替代" && stored.body == "创业补贴标准为5000元。")
            #expect(try await PolicyRecord.query(on: app.db).count() == 2)
            #expect(try await app.post(admin, old, fields(title: "复活", body: "复活")).0 == .conflict)
            #expect(try await app.post(admin, "\(old)/withdraw", [("reason", "再次废止")]).0 == .conflict)
            #expect(try await app.getPage(admin, "\(old)/edit").0 == .conflict)
            #expect(try await record(app, old).withdrawnReason == "已被2026年办法替代")
            #expect(try await auditedObjects("policy.withdraw", on: app) == [
                AuditedObject(try stored.requireID().uuidString, "一次性创业补贴发放办法（2024年）：已被2026年办法替代"),
            ])
            #expect(try await auditCount("policy.update", on: app) == 0)
        }
    }
}
