import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("就业政策法规 (item 12): entered by business admins, searched in Chinese by every post that serves")
struct PoliciesAppTests {
    func enter(_ app: Application, _ session: TestSession, title: String, body: String, issuedOn: String = "2026-06-01") async throws -> (HTTPStatus, String) {
        try await app.post(session, "/policies", [("title", title), ("issuer", "山西省人力资源和社会保障厅"), ("document_number", ""),
                                                 ("issued_on", issuedOn), ("body", body)])
    }

    @Test("a two-character word finds every document holding it, title hits first; several words must all occur")
    func search() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            #expect(try await enter(app, admin, title: "关于做好一次性创业补贴发放工作的通知", body: "符合条件的创业人员可申领。").0 == .seeOther)
            #expect(try await enter(app, admin, title: "职业技能培训实施办法", body: "培训合格的，按规定给予职业培训补贴。\r\n第二条 补贴标准另行规定。",
                                    issuedOn: "2026-07-01").0 == .seeOther)
            #expect(try await enter(app, admin, title: "公益性岗位管理办法", body: "公益性岗位按规定开发和管理。").0 == .seeOther)
            let operatorSession = try await app.session(as: .villageOperator)
            let found = try await app.getPage(operatorSession, "/policies?q=%E8%A1%A5%E8%B4%B4") // 补贴
            #expect(found.0 == .ok && found.1.contains("“补贴”：2件"))
            let first = try #require(found.1.range(of: "一次性创业补贴")), second = try #require(found.1.range(of: "职业技能培训实施办法"))
            #expect(first.lowerBound < second.lowerBound)
            #expect(!found.1.contains("公益性岗位管理办法"))
            let both = try await app.getPage(operatorSession, "/policies?q=%E5%88%9B%E4%B8%9A%20%E8%A1%A5%E8%B4%B4") // 创业 补贴
            #expect(both.1.contains("：1件") && both.1.contains("一次性创业补贴"))
            // % and _ are taken literally.
            #expect(try await app.getPage(operatorSession, "/policies?q=%25").1.contains("没有找到"))
            let all = try await app.getPage(operatorSession, "/policies")
            #expect(all.1.contains("共3件") && !all.1.contains("录入政策法规"))
            let id = try #require(try await PolicyRecord.query(on: app.db).filter(\.$title == "职业技能培训实施办法").first()?.requireID())
            let page = try await app.getPage(operatorSession, "/policies/\(id.uuidString.lowercased())")
            #expect(page.0 == .ok && page.1.contains("第二条 补贴标准另行规定。"))
            #expect(try await auditCount("policy.create", result: "success", on: app) == 3)
            // Keyword searches are audited with the words searched; browsing the public list and a document is not.
            #expect(try await auditedObjects("policy.search", on: app) == [AuditedObject(nil, "q=补贴；2件"), AuditedObject(nil, "q=创业 补贴；1件"),
                                                                           AuditedObject(nil, "q=%；0件")])
        }
    }

    @Test("bad input is refused field by field and nothing is written; only business admins enter; the auditor does not search")
    func refusals() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countyBusinessAdmin)
            let bad = try await enter(app, admin, title: "", body: "  ", issuedOn: "2026-12-31")
            #expect(bad.0 == .unprocessableEntity && bad.1.contains("请填写标题") && bad.1.contains("请填写正文")
                    && bad.1.contains("发布日期不能晚于今天"))
            #expect(try await PolicyRecord.query(on: app.db).count() == 0)
            let operatorSession = try await app.session(as: .villageOperator)
            #expect(try await enter(app, operatorSession, title: "标题", body: "正文").0 == .forbidden)
            #expect(try await app.getPage(operatorSession, "/policies/new").0 == .forbidden)
            #expect(try await app.getPage(try await app.session(as: .provinceAuditor), "/policies").0 == .forbidden)
            #expect(try await app.getPage(operatorSession, "/services/items/12").1.contains("/policies"))
        }
    }
}
