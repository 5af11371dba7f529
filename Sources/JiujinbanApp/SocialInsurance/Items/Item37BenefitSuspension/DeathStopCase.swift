import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// Item 37 on death (`DeathStop`): the basic and the supplementary pension both stop from the month after death,
/// each its own ledger change and outbound exchange record, the reason naming that scheme's overpayment; the open
/// enrolments of both schemes are ended (终止, 死亡), so no contribution is expected any more; and the overpayment,
/// per scheme and in total, is kept with the case as its computation, which the case page and the receipt print, the
/// payments for later months still waiting for the bank's return (待回盘) named in its notes with their total.
enum DeathStopCase {
    struct Plan: Sendable {
        let stop: DeathStop
        let entitlements: [(InsuranceScheme, LedgerChange.Status<EntitlementStatus>)]
        let enrolments: [(InsuranceScheme, LedgerChange.Status<EnrolmentStatus>)]

        /// 多领待遇追回: one line per scheme stopped with its months below it, and the total.
        var computation: CaseComputation {
            var lines: [CaseComputation.Line] = []
            for stop in stop.stops {
                let paid = stop.overpayment.payments
                lines.append(.init(depth: 0, name: InsuranceScheme(stop.scheme).chinese + "应追回", amountFen: stop.overpayment.totalFen,
                                   basis: "自\(stop.from.chinese)起终止；" + (paid.isEmpty ? "此后无发放成功的记录，无多领待遇"
                                       : "追回此后\(paid.count)个月发放成功的待遇")))
                lines += paid.map { .init(depth: 1, name: $0.month.chinese, amountFen: $0.amountFen, basis: "发放记录：成功") }
            }
            var notes = ["死亡日期\(stop.diedOn.iso)：死亡当月待遇照发，自次月起终止；发放失败的月份未领取，不追回"]
            notes += stop.stops.compactMap(Self.awaitingBank)
            if !stop.enrolmentsEnded.isEmpty {
                notes.append("同时终止参保登记（不再缴费）：" + stop.enrolmentsEnded.map { InsuranceScheme($0).chinese }.joined(separator: "、"))
            }
            return CaseComputation(title: "死亡后待遇终止及多领待遇追回", computedOn: stop.diedOn, totalFen: stop.totalFen, lines: lines,
                                   figures: [], notes: notes)
        }

        /// 待银行回盘: a scheme's payments for months after the death that the bank has not answered yet. Not in the
        /// amount to recover (they may yet fail), but named so that a return saying paid is recovered too.
        static func awaitingBank(_ stop: DeathStop.Stop) -> String? {
            let waiting = stop.overpayment.awaitingBank
            guard !waiting.isEmpty else { return nil }
            let months = waiting.map { "\($0.month) \(Fen.yuan($0.amountFen))" }.joined(separator: "、")
            let total = waiting.count > 1 ? "，合计\(Fen.yuan(stop.overpayment.awaitingBankFen))" : ""
            return InsuranceScheme(stop.scheme).chinese + "待银行回盘：\(months)\(total)（如回盘成功，一并追回）"
        }
    }

    static let schemes = PensionScheme.allCases.map(InsuranceScheme.init)

    /// The death on `diedOn` against the person's ledger as it stands; or the refusal.
    static func plan(diedOn: CalendarDate, citizen: UUID, on db: any Database) async throws -> Result<Plan, BenefitSuspensionItem.Problem> {
        let sql = db as! any SQLDatabase
        let names = schemes.map(\.rawValue)
        var statuses: [String: BenefitSuspension.Status] = [:]
        for row in try await sql.raw("""
            SELECT scheme, status, status_date, status_reason FROM insurance_entitlements
            WHERE citizen_id = \(bind: citizen) AND scheme IN (\(binds: names))
            """).all() {
            statuses[try row.decode(column: "scheme", as: String.self)] = BenefitSuspensionItem.status(
                try row.decode(column: "status", as: String.self), on: try row.decode(column: "status_date", as: String.self),
                reason: try row.decode(column: "status_reason", as: String?.self))
        }
        let payments = try await BenefitSuspensionItem.payments(of: citizen, in: names, on: sql)
        var open: Set<String> = []
        for row in try await sql.raw("""
            SELECT scheme, status FROM insurance_enrolments WHERE citizen_id = \(bind: citizen) AND scheme IN (\(binds: names))
            """).all() where try row.decode(column: "status", as: String.self) != EnrolmentStatus.terminated.rawValue {
            open.insert(try row.decode(column: "scheme", as: String.self))
        }
        var ledger: [PensionScheme: DeathStop.Scheme] = [:]
        for scheme in PensionScheme.allCases {
            let name = InsuranceScheme(scheme).rawValue
            ledger[scheme] = DeathStop.Scheme(entitlement: statuses[name], payments: payments[name] ?? [], enrolmentOpen: open.contains(name))
        }
        switch DeathStop.apply(diedOn: diedOn, schemes: ledger) {
        case .failure(let refusals):
            // Stopped already: the action is what cannot be done; no entitlement, or bad payment records: the person's ledger.
            let field = refusals.all.contains { if case .benefitStopped = $0 { true } else { false } } ? "action" : "citizen"
            return .failure(.init(field: field, message: refusals.messages.joined(separator: "；")))
        case .success(let stop):
            let entitlements = stop.stops.map { stop -> (InsuranceScheme, LedgerChange.Status<EntitlementStatus>) in
                let over = stop.overpayment
                let owed = over.totalFen == 0 ? "无多领待遇"
                    : "应追回多领待遇\(Fen.yuan(over.totalFen))（" + over.payments.map(\.month.description).joined(separator: "、") + "）"
                return (InsuranceScheme(stop.scheme),
                        .init(status: .terminated, on: stop.from.firstDay, reason: "死亡（\(diedOn.iso)），自\(stop.from.chinese)起终止；\(owed)"))
            }
            let enrolments = stop.enrolmentsEnded.map {
                (InsuranceScheme($0), LedgerChange.Status<EnrolmentStatus>(status: .terminated, on: diedOn, reason: BenefitSuspension.Reason.death.chinese))
            }
            return .success(Plan(stop: stop, entitlements: entitlements, enrolments: enrolments))
        }
    }

    /// At approval: each entitlement stopped and each enrolment ended through the ledger writer (one outbound
    /// record each), and the computation replaced by the one the changes were made from.
    static func apply(_ plan: Plan, for effect: CaseEffect, on db: any Database) async throws {
        for (scheme, status) in plan.entitlements {
            try await LedgerChanges.apply(.entitlementStatus(scheme: scheme, status), for: effect, on: db)
        }
        for (scheme, status) in plan.enrolments {
            try await LedgerChanges.apply(.enrolmentStatus(scheme: scheme, status), for: effect, on: db)
        }
        try await CaseComputations.save(plan.computation, caseID: effect.caseID, at: effect.at, on: db)
    }
}

extension InsuranceScheme {
    /// The ledger's name of a resident pension scheme.
    init(_ scheme: PensionScheme) {
        switch scheme {
        case .residentBasic: self = .residentBasic
        case .residentSupplementary: self = .residentSupplementary
        }
    }
}

