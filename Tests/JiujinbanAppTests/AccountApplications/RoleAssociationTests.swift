import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("角色关联 (article 5) and in-system notifications")
struct RoleAssociationTests {
    /// Creates an account through the account page as the county system admin; returns its id.
    func createAccount(_ app: Application, post: String, unit: String, idNumber: String) async throws -> UUID {
        let admin = try await app.session(as: .countySystemAdmin)
        var location = ""
        let fields = [("name", "新同事"), ("id_number", idNumber), ("phone", "13903590098"), ("post", post), ("unit", unit)]
        location = try #require(try await app.expectNoticeRedirect("/accounts", as: admin, fields: fields)).location
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    @Test("a new operator can do nothing until the county business admin associates its role; then it can")
    func operatorWaitsForRole() async throws {
        try await TestApp.run { app in
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100205").first())
            let id = try await createAccount(app, post: "operator", unit: "sp:" + (try point.requireID().uuidString.lowercased()),
                                             idNumber: "140830199203040023")
            let newcomer = try await app.sessionFor(accountID: id)
            #expect(try await app.getPage(newcomer, "/service-points").0 == .forbidden)
            #expect(try await app.getPage(newcomer, "/my-account").0 == .ok)
            let detail = try await app.getPage(try await app.session(as: .countySystemAdmin), "/accounts/\(id.uuidString.lowercased())")
            #expect(detail.1.contains("待业务管理员关联角色"))

            // The province business admin does not associate county operators; the system admin cannot either.
            for role in [DemoRole.provinceBusinessAdmin, .countySystemAdmin] {
                let session = try await app.session(as: role)
                var status = HTTPStatus.ok
                try await app.testing().test(.POST, "/accounts/\(id.uuidString.lowercased())/grants", headers: session.formHeaders,
                                             body: session.form([])) { res in status = res.status }
                #expect(status == .forbidden || status == .notFound || status == .unprocessableEntity, "\(role)")
            }
            let biz = try await app.session(as: .countyBusinessAdmin)
            let markers = try await app.grantsFormMarkers(biz, account: id)
            try await app.testing().test(.POST, "/accounts/\(id.uuidString.lowercased())/grants", headers: biz.formHeaders,
                                         body: biz.form(markers)) { res in #expect(res.status == .seeOther) }
            let record = try #require(try await AccountRecord.find(id, on: app.db))
            #expect(record.roleAssociatedBy == biz.accountID)
            let again = try await app.sessionFor(accountID: id)
            #expect(try await app.getPage(again, "/service-points").0 == .ok)
        }
    }

    @Test("an expert's role needs at least one business area")
    func expertNeedsArea() async throws {
        try await TestApp.run { app in
            let id = try await createAccount(app, post: "expert", unit: "dept:140830000000", idNumber: "140830199304050036")
            let biz = try await app.session(as: .countyBusinessAdmin)
            let path = "/accounts/\(id.uuidString.lowercased())/grants"
            let markers = try await app.grantsFormMarkers(biz, account: id)
            #expect(markers.count == 2)
            try await app.testing().test(.POST, path, headers: biz.formHeaders, body: biz.form(markers)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains(Refusal.expertNeedsBusinessArea.message))
            }
            #expect(try await AccountRecord.find(id, on: app.db)?.roleAssociatedAt == nil)
            try await app.expectNoticeRedirect(path, as: biz, fields: markers + [("areas[]", "insurance"), ("areas[]", "card")])
            let areas = try await StaffDirectory.areas(of: id, on: app.db)
            #expect(areas == [.insurance, .card])
        }
    }

    @Test("a leak report alerts the county system admin in the system; notifications are private and marked read")
    func leakAlertAndNotifications() async throws {
        try await TestApp.run { app in
            let village = try await app.session(as: .villageOperator)
            try await app.expectNoticeRedirect("/my-account/leak", as: village, fields: [])
            let admin = try await app.session(as: .countySystemAdmin)
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$accountID == admin.accountID).all()
            let notice = try #require(notices.first)
            #expect(notices.count == 1 && notice.title.contains("账号泄露"))
            let header = try await app.getPage(admin, "/notifications")
            #expect(header.1.contains("通知（1条未读）") && header.1.contains("褚卫东"))
            let noticePath = "/notifications/\(try notice.requireID().uuidString.lowercased())/read"
            // Another user cannot open or mark it.
            try await app.testing().test(.POST, noticePath, headers: village.formHeaders, body: village.form([])) { res in
                #expect(res.status == .notFound)
            }
            let opened = try await app.expectNoticeRedirect(noticePath, as: admin, fields: [])
            #expect(opened?.location == "/accounts/\(village.accountID.uuidString.lowercased())")
            #expect(try await NotificationRecord.unreadCount(of: admin.accountID, on: app.db) == 0)
        }
    }
}
