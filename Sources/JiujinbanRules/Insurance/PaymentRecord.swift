/// 发放记录: one monthly pension payment as the ledger keeps it (item 36): the month, the amount, and whether the bank
/// paid it. A failed payment paid nothing, so it is neither recovered after a death nor counted as paid on
/// resumption.
public struct PaymentRecord: Sendable, Equatable {
    /// The bank's result: 成功, 失败, or none yet (待回盘: sent in a batch whose return is not in).
    public enum Outcome: Sendable, Equatable {
        case succeeded
        case failed
        case awaitingBank
    }

    public let month: PensionMonth
    public let amountFen: Int
    public let outcome: Outcome

    public var succeeded: Bool { outcome == .succeeded }

    public init(month: PensionMonth, amountFen: Int, outcome: Outcome) {
        self.month = month
        self.amountFen = amountFen
        self.outcome = outcome
    }

    public init(month: PensionMonth, amountFen: Int, succeeded: Bool) {
        self.init(month: month, amountFen: amountFen, outcome: succeeded ? .succeeded : .failed)
    }

    /// Amounts are never negative. Several records of one month are allowed (a failed payment and its retry).
    static func check(_ payments: [PaymentRecord]) -> [PensionRefusal] {
        payments.filter { $0.amountFen < 0 }.map { .negativeAmount(field: "\($0.month.chinese)发放金额", fen: $0.amountFen) }
    }
}

/// 补发: the months paid back on resumption, each at its amount.
public struct BackPay: Sendable, Equatable {
    public let months: [PaymentRecord]
    public var totalFen: Int { months.reduce(0) { $0 + $1.amountFen } }
}

/// 应追回: the payments made for months after the month of death; and those the bank has not answered yet
/// (待银行回盘), which are not recovered now but are named, to be recovered too if the return says paid.
public struct Overpayment: Sendable, Equatable {
    public let payments: [PaymentRecord]
    public let awaitingBank: [PaymentRecord]
    public var totalFen: Int { payments.reduce(0) { $0 + $1.amountFen } }
    public var awaitingBankFen: Int { awaitingBank.reduce(0) { $0 + $1.amountFen } }
}
