/// 月度待遇发放批次: which entitlements of a county are paid for a month, when the ledger is authoritative (no core
/// system connected: a county running alone, and the demonstration data).
///
/// A payment is due for an entitlement of a resident pension scheme in 正常 status that started in or before the
/// month, with a positive monthly amount, for a person with no payment record of that scheme and month yet, and with
/// a bank account to pay into (the account given with the entitlement's claim at the counter, items 34 and 35; else
/// the account of the person's latest payment of the scheme, as the core system's payment results bring each change
/// of account). Everything else is counted by why it is not paid, so the operator's summary says who was left out.
///
/// 补发: an entitlement paying in the month is also paid every earlier month it is owed and has no payment record
/// of (`unpaidMonths`, which the run finds from the county's first batch on: months before it were paid, if at all,
/// by whoever paid before the county ran its own batches): a claim approved after its first month, a pension
/// resumed after a suspension (item 37's back pay). Each such month is its own line and payment record, at that
/// month's amount under that month's figures.
public enum PaymentBatch {
    /// The result a payment carries from the run until the bank's return file records 成功 or 失败.
    public static let pendingResult = "待回盘"

    /// One batch per county and month, so its id is made of them: `140830-202611`.
    public static func batchID(county: DivisionCode, month: PensionMonth) -> String {
        String(county.value.prefix(6)) + "-" + String(month.description.filter { $0 != "-" })
    }

    /// An entitlement as the run reads it, with the account to pay into (its own, or the latest payment's).
    public struct Entitlement: Sendable, Equatable {
        public let person: String
        public let scheme: String
        public let startMonth: String
        public let status: String
        public let monthlyFen: Int64
        public let bank: String?
        public let account: String?
        /// Whether a payment record of this scheme and month exists already (from a core system's file, say).
        public let alreadyRecorded: Bool
        /// The awarded composition (`MonthlyRerating`); nil pays `monthlyFen` as stored.
        public let composition: MonthlyRerating.Composition?
        /// The person's birth date, for the supplementary 出口补's age band.
        public let born: CalendarDate?
        /// The figure rows the composition was awarded under (`figure_ids`); empty re-rates by the date rule.
        public let figureIDs: [String]
        /// Earlier months owed with no payment record (from the county's first batch, not before the start month).
        public let unpaidMonths: [PensionMonth]

        public init(person: String, scheme: String, startMonth: String, status: String, monthlyFen: Int64, bank: String?,
                    account: String?, alreadyRecorded: Bool, composition: MonthlyRerating.Composition? = nil, born: CalendarDate? = nil,
                    figureIDs: [String] = [], unpaidMonths: [PensionMonth] = []) {
            self.person = person
            self.scheme = scheme
            self.startMonth = startMonth
            self.status = status
            self.monthlyFen = monthlyFen
            self.bank = bank
            self.account = account
            self.alreadyRecorded = alreadyRecorded
            self.composition = composition
            self.born = born
            self.figureIDs = figureIDs
            self.unpaidMonths = unpaidMonths
        }
    }

    /// A payment of the batch: `seq` numbers the batch's lines from 1, in the order of the entitlements given;
    /// `amountFen` is the month's amount (`MonthlyRerating`), which the payment record and the bank's line carry.
    public struct Line: Sendable, Equatable {
        public let seq: Int
        public let entitlement: Entitlement
        public let amountFen: Int64
        /// The month paid: the batch's month, or an earlier month owed (补发).
        public let month: PensionMonth
        public let isBackPay: Bool

        public init(seq: Int, entitlement: Entitlement, amountFen: Int64, month: PensionMonth, isBackPay: Bool = false) {
            self.seq = seq
            self.entitlement = entitlement
            self.amountFen = amountFen
            self.month = month
            self.isBackPay = isBackPay
        }
    }

    public struct Plan: Sendable, Equatable {
        public var lines: [Line] = []
        /// Not yet started (start month after the month).
        public var notStarted = 0
        /// 暂停 or 终止.
        public var notPaying = 0
        /// No bank account to pay into.
        public var withoutAccount = 0
        /// A payment record of the month exists already.
        public var alreadyRecorded = 0
        /// Payments whose month's amount differs from the stored one, and by how much in all (negative for a fall).
        public var rerated = 0
        public var reratedDeltaFen: Int64 = 0
        /// Payments that a 待核实 figure would change (paid as stored until it is confirmed), and those figures.
        public var waitingForFigures = 0
        public var waitingFigures: [PolicyFigureKey] = []
        /// Lines paying an earlier month owed (补发), and the people they pay.
        public var backPayLines = 0
        public var backPayPeople = 0

        public var totalFen: Int64 { lines.reduce(0) { $0 + $1.amountFen } }

