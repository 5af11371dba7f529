import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// Item 37 for a missing person or a suspected duplicate drawer (`SchemeSuspension`): the suspension, the stop or
/// the resumption applies to every resident pension in the state it needs, each its own ledger change and outbound
/// exchange record; a resumption's back pay, per scheme and in total, is kept with the case as its computation,
/// which the case page and the receipt print.
enum SuspensionCase {
    struct Plan: Sendable {
        let action: SchemeSuspension.Action
        let result: SchemeSuspension
        let entitlements: [(InsuranceScheme, LedgerChange.Status<EntitlementStatus>)]
        /// Each scheme's monthly amount, as the back pay was computed from it.
        let monthlyFen: [PensionScheme: Int]

        /// 补发待遇: one line per scheme resumed with its months below it, and the total; nil unless resuming.
        var computation: CaseComputation? {
            guard case .resume(let month) = action else { return nil }
            var lines: [CaseComputation.Line] = []
            for change in result.changes {
                guard let back = change.backPay else { continue }
                let monthly = monthlyFen[change.scheme] ?? 0
                lines.append(.init(depth: 0, name: InsuranceScheme(change.scheme).chinese + "补发", amountFen: back.totalFen,
                                   basis: back.months.isEmpty ? "暂停期间每月均已发放成功，无需补发"
                                       : "暂停期间未发放成功\(back.months.count)个月 × 月待遇\(Fen.yuan(monthly))"))
                lines += back.months.map { .init(depth: 1, name: $0.month.chinese, amountFen: $0.amountFen, basis: "暂停期间未发放成功") }
            }
            return CaseComputation(title: "恢复发放及补发待遇", computedOn: month.firstDay, totalFen: result.backPayFen, lines: lines, figures: [],
                                   notes: ["自\(month.chinese)起恢复发放；补发暂停起始月至恢复前一月中未发放成功的月份，按各险种月待遇分别计算"])
        }
    }

    static let schemes = PensionScheme.allCases.map(InsuranceScheme.init)

    /// The form's action against the person's ledger as it stands; or the refusal.
    static func plan(_ action: SchemeSuspension.Action, citizen: UUID, on db: any Database) async throws
        -> Result<Plan, BenefitSuspensionItem.Problem> {
        let sql = db as! any SQLDatabase
        let names = schemes.map(\.rawValue)
        var statuses: [String: (BenefitSuspension.Status, Int)] = [:]
        for row in try await sql.raw("""
            SELECT scheme, status, status_date, status_reason, monthly_fen FROM insurance_entitlements
            WHERE citizen_id = \(bind: citizen) AND scheme IN (\(binds: names))
            """).all() {
            statuses[try row.decode(column: "scheme", as: String.self)] = (BenefitSuspensionItem.status(
                try row.decode(column: "status", as: String.self), on: try row.decode(column: "status_date", as: String.self),
                reason: try row.decode(column: "status_reason", as: String?.self)), Int(try row.decode(column: "monthly_fen", as: Int64.self)))
        }
        let payments = try await BenefitSuspensionItem.payments(of: citizen, in: names, on: sql)
        var ledger: [PensionScheme: SchemeSuspension.Scheme] = [:]
        var monthly: [PensionScheme: Int] = [:]
        for scheme in PensionScheme.allCases {
            let name = InsuranceScheme(scheme).rawValue
            monthly[scheme] = statuses[name]?.1
            ledger[scheme] = SchemeSuspension.Scheme(entitlement: statuses[name]?.0, payments: payments[name] ?? [], monthlyFen: statuses[name]?.1 ?? 0)
        }
        switch SchemeSuspension.apply(action, schemes: ledger) {
        case .failure(let refusals):
            let field: String
            if refusals.all.contains(where: { if case .monthBeforeSuspension = $0 { true } else { false } }) { field = "month" }
            else if refusals.all == [.noEntitlement] { field = "citizen" }
            else { field = "action" }
            return .failure(.init(field: field, message: refusals.messages.joined(separator: "；")))
        case .success(let result):
            let entitlements = result.changes.map { change -> (InsuranceScheme, LedgerChange.Status<EntitlementStatus>) in
                (InsuranceScheme(change.scheme), status(change, action: action))
            }
            return .success(Plan(action: action, result: result, entitlements: entitlements, monthlyFen: monthly))
        }
    }

    /// The ledger's status for one change, its reason naming the suspension's cause or the scheme's back pay.
    static func status(_ change: SchemeSuspension.Change, action: SchemeSuspension.Action) -> LedgerChange.Status<EntitlementStatus> {
        switch (change.status, action) {
        case (.suspended(let reason, let from), _): .init(status: .suspended, on: from.firstDay, reason: reason.chinese)
        case (.stopped(_, let from), _): .init(status: .terminated, on: from.firstDay, reason: "疑似重复领取，经核实终止")
        case (.normal, .resume(let month)):
            .init(status: .paying, on: month.firstDay,
                  reason: "恢复发放：补发\(change.backPay?.months.count ?? 0)个月共\(Fen.yuan(change.backPay?.totalFen ?? 0))")
        case (.normal, _): .init(status: .paying, on: change.backPay?.months.first?.month.firstDay ?? PensionMonth(year: 2000, month: 1)!.firstDay,
                                 reason: nil)
        }
    }

    /// At approval: each entitlement's status through the ledger writer (one outbound record each), and a
    /// resumption's back pay kept with the case.
    static func apply(_ plan: Plan, for effect: CaseEffect, on db: any Database) async throws {
        for (scheme, status) in plan.entitlements {
            try await LedgerChanges.apply(.entitlementStatus(scheme: scheme, status), for: effect, on: db)
        }
        if let computation = plan.computation { try await CaseComputations.save(computation, caseID: effect.caseID, at: effect.at, on: db) }
    }
}
