import Fluent
import Foundation
@testable import JiujinbanApp
import Testing
import Vapor
import VaporTesting

/// Issue 22, feedback and safety: a step that cannot be taken back asks before it is sent (site.js shows the
/// question of the button's `data-confirm`, and sends only on 确定). The case decisions and the monthly report's are
/// proven with their features; these are the remaining irreversible steps.
@Suite("Confirmations before irreversible steps")
struct ConfirmationsTests {
    @Test("注销/冻结 an account, 停用 a service point, filing a 问题反映: each button carries its question")
    func irreversibleStepsAsk() async throws {
        try await TestApp.run { app in
            let system = try await app.session(as: .countySystemAdmin)
            let target = try await app.session(as: .villageOperator)
            let account = try await app.getPage(system, "/accounts/\(target.accountID.uuidString.lowercased())")
            #expect(account.0 == .ok && account.1.contains("data-confirm=\"确认对"))
            let point = try #require(try await ServicePoint.query(on: app.db).filter(\.$divisionCode == "140830100204").first())
            let detail = try await app.getPage(system, "/service-points/\(try point.requireID().uuidString.lowercased())")
            #expect(detail.0 == .ok && detail.1.contains("data-confirm=\"确认停用"))
            let problem = try await app.getPage(target, SiteURL.newProblem.path)
            #expect(problem.0 == .ok && problem.1.contains("data-confirm=\"确认提交该问题反映"))
        }
    }
}
