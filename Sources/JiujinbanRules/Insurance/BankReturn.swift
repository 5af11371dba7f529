/// 银行回盘: the bank's results of one batch held against the batch's stored payments.
///
/// A line must name a payment of the batch (its `seq`), with the same ID number and amount; each payment at most
/// once in the file. A pending payment takes the line's result; a payment whose result the same as the line's is left
/// alone (the same file read twice changes nothing); a recorded result is never changed by a later file, since
/// money the bank reported paid or returned cannot be un-reported: such a line is refused, naming the recorded one.
public enum BankReturn {
    /// A payment of the batch as stored.
    public struct Stored: Sendable, Equatable {
        public let idNumber: String
        public let amountFen: Int64
        public let result: String
        public let failureReason: String?

        public init(idNumber: String, amountFen: Int64, result: String, failureReason: String?) {
            self.idNumber = idNumber
            self.amountFen = amountFen
            self.result = result
            self.failureReason = failureReason
        }
    }

    public struct Outcome: Sendable, Equatable {
        /// seq → result and reason to record.
        public var updates: [(seq: Int, result: PaymentResult, reason: String?)] = []
        public var unchanged = 0
        /// Payments of the batch the file does not mention: still pending.
        public var stillPending = 0

        public static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            lhs.unchanged == rhs.unchanged && lhs.stillPending == rhs.stillPending
                && lhs.updates.map { "\($0.seq)|\($0.result.rawValue)|\($0.reason ?? "")" }
                == rhs.updates.map { "\($0.seq)|\($0.result.rawValue)|\($0.reason ?? "")" }
        }
    }

    /// The results to record, or every problem by line. `batchID` is the batch the file's first line names.
    public static func reconcile(_ lines: [BankBatchFormat.ReturnLine], batchID: String, stored: [Int: Stored]) -> Result<Outcome, ExchangeProblems> {
        var problems = ExchangeProblems()
        var outcome = Outcome()
        var seen: [Int: Int] = [:]
        for line in lines {
            if line.batchID != batchID {
                problems.add(line: line.line, column: "batch_id", "批次号“\(line.batchID)”与文件第一行的“\(batchID)”不同：一个回盘文件只能属于一个批次")
                continue
            }
            if let earlier = seen.updateValue(line.line, forKey: line.seq) {
                problems.add(line: line.line, column: "seq", "序号\(line.seq)与第\(earlier)行重复")
                continue
            }
            guard let payment = stored[line.seq] else {
                problems.add(line: line.line, column: "seq", "批次\(batchID)中没有序号为\(line.seq)的发放记录")
                continue
            }
            if payment.idNumber != line.idNumber {
                problems.add(line: line.line, column: "id_number", "公民身份号码与批次第\(line.seq)笔的不符")
            }
            if payment.amountFen != line.amountFen {
                problems.add(line: line.line, column: "amount_fen",
                             "金额\(line.amountFen)分与批次第\(line.seq)笔的\(payment.amountFen)分不符")
            }
            if payment.result == PaymentBatch.pendingResult {
                outcome.updates.append((line.seq, line.result, line.failureReason))
            } else if payment.result == line.result.rawValue, payment.failureReason == line.failureReason {
                outcome.unchanged += 1
            } else {
                problems.add(line: line.line, column: "result",
                             "批次第\(line.seq)笔已记录为“\(payment.result)”" + (payment.failureReason.map { "（\($0)）" } ?? "") + "，不能再改")
            }
        }
        guard problems.isEmpty else { return .failure(problems) }
        let mentioned = Set(seen.keys)
        outcome.stillPending = stored.filter { !mentioned.contains($0.key) && $0.value.result == PaymentBatch.pendingResult }.count
        return .success(outcome)
    }
}
