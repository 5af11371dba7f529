/// 银行代发批次文件 and 银行回盘文件, version 1 (docs/bank-batch.md): what `payments run` hands the bank, and what
/// the bank hands back.
///
/// The batch carries what a bank needs to pay: the full ID number, name and account (no masking: the file is the
/// payment order; writing it is audited, and the file is created readable by its owner only). The return file is
/// the batch's own columns (any of them, so a bank may append two columns to the file it got) plus `result` and
/// `failure_reason`; a line is matched by `batch_id` and `seq` and must agree on the ID number and amount.
public enum BankBatchFormat {
    public static let version = "1"

    public static let batchColumns = ["format_version", "batch_id", "seq", "id_number", "name", "bank", "account", "amount_fen",
                                      "scheme", "month", "county"]
    public static let returnColumns = ["result", "failure_reason"]
    /// Columns a return file must have; the other batch columns may be there and are not read.
    public static let requiredReturnColumns = ["format_version", "batch_id", "seq", "id_number", "amount_fen", "result"]

    /// One payment as the batch file lists it.
    public struct BatchLine: Sendable, Equatable {
        public let batchID: String
        public let seq: Int
        public let idNumber: String
        public let name: String
        public let bank: String
        public let account: String
        public let amountFen: Int64
        public let scheme: String
        public let month: String
        public let county: String

        public init(batchID: String, seq: Int, idNumber: String, name: String, bank: String, account: String, amountFen: Int64,
                    scheme: String, month: String, county: String) {
            self.batchID = batchID
            self.seq = seq
            self.idNumber = idNumber
            self.name = name
            self.bank = bank
            self.account = account
            self.amountFen = amountFen
            self.scheme = scheme
            self.month = month
            self.county = county
        }
    }

    /// The file's text: a header row and one row per line, UTF-8, `\n`-terminated.
    public static func batchFile(_ lines: [BatchLine]) -> String {
        var text = batchColumns.joined(separator: ",") + "\n"
        text.reserveCapacity(lines.count * 120)
        for line in lines {
            let cells = [version, line.batchID, String(line.seq), line.idNumber, line.name, line.bank, line.account,
                         String(line.amountFen), line.scheme, line.month, line.county]
            text += cells.map(cell).joined(separator: ",") + "\n"
        }
        return text
    }

    /// A CSV cell: quoted when it holds a comma, quote or line break; a text starting with `= + - @` is prefixed
    /// with `'` so a spreadsheet opening the file never runs it as a formula (security checklist S23).
    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of a return file, checked.
    public struct ReturnLine: Sendable, Equatable {
        public let line: Int
        public let batchID: String
        public let seq: Int
        public let idNumber: String
        public let amountFen: Int64
        public let result: PaymentResult
        public let failureReason: String?
    }

    /// The column positions of a return file's header, or every problem of it (line 1).
    public static func returnHeader(_ fields: [String]) -> Result<[String: Int], ExchangeProblems> {
        var problems = ExchangeProblems()
        var positions: [String: Int] = [:]
        let known = Set(batchColumns + returnColumns)
        for (index, raw) in fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            if name.isEmpty, index == fields.count - 1 { continue }
            if !known.contains(name) {
                problems.add(line: 1, column: name.isEmpty ? "第\(index + 1)列" : name, "未知列“\(name)”：回盘文件（格式版本\(version)）没有此列")
            } else if positions.updateValue(index, forKey: name) != nil {
                problems.add(line: 1, column: name, "列“\(name)”出现了两次")
            }
        }
        for name in requiredReturnColumns + ["failure_reason"] where positions[name] == nil {
            problems.add(line: 1, column: name, "缺少必需的列“\(name)”")
        }
        return problems.isEmpty ? .success(positions) : .failure(problems)
    }

    /// One record of a return file checked on its own: every problem named by line and column.
    public static func returnLine(_ record: CSVReader.Record, columns: [String: Int]) -> Result<ReturnLine, ExchangeProblems> {
        var problems = ExchangeProblems()
        let line = record.line
        func cell(_ name: String) -> String {
            guard let index = columns[name], index < record.fields.count else { return "" }
            return record.fields[index].trimmingCharacters(in: .whitespaces)
        }
        if cell("format_version") != version {
            problems.add(line: line, column: "format_version", "格式版本应为\(version)，而不是“\(cell("format_version"))”")
        }
        let batchID = cell("batch_id")
        if batchID.isEmpty { problems.add(line: line, column: "batch_id", "批次号不能为空") }
        let seq = Int(cell("seq")).flatMap { $0 > 0 ? $0 : nil }
        if seq == nil { problems.add(line: line, column: "seq", "序号应为正整数，而不是“\(cell("seq"))”") }
        let idNumber = cell("id_number")
        if idNumber.utf8.count != 18 { problems.add(line: line, column: "id_number", "公民身份号码应为18位") }
        let amount = Int64(cell("amount_fen")).flatMap { $0 >= 0 ? $0 : nil }
        if amount == nil { problems.add(line: line, column: "amount_fen", "金额（分）应为不小于0的整数，而不是“\(cell("amount_fen"))”") }
        let result = PaymentResult(rawValue: cell("result"))
        if result == nil { problems.add(line: line, column: "result", "发放结果应为“成功”或“失败”，而不是“\(cell("result"))”") }
        let reason = cell("failure_reason")
        if result == .failed, reason.isEmpty { problems.add(line: line, column: "failure_reason", "发放失败的记录必须填写失败原因") }
        if reason.count > 100 { problems.add(line: line, column: "failure_reason", "失败原因不能超过100个字") }
        guard problems.isEmpty, let seq, let amount, let result else { return .failure(problems) }
        return .success(ReturnLine(line: line, batchID: batchID, seq: seq, idNumber: idNumber, amountFen: amount, result: result,
                                   failureReason: result == .failed ? reason : nil))
    }
}
