import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("用户申请（变更）单: operator accounts (attachment 3, article 8)")
struct OperatorApplicationTests {
    typealias F = ApplicationFixtures

    @Test("village files → county approves → system admin creates → business admin associates and grants → applicant notified")
    func endToEnd() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let sysAdmin = try await app.session(as: .countySystemAdmin)
            let bizAdmin = try await app.session(as: .countyBusinessAdmin)
            let (status, filed) = try await app.fileApplication(village, F.contact() + F.newAccount(0))
            #expect(status == .seeOther)
            let id = try #require(filed)
            let record = try #require(try await AccountApplicationRecord.find(id, on: app.db))
            #expect(record.number == "140830-2026-0001")
            #expect(record.state == "submitted")
            // Personal data is sealed: the stored row has no ID number or phone in clear.
            #expect(!record.contentSealed.contains(F.newOperatorID) && !record.contactPhoneSealed.contains("13903590011"))
            // The county's admins were told there is an application to review.
            let told = try await NotificationRecord.query(on: app.db).filter(\.$accountID == sysAdmin.accountID).count()
            #expect(told == 1)

            let approved = try await app.applicationStep(sysAdmin, id, "decide", [("decision", "approve"), ("comment", "同意新增")])
            #expect(approved.0 == .seeOther)
            #expect(try await app.applicationState(id) == "approved")

            // The business admin's part waits for the account to exist.
            let early = try await app.applicationStep(bizAdmin, id, "carry-out", [("part", "permissions")])
            #expect(early.0 == .conflict)
            #expect(early.1.contains(Refusal.accountsFirst.message))

            let accounts = try await app.applicationStep(sysAdmin, id, "carry-out", [("part", "accounts")])
            #expect(accounts.0 == .seeOther, "\(accounts.1.prefix(300))")
            #expect(try await app.applicationState(id) == "partly_carried_out")
            let content = try ApplicationContent.opened(try #require(try await AccountApplicationRecord.find(id, on: app.db)).contentSealed,
                                                        with: app.jiujinban.cipher)
            let newID = try #require(content.items[0].accountID)
            let created = try #require(try await AccountRecord.find(newID, on: app.db))
            #expect(created.post == "operator" && created.roleAssociatedAt == nil)
            let pending = try #require(try await StaffDirectory.account(created, on: app.db))
            #expect(!pending.may(.viewServicePoints))

            let ceiling = PermissionPolicy.ceiling(post: .operator, unit: pending.unit, catalogue: app.jiujinban.catalogue).sorted()
            let grant = try #require(ceiling.first)
            let permissions = try await app.applicationStep(bizAdmin, id, "carry-out", [("part", "permissions"), ("grants_0[]", grant.description)])
            #expect(permissions.0 == .seeOther, "\(permissions.1.prefix(300))")
            #expect(try await app.applicationState(id) == "done")
            let associated = try #require(try await AccountRecord.find(newID, on: app.db))
            #expect(associated.roleAssociatedBy == bizAdmin.accountID)
            let grants = try await StaffDirectory.grants(of: newID, on: app.db)
            #expect(grants == [grant])