        /// The month's lines only (one per person and scheme paid).
        public var monthLines: Int { lines.count - backPayLines }

        /// The people left out, by reason, in Chinese; empty when none.
        public var leftOut: String {
            [(notStarted, "待遇尚未开始"), (notPaying, "待遇暂停或终止"), (withoutAccount, "无发放账户（既无申领时登记的发放账户，也无发放记录）"),
             (alreadyRecorded, "本月已有发放记录")]
                .filter { $0.0 > 0 }.map { "\($0.1) \($0.0) 笔" }.joined(separator: "，")
        }

        /// What the dated figures changed and the back pay, in Chinese; empty when there is neither and nothing waits.
        public var rerating: String {
            var parts: [String] = []
            if backPayLines > 0 {
                let total = lines.filter(\.isBackPay).reduce(Int64(0)) { $0 + $1.amountFen }
                parts.append("含补发以前月份 \(backPayLines) 笔（\(backPayPeople) 人），合计 \(Money.yuanText(total)) 元")
            }
            if rerated > 0 {
                parts.append("按现行政策参数调整待遇 \(rerated) 笔，合计\(reratedDeltaFen < 0 ? "减少" : "增加") \(Money.yuanText(abs(reratedDeltaFen))) 元")
            }
            if waitingForFigures > 0 {
                parts.append("\(waitingForFigures) 笔因政策参数"
                             + waitingFigures.map { "“" + $0.definition.name + "”" }.joined(separator: "、")
                             + "待核实仍按原待遇发放，业务管理员确认后按新标准发放")
            }
            return parts.joined(separator: "；")
        }
    }

    /// The resident schemes whose pensions the run pays.
    public static let schemes: Set<String> = [InsuranceScheme.residentBasic.rawValue, InsuranceScheme.residentSupplementary.rawValue]

    /// The month's payments of `entitlements` (one county's), in their order, each at the month's amount under
    /// `figures` (the county's, resolved once for the run; nil pays the stored amounts).
    /// - Parameter earlierFigures: the figures of an earlier month owed (`unpaidMonths`); nil pays those months as
    ///   stored.
    public static func plan(_ entitlements: [Entitlement], month: PensionMonth, figures: MonthlyRerating.MonthFigures? = nil,
                            earlierFigures: ((PensionMonth) -> MonthlyRerating.MonthFigures)? = nil) -> Plan {
        var plan = Plan()
        for entitlement in entitlements where schemes.contains(entitlement.scheme) && entitlement.monthlyFen > 0 {
            if entitlement.status != EntitlementStatus.paying.rawValue {
                plan.notPaying += 1
            } else if PensionMonth(entitlement.startMonth).map({ $0 > month }) ?? true {
                plan.notStarted += 1
            } else if entitlement.alreadyRecorded {
                plan.alreadyRecorded += 1
            } else if (entitlement.account ?? "").isEmpty || (entitlement.bank ?? "").isEmpty {
                plan.withoutAccount += 1
            } else {
                let start = PensionMonth(entitlement.startMonth)
                let owed = entitlement.unpaidMonths.filter { earlier in earlier < month && start.map { earlier >= $0 } == true }
                for earlier in Set(owed).sorted() {
                    plan.lines.append(Line(seq: plan.lines.count + 1, entitlement: entitlement,
                                           amountFen: monthAmount(entitlement, figures: earlierFigures?(earlier), into: &plan), month: earlier,
                                           isBackPay: true))
                }
                if !owed.isEmpty {
                    plan.backPayLines += Set(owed).count
                    plan.backPayPeople += 1
                }
                plan.lines.append(Line(seq: plan.lines.count + 1, entitlement: entitlement,
                                       amountFen: monthAmount(entitlement, figures: figures, into: &plan), month: month))
            }
        }
        return plan
    }

    private static func monthAmount(_ entitlement: Entitlement, figures: MonthlyRerating.MonthFigures?, into plan: inout Plan) -> Int64 {
        guard let figures, let start = PensionMonth(entitlement.startMonth) else { return entitlement.monthlyFen }
        let amount = MonthlyRerating.amount(scheme: entitlement.scheme, storedFen: entitlement.monthlyFen, composition: entitlement.composition,
                                            start: start, born: entitlement.born, awardedUnder: entitlement.figureIDs, figures: figures)
        if amount.isRerated {
            plan.rerated += 1
            plan.reratedDeltaFen += amount.fen - amount.storedFen
        }
        if !amount.waiting.isEmpty {
            plan.waitingForFigures += 1
            for key in amount.waiting where !plan.waitingFigures.contains(key) { plan.waitingFigures.append(key) }
        }
        return amount.fen
    }
}
