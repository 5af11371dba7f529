import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("用户申请（变更）单: county administrator accounts, city forwarding, province decision")
struct CountyAdministratorApplicationTests {
    typealias F = ApplicationFixtures

    @Test("county files → city forwards → province approves → province admins carry out → county notified")
    func endToEnd() async throws {
        try await TestApp.run { app in
            let county = try await app.session(as: .countySystemAdmin)
            let countyBiz = try await app.session(as: .countyBusinessAdmin)
            let city = try await app.session(as: .cityOfficer)
            let provinceSys = try await app.session(as: .provinceSystemAdmin)
            let provinceBiz = try await app.session(as: .provinceBusinessAdmin)
            let fields = [("contact_name", "周晓东"), ("contact_phone", "13903590006")]
                + F.newAccount(0, name: "新系统管理员", post: "system_admin")
            let (status, filed) = try await app.fileApplication(county, fields)
            #expect(status == .seeOther)
            let id = try #require(filed)

            // The province cannot decide before the city has collected and forwarded it.
            let early = try await app.applicationStep(provinceBiz, id, "decide", [("decision", "approve")])
            #expect(early.0 == .conflict && early.1.contains(Refusal.awaitingCityForwarding.message))
            // Nor may the county decide its own administrators.
            #expect(try await app.applicationStep(countyBiz, id, "decide", [("decision", "approve")]).0 == .forbidden)

            try await app.expectNoticeRedirect("/account-applications/\(id.uuidString.lowercased())/" + "forward", as: city, fields: [])
            #expect(try await app.applicationState(id) == "forwarded_by_city")
            try await app.expectNoticeRedirect("/account-applications/\(id.uuidString.lowercased())/" + "decide", as: provinceBiz, fields: [("decision", "approve"), ("comment", "同意")])
            try await app.expectNoticeRedirect("/account-applications/\(id.uuidString.lowercased())/" + "carry-out", as: provinceSys, fields: [("part", "accounts")])
            let content = try ApplicationContent.opened(try #require(try await AccountApplicationRecord.find(id, on: app.db)).contentSealed,
                                                        with: app.jiujinban.cipher)
            let newID = try #require(content.items[0].accountID)
            let created = try #require(try await AccountRecord.find(newID, on: app.db))
            #expect(created.post == "system_admin" && created.unitKey == "dept:140830000000" && created.roleAssociatedAt == nil)
            try await app.expectNoticeRedirect("/account-applications/\(id.uuidString.lowercased())/" + "carry-out", as: provinceBiz, fields: [("part", "permissions")])
            #expect(try await app.applicationState(id) == "done")
            let associated = try await AccountRecord.find(newID, on: app.db)?.roleAssociatedBy
            #expect(associated == provinceBiz.accountID)
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$accountID == county.accountID).all()
            #expect(notices.contains { $0.title.contains("已办结") })
            // The city and the province see it in their lists; a village operator does not.
            #expect(try await app.getPage(city, "/account-applications").1.contains("140830-2026-0001"))
            #expect(try await app.getPage(provinceSys, "/account-applications").1.contains("140830-2026-0001"))
            let village = try await app.session(as: .villageOperator)
            #expect(try await app.getPage(village, "/account-applications/\(id.uuidString.lowercased())").0 == .notFound)
        }
    }

    @Test("another county's city and admins see nothing of Ruicheng's applications")
    func otherCountyScope() async throws {
        try await TestApp.run { app in
            _ = try await addPingluCounty(app)
            let county = try await app.session(as: .countySystemAdmin)
            let id = try #require(try await app.fileApplication(
                county, [("contact_name", "周晓东"), ("contact_phone", "13903590006")] + F.newAccount(0, post: "business_admin")).1)
            // A Pinglu county system admin, made directly for the test.
            let personID = try await StaffRegistry.person(
                name: "平陆管理员", idNumber: "140829198001010010", phone: "13903590100", isDemo: false,
                today: app.jiujinban.clock.today, cipher: app.jiujinban.cipher, on: app.db)
            let account = AccountRecord(personID: personID, post: .systemAdmin, unit: .department(try DivisionCode("140829000000")),
                                        createdAt: app.jiujinban.clock.now(), roleAssociatedBy: UUID())
            try await account.create(on: app.db)
            let pinglu = try await app.sessionFor(accountID: try account.requireID())
            #expect(try await app.getPage(pinglu, "/account-applications/\(id.uuidString.lowercased())").0 == .notFound)
            #expect(!(try await app.getPage(pinglu, "/account-applications").1.contains("140830-2026-0001")))
        }
    }
}
