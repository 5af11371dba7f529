import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("Account management (attachment 3, articles 4–7)")
struct AccountManagementTests {
    static func newAccount(idNumber: String = "140830199506150019", phone: String = "13903590099", post: String = "operator",
                           unit: String) -> [(String, String)] {
        [("name", "新员工"), ("id_number", idNumber), ("phone", phone), ("post", post), ("unit", unit)]
    }

    func pointKey(_ app: Application, division: String) async throws -> String {
        let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == division).first())
        return "sp:" + (try point.requireID().uuidString.lowercased())
    }

    func accountCount(_ app: Application) async throws -> Int { try await AccountRecord.query(on: app.db).count() }

    @Test("a county system admin creates an operator account at a point of its county; audited")
    func createOperator() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let unit = try await pointKey(app, division: "140830100205")
            var location = ""
            location = try #require(try await app.expectNoticeRedirect("/accounts", as: admin, fields: Self.newAccount(unit: unit))).location
            try await app.testing().test(.GET, location, headers: admin.headers) { res in
                #expect(res.body.string.contains("新员工"))
                #expect(res.body.string.contains("140830********0019"))
                #expect(!res.body.string.contains("140830199506150019"))
            }
            let created = try await auditCount("account.create", result: "success", on: app)
            #expect(created == 1)
        }
    }

    @Test("refusals: a post the county may not create, a unit in another county, bad ID and phone; nothing written",
          arguments: ["county_admin_post", "other_county", "bad_id", "bad_phone"])
    func refusals(kind: String) async throws {
        try await TestApp.run { app in
            let pinglu = try await addPingluCounty(app)
            let admin = try await app.session(as: .countySystemAdmin)
            let ownPoint = try await pointKey(app, division: "140830100205")
            let fields: [(String, String)] = switch kind {
            case "county_admin_post": Self.newAccount(post: "business_admin", unit: "dept:140830000000")
            case "other_county": Self.newAccount(unit: "sp:" + pinglu.uuidString.lowercased())
            case "bad_id": Self.newAccount(idNumber: "140830199506150014", unit: ownPoint)
            default: Self.newAccount(phone: "1234", unit: ownPoint)
            }
            let before = try await accountCount(app)
            try await app.testing().test(.POST, "/accounts", headers: admin.formHeaders, body: admin.form(fields)) { res in
                #expect(res.status == .unprocessableEntity, "\(kind)")
                #expect(res.body.string.contains("未保存任何数据"))
            }
            let after = try await accountCount(app)
            #expect(after == before)
        }
    }

    @Test("business admins and operators cannot create accounts")
    func onlySystemAdmins() async throws {
        try await TestApp.run { app in
            let unit = try await pointKey(app, division: "140830100205")
            for role in [DemoRole.countyBusinessAdmin, .villageOperator] {
                let session = try await app.session(as: role)
                try await app.testing().test(.POST, "/accounts", headers: session.formHeaders,
                                             body: session.form(Self.newAccount(unit: unit))) { res in
                    #expect(res.status == .forbidden)
                }
            }
        }
    }

    @Test("one person never holds both admin posts")
    func bothAdminPosts() async throws {
        try await TestApp.run { app in
            let province = try await app.session(as: .provinceSystemAdmin)
            let countyAdmin = DemoRole.countySystemAdmin.member
            let fields = [("name", countyAdmin.name), ("id_number", countyAdmin.idNumber), ("phone", countyAdmin.phone),
                          ("post", "business_admin"), ("unit", "dept:140830000000")]
            try await app.testing().test(.POST, "/accounts", headers: province.formHeaders, body: province.form(fields)) { res in
                // A conflict with the person's other account (issue 19, finding 7): 409, the account named.
                #expect(res.status == .conflict)
                #expect(res.body.string.contains("此人已有芮城县人社部门系统管理员账号（正常）"))
            }
            let refused = try await auditCount("account.create", result: "denied", on: app)
            #expect(refused == 1)
        }
    }

    @Test("freeze ends the account's sessions; unlock and deactivate follow the rules")
    func statusChanges() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let target = try await app.session(as: .villageOperator)
            let path = "/accounts/\(target.accountID.uuidString.lowercased())/status"
            try await app.expectNoticeRedirect(path, as: admin, fields: [("change", "freeze"), ("reason", "账号泄露")])
            try await app.testing().test(.GET, "/", headers: target.headers) { res in
                #expect(res.status == .seeOther)
            }
            try await app.testing().test(.POST, path, headers: admin.formHeaders,
                                         body: admin.form([("change", "freeze"), ("reason", "再次冻结")])) { res in
                #expect(res.status == .unprocessableEntity)
                // The action chosen and the reason typed come back with the refusal.
                #expect(res.body.string.contains(#"value="freeze" selected"#) && res.body.string.contains(#"value="再次冻结""#))
            }
            try await app.expectNoticeRedirect(path, as: admin, fields: [("change", "unlock"), ("reason", "已更换设备")])
            let unlocked = try await AccountRecord.find(target.accountID, on: app.db)
            #expect(unlocked?.status == "active")
            #expect(unlocked?.lastUnlockedAt != nil)
            // A county admin cannot freeze its own account.
            try await app.testing().test(.POST, "/accounts/\(admin.accountID.uuidString.lowercased())/status", headers: admin.formHeaders,
                                         body: admin.form([("change", "freeze"), ("reason", "自己")])) { res in
                #expect(res.status == .unprocessableEntity)
            }
        }
    }

    @Test("the county business admin grants least privilege; wider grants are refused; new rights end old sessions")
    func grants() async throws {
        try await TestApp.run { app in
            let business = try await app.session(as: .countyBusinessAdmin)
            let target = try await app.session(as: .villageOperator)
            let path = "/accounts/\(target.accountID.uuidString.lowercased())/grants"
            let markers = try await app.grantsFormMarkers(business, account: target.accountID)
            let held = try await StaffDirectory.grants(of: target.accountID, on: app.db)
            #expect(!held.isEmpty)
            // Without the form's marker, absent boxes are not read as "clear every permission".
            try await app.testing().test(.POST, path, headers: business.formHeaders, body: business.form([])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("提交的表单不完整：缺少“业务权限”"))
            }
            #expect(try await StaffDirectory.grants(of: target.accountID, on: app.db) == held)
            try await app.expectNoticeRedirect(path, as: business, fields: markers + [("grants[]", "handle:1"), ("grants[]", "handle:11")])
            let grants = try await StaffDirectory.grants(of: target.accountID, on: app.db)
            #expect(grants == [.handle(1), .handle(11)])
            try await app.testing().test(.GET, "/", headers: target.headers) { res in #expect(res.status == .seeOther) }
            // Refused, the form shows the boxes as they were ticked (handle:2 newly ticked), not the stored ones.
            try await app.testing().test(.POST, path, headers: business.formHeaders,
                                         body: business.form(markers + [("grants[]", "handle:2"), ("grants[]", "review:11")])) { res in
                #expect(res.status == .unprocessableEntity)
                let body = res.body.string
                #expect(body.contains(#"value="handle:2" checked="checked""#), "the new tick is kept")
                #expect(!body.contains(#"value="handle:11" checked="checked""#), "an untick is kept")
            }
            let system = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.POST, path, headers: system.formHeaders, body: system.form([("grants[]", "handle:2")])) { res in
                #expect(res.status == .forbidden)
            }
        }
    }
}
