import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import VaporTesting

@Suite("Leak reports (article 6) and the monthly account review (article 11)")
struct AccountReviewTests {
    @Test("an operator reports its account leaked; the county review lists it; freezing then unlocking clears it")
    func leakReport() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let operatorSession = try await app.session(as: .villageOperator)
            try await app.expectNoticeRedirect("/my-account/leak", as: operatorSession, fields: [])
            try await app.testing().test(.GET, "/my-account", headers: operatorSession.headers) { res in
                #expect(res.body.string.contains("已于"))
            }
            let reported = try await auditCount("account.leak_reported", on: app)
            #expect(reported == 1)

            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.GET, "/accounts/review", headers: admin.headers) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("已报告账号泄露（1）"))
                #expect(res.body.string.contains("褚卫东"))
            }
            let path = "/accounts/\(operatorSession.accountID.uuidString.lowercased())/status"
            for change in ["freeze", "unlock"] {
                try await app.expectNoticeRedirect(path, as: admin, fields: [("change", change), ("reason", "泄露处理")])
            }
            let record = try await AccountRecord.find(operatorSession.accountID, on: app.db)
            #expect(record?.leakReportedAt == nil)
        }
    }

    @Test("the review lists idle accounts after 60 days and over-privileged ones; operators cannot open it")
    func review() async throws {
        let clock = TestClock()
        try await TestApp.run(clock: clock.appClock) { app in
            let reviewer = try await app.session(as: .reviewer)
            // A grant beyond least privilege stored directly (as an old system might have left it).
            try await StaffRegistry.setGrants([.handle(1)], of: reviewer.accountID, on: app.db)
            clock.advance(by: 61 * 86_400)
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.GET, "/accounts/review", headers: admin.headers) { res in
                let html = res.body.string
                #expect(html.contains("权限超出最小必要范围（1）"))
                #expect(html.contains("闲置账号（60天以上未登录）（8）")) // every active account of the county
                #expect(html.contains("郑雅琴"))
            }
            let operatorSession = try await app.session(as: .villageOperator)
            try await app.testing().test(.GET, "/accounts/review", headers: operatorSession.headers) { res in
                #expect(res.status == .forbidden)
            }
        }
    }
}
