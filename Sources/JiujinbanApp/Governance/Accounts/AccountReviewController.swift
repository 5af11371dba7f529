import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 账号状态核查 (article 11): the monthly check of a county's accounts — leaked, idle, frozen, locked,
/// over-privileged, deactivated — each with the way to fix it. And the user's own page, where a leak is reported
/// (article 6).
enum AccountReviewController {
    /// An account idle this long is listed before the 90-day lock takes it.
    static let idleWarningDays = 60

    static func register(_ app: Application) {
        app.get(.accountReview, .capability(.reviewAccountStatus), use: review)
        app.get(.myAccount, .signedIn, use: mine)
        app.post(.reportLeak, .signedIn, use: reportLeak)
    }

    struct Section: Sendable {
        let title: String
        let advice: String
        let accounts: [AccountSummary]
    }

    @Sendable static func review(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let all = try await AccountQueries.list(in: staff.scopeRoot, on: req.db, cipher: req.jiujinban.cipher)
        let now = req.jiujinban.clock.now()
        let catalogue = req.jiujinban.catalogue
        var overPrivileged: [AccountSummary] = []
        for summary in all where summary.account.status.isLive {
            let grants = try await StaffDirectory.grants(of: summary.account.id, on: req.db)
            if !PermissionPolicy.excessGrants(post: summary.account.post, unit: summary.account.unit, grants: grants,
                                              catalogue: catalogue).isEmpty {
                overPrivileged.append(summary)
            }
        }
        let idleBefore = now.addingTimeInterval(-Double(idleWarningDays) * 86_400)
        let sections = [
            Section(title: "已报告账号泄露", advice: "请立即冻结，核实后解锁或注销（第六条）",
                    accounts: all.filter { $0.leakReportedAt != nil && $0.account.status == .active }),
            Section(title: "闲置账号（\(idleWarningDays)天以上未登录）", advice: "确认是否仍在岗；离岗人员请注销（第十一条），满3个月系统自动锁定",
                    accounts: all.filter { $0.account.status == .active && $0.lastSignOfLife < idleBefore }),
            Section(title: "权限超出最小必要范围", advice: "由业务管理员清理多余权限（第五条）", accounts: overPrivileged),
            Section(title: "冻结账号", advice: "核实后解锁或注销", accounts: all.filter { $0.account.status == .frozen }),
            Section(title: "锁定账号", advice: "本人仍在岗的，经申请后解锁；否则注销", accounts: all.filter { $0.account.status == .locked }),
            Section(title: "已注销账号", advice: "离岗人员的账号，留档备查", accounts: all.filter { $0.account.status == .deactivated }),
        ]
        // Accounts made before the one-person-several-accounts rule, or by hand: listed, never changed here.
        let conflicts = try await PersonAccounts.conflicts(in: staff.scopeRoot, on: req.db, cipher: req.jiujinban.cipher)
        try await req.write { db in
            try await req.audit(AuditEvent("account.review", objectType: "division", objectID: staff.scopeRoot.value), on: db)
        }
        return HTMLResponse.make(AccountReviewPage.render(sections, conflicts: conflicts, scope: staff.scopeRoot,
                                                          context: PageContext(req)))
    }

    @Sendable static func mine(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let summary = try await AccountQueries.find(staff.account.id, on: req.db, cipher: req.jiujinban.cipher) else {
            throw PublicError.notFound("该账号")
        }
        return HTMLResponse.make(AccountReviewPage.mine(summary, context: PageContext(req)))
    }

    @Sendable static func reportLeak(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        if let refusal = AccountPolicy.mayReportLeak(staff.account, account: staff.account).refusal {
            throw PublicError(.forbidden, refusal.message)
        }
        let alert = AccountPolicy.leakAlert(for: staff.account)
        try await req.write { db in
            guard let record = try await AccountRecord.find(staff.account.id, on: db) else { throw PublicError.notFound("该账号") }
            record.leakReportedAt = req.jiujinban.clock.now()
            try await record.update(on: db)
            try await req.audit(AuditEvent("account.leak_reported", objectType: "account", objectID: staff.account.id.uuidString,
                                           detail: "待\(alert.recipientUnit.label)\(alert.recipientPost.label)冻结"), on: db)
            // The managing system admins are alerted in the system (article 6) and freeze the account.
            let recipients = try await Notifier.accounts(holding: [alert.recipientPost], in: alert.recipientUnit, on: db)
                .filter { $0 != staff.account.id }
            try await Notifier.notify(recipients, title: "账号泄露报告：请立即冻结",
                                      body: "\(staff.unitName) \(staff.account.post.label) \(staff.personName) 报告其账号已泄露，请冻结该账号并核实。",
                                      link: .account(id: staff.account.id), at: req.jiujinban.clock.now(), on: db)
        }
        return HTMLResponse.seeOther(.myAccount, notice: AccountNotices.leakReported, on: req)
    }
}