            // The applicant is notified in the system; the steps are the archive's history.
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$accountID == village.accountID).all()
            #expect(notices.contains { $0.title.contains("已办结") })
            let steps = try await AccountApplicationStep.query(on: app.db).filter(\.$applicationID == id).all().map(\.action)
            #expect(Set(steps) == ["file", "approve", "carry_out_accounts", "carry_out_permissions"])
            for action in ["account_application.file", "account_application.approve", "account_application.carry_out_accounts",
                           "account_application.carry_out_permissions", "account.create"] {
                let count = try await auditCount(action, result: "success", on: app)
                #expect(count == 1, "\(action)")
            }
            let page = try await app.getPage(village, "/account-applications/\(id.uuidString.lowercased())")
            #expect(page.0 == .ok && page.1.contains("已办结") && page.1.contains("同意新增"))
            #expect(!page.1.contains(F.newOperatorID) && page.1.contains("140830********0019"))
        }
    }

    @Test("who may act in each state: the applicant never decides, wrong part or state refused, rejection needs a reason")
    func whoMayAct() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let community = try await app.session(as: .communityOperator)
            let sysAdmin = try await app.session(as: .countySystemAdmin)
            let bizAdmin = try await app.session(as: .countyBusinessAdmin)
            let city = try await app.session(as: .cityOfficer)
            let id = try #require(try await app.fileApplication(village, F.contact() + F.change(0, "freeze", account: village.accountID)).1)
            let path = "/account-applications/\(id.uuidString.lowercased())"

            // Another service point of the same county does not see it at all.
            #expect(try await app.getPage(community, path).0 == .notFound)
            // Operators cannot decide (no capability); the city does not forward operator applications.
            #expect(try await app.applicationStep(village, id, "decide", [("decision", "approve")]).0 == .forbidden)
            #expect(try await app.applicationStep(city, id, "forward").0 == .forbidden)
            // Carrying out before the decision is refused.
            #expect(try await app.applicationStep(sysAdmin, id, "carry-out", [("part", "accounts")]).0 == .conflict)
            // Rejection without a reason is a field error; nothing changes.
            let noReason = try await app.applicationStep(bizAdmin, id, "decide", [("decision", "reject"), ("comment", " ")])
            #expect(noReason.0 == .unprocessableEntity && noReason.1.contains(Refusal.commentRequired.message))
            #expect(try await app.applicationState(id) == "submitted")
            // A comment the rules refuse comes back in its box with the problem, not lost; each decision asks first.
            let long = String(repeating: "长", count: AccountApplication.maximumCommentLength + 1)
            let tooLong = try await app.applicationStep(bizAdmin, id, "decide", [("decision", "reject"), ("comment", long)])
            #expect(tooLong.0 == .unprocessableEntity && tooLong.1.contains(">\(long)</textarea>"))
            #expect(tooLong.1.contains("data-confirm=\"确认同意申请单") && tooLong.1.contains("data-confirm=\"确认不同意申请单"))
            #expect(try await app.applicationState(id) == "submitted")

            try await app.expectNoticeRedirect("/account-applications/\(id.uuidString.lowercased())/" + "decide", as: bizAdmin, fields: [("decision", "approve")])
            #expect(try await app.applicationStep(sysAdmin, id, "decide", [("decision", "reject"), ("comment", "重复")]).0 == .conflict)
            // The business admin carries out permission items only; a freeze is the system admin's.
            let wrongPart = try await app.applicationStep(bizAdmin, id, "carry-out", [("part", "accounts")])
            #expect(wrongPart.0 == .forbidden)
            try await app.expectNoticeRedirect("/account-applications/\(id.uuidString.lowercased())/" + "carry-out", as: sysAdmin, fields: [("part", "accounts")])
            #expect(try await app.applicationState(id) == "done")
            let frozen = try await AccountRecord.find(village.accountID, on: app.db)?.status
            #expect(frozen == "frozen")
            // The applicant's own sessions ended with the freeze.
            #expect(try await app.getPage(village, "/account-applications").0 == .seeOther)
            // Closed: nothing more happens to it.
            #expect(try await app.applicationStep(sysAdmin, id, "carry-out", [("part", "accounts")]).0 == .conflict)
            let denied = try await auditCount("account_application.decide", result: "denied", on: app)
                + (try await auditCount("account_application.reject", result: "denied", on: app))
            #expect(denied >= 2)
        }
    }

    @Test("bad filings: every problem named per row in Chinese, nothing written, no number used")
    func badFilings() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let fields = [("contact_name", ""), ("contact_phone", "12345")]
                + F.newAccount(0, name: "", idNumber: "140830199506150014", phone: "+86 139")
                + F.newAccount(1, post: "system_admin")
            let (status, id) = try await app.fileApplication(village, fields)
            #expect(status == .unprocessableEntity && id == nil)
            var body = ""
            try await app.testing().test(.POST, "/account-applications", headers: village.formHeaders, body: village.form(fields)) { res in
                body = res.body.string
            }
            for text in ["请填写联系人", "第1项申请事项：请填写姓名", "第1项申请事项：", "第2项申请事项：", "未保存任何数据"] {
                #expect(body.contains(text), "\(text)")
            }
            let stored = try await AccountApplicationRecord.query(on: app.db).count()
            #expect(stored == 0)
            // The next good filing still gets number 0001.
            let good = try await app.fileApplication(village, F.contact() + F.newAccount(0))
            let number = try await AccountApplicationRecord.find(try #require(good.1), on: app.db)?.number
            #expect(number == "140830-2026-0001")
        }
    }

    @Test("numbers are unique under concurrent filing, and concurrent deciders: exactly one wins (S26)")
    func concurrency() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let results = try await withThrowingTaskGroup(of: UUID?.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await app.fileApplication(village, F.contact() + F.newAccount(0, idNumber: index.isMultiple(of: 2)
                            ? F.newOperatorID : "140830199001260554")).1
                    }
                }
                return try await group.reduce(into: [UUID]()) { if let id = $1 { $0.append(id) } }
            }
            #expect(results.count == 8)
            let numbers = try await AccountApplicationRecord.query(on: app.db).all().map(\.number)
            #expect(Set(numbers).count == 8)
            #expect(Set(numbers) == Set((1...8).map { "140830-2026-" + String(format: "%04d", $0) }))

            let sysAdmin = try await app.session(as: .countySystemAdmin)
            let bizAdmin = try await app.session(as: .countyBusinessAdmin)
            let id = results[0]
            async let first = app.applicationStep(sysAdmin, id, "decide", [("decision", "approve")])
            async let second = app.applicationStep(bizAdmin, id, "decide", [("decision", "reject"), ("comment", "不同意")])
            let statuses = [try await first.0, try await second.0]
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            let steps = try await AccountApplicationStep.query(on: app.db).filter(\.$applicationID == id)
                .filter(\.$action ~~ ["approve", "reject"]).count()
            #expect(steps == 1)
        }
    }

    @Test("print in the attachment's layout, masked; the county's export for filing with the city, audited")
    func printAndExport() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            let id = try #require(try await app.fileApplication(village, F.contact() + F.newAccount(0, name: "张小红")).1)
            let print = try await app.getPage(village, "/account-applications/\(id.uuidString.lowercased())/print")
            #expect(print.0 == .ok)
            for text in ["用户申请（变更）单", AccountApplication.systemName, "140830-2026-0001", "申 请 事 项", "负责人签字",
                         "（盖章）", "县(市、区)人社部门意见", "备注", "140830********0019", "139****0011", "打印申请单"] {
                #expect(print.1.contains(text), "\(text)")
            }
            #expect(!print.1.contains(F.newOperatorID) && !print.1.contains("13903590011"))

            let admin = try await app.session(as: .countySystemAdmin)
            var csv = ""
            try await app.testing().test(.GET, "/account-applications/export", headers: admin.headers) { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("text/csv") == true)
                csv = res.body.string
            }
            #expect(csv.contains("140830-2026-0001") && csv.contains("新增账号1项") && csv.contains("139****0011"))
            #expect(!csv.contains("13903590011"))
            // Operators cannot export; the city can (it receives the filing).
            #expect(try await app.getPage(village, "/account-applications/export").0 == .forbidden)
            let city = try await app.session(as: .cityOfficer)
            let cityExport = try await app.getPage(city, "/account-applications/export")
            #expect(cityExport.0 == .ok && cityExport.1.contains("140830-2026-0001"))
            let exports = try await auditCount("account_application.export", result: "success", on: app)
            let prints = try await auditCount("account_application.print", result: "success", on: app)
            #expect(exports == 2 && prints == 1)
        }
    }
}
