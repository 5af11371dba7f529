import Fluent
import Foundation
import JiujinbanRules
import Plot
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
        return HTMLResponse.seeOther(.myAccount)
    }
}

enum AccountReviewPage {
    static func render(
        _ sections: [AccountReviewController.Section], conflicts: [PersonAccounts.ConflictRow], scope: DivisionCode,
        context: PageContext
    ) -> HTML {
        PageShell.render(
            title: "账号状态核查", context: context,
            crumbs: [Crumb(label: "账号管理", url: .accounts), Crumb(label: "账号状态核查", url: nil)],
            content: [
                .p(.class("lead"), .text("县级人社部门每月至少核查一次账号状态，及时处理多余、闲置和非法账号（《信息系统用户账号管理办法》第十一条）。")),
                conflictSection(conflicts, scope: scope),
                .forEach(sections) { section in
                    .section(
                        .h2(.text("\(section.title)（\(section.accounts.count)）")),
                        .p(.class("muted"), .text(section.advice)),
                        .if(!section.accounts.isEmpty, .ul(.forEach(section.accounts) { summary in
                            .li(.a(.href(SiteURL.account(id: summary.account.id).path), .text(summary.name)),
                                .text(" · \(summary.account.post.label) · \(summary.unitName) · \(summary.account.status.label)"))
                        }))
                    )
                },
            ])
    }

    /// 一人多岗冲突: pairs of one person's accounts that break `PersonPosts`, each with the rule it breaks. The
    /// county resolves them (deactivating or changing one account, by application); nothing is deleted for it.
    static func conflictSection(_ rows: [PersonAccounts.ConflictRow], scope: DivisionCode) -> Node<HTML.BodyContext> {
        .section(
            .h2(.text("一人多岗冲突（\(rows.count)）")),
            .p(.class("muted"), .text("同一人持有不能兼任的账号：请核实后按规定注销或变更其中一个账号（附件3第三条至第五条），系统不会自动删除")),
            .if(!rows.isEmpty, .ul(.forEach(rows) { row in
                .li(.text("\(row.name)（\(row.maskedIDNumber)）："), .text(row.pair.message),
                    .forEach([row.pair.first, row.pair.second].filter { scope.contains($0.account.unit.divisionCode) }) { held in
                        .group(.text(" "), .a(.href(SiteURL.account(id: held.account.id).path), .text("查看\(held.account.post.label)账号")))
                    })
            }))
        )
    }

    static func mine(_ summary: AccountSummary, context: PageContext) -> HTML {
        PageShell.render(
            title: "我的账号", context: context,
            content: [
                .div(.class("facts"), .dl(
                    .dt("姓名"), .dd(.text(summary.name)),
                    .dt("身份证号码"), .dd(.class("code"), .text(summary.maskedIDNumber)),
                    .dt("岗位"), .dd(.text(summary.account.post.label)),
                    .dt("单位"), .dd(.text(summary.unitName)),
                    .dt("状态"), .dd(.text(summary.account.status.label))
                )),
                .section(
                    .class("panel"), .h2("报告账号泄露"),
                    .unwrap(summary.leakReportedAt, { at in
                        .p(.class("notice notice-error"), .text("已于 \(AuditLogPage.formatter.string(from: at)) 报告泄露，等待系统管理员冻结处理。"))
                    }, else: .form(
                        .method(.post), .action(SiteURL.reportLeak.path), .csrf(context),
                        .p(.text("如账号信息泄露，请立即报告；县级系统管理员将冻结该账号（第六条）。")),
                        .button(.type(.submit), .class("button danger"), .text("报告账号泄露"))
                    ))
                ),
            ])
    }
}
