import Foundation

/// The outbound file of the exchange with the core system, version 2 (docs/insurance-exchange.md): what the counters
/// did (`export-pending`, one line per ledger row of a record). Version 2 is version 1's columns, unchanged and in
/// their order, then the 集体出口补 (`collective_exit`) and the payment account a claim's entitlement is paid into
/// (`paymentAccount`); the core system's answers (`Acknowledgement`) keep their own version.
public enum OutboundFile {
    public static let version = "2"

    /// 发放账户 (version 2): an `entitlements` line of a claim's approval carries the bank, the full account number
    /// (the core system pays into it) and whether the claim kept the account the ledger already had (是) or gave a
    /// new one (否); empty on every other line, and on a claim accepted before the form asked for an account.
    public static let paymentAccount = ["bank", "account", "account_kept"]

    /// The record's columns, the person's, then every column the three kinds' rows use (a line fills its kind's),
    /// then the payment account's.
    ///
    /// Version 2 added `collective_exit` (an `entitlements` line's 集体出口补, kept apart from the 出口补 by age band)
    /// after version 1's columns rather than beside `exit_subsidy`, so version 1's columns keep their positions.
    public static let header: [String] = [
        "format_version", "record_id", "row", "kind", "case_number", "created_at", "id_number", "name", "hukou_division", "scheme",
        "county", "start_kind", "grade", "enrolled_on", "status", "status_date", "status_reason",
        "year", "type", "personal", "subsidy", "collective", "arrived", "arrived_on",
        "start_month", "monthly", "basic_central", "basic_provincial", "basic_county", "basic_extra_years", "account_part",
        "exit_subsidy", "figure_ids",
        "collective_exit",
    ] + paymentAccount

    /// One line: the record's and person's cells by name, with one row of the record's payload.
    public static func line(_ cells: [String: String]) -> [String] {
        header.map { $0 == "format_version" ? version : cells[$0] ?? "" }
    }
}

/// One answer of the core system to an outbound record, in the acknowledgement file (version 1, its own: it answers
/// the outbound file's and the person-change file's records alike, whatever their versions).
public struct Acknowledgement: Sendable, Equatable {
    public enum Result: String, CaseIterable, Sendable {
        case confirmed
        case rejected
    }

    public let line: Int
    public let recordID: UUID
    public let result: Result
    public let reason: String?

    public static let version = "1"
    public static let header = ["format_version", "record_id", "result", "reason"]
    public static let maximumReasonLength = 200

    /// Reads an acknowledgement file's records (the header first): every problem named by line and column; a record
    /// answered twice in one file is refused, since the two answers may disagree.
    public static func read(_ records: [CSVReader.Record]) -> Swift.Result<[Acknowledgement], ExchangeProblems> {
        var problems = ExchangeProblems()
        guard let first = records.first else {
            problems.add(line: 1, column: "format_version", "文件为空：第一行应为表头 " + header.joined(separator: ","))
            return .failure(problems)
        }
        var positions: [String: Int] = [:]
        for (index, raw) in first.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            if !header.contains(name) {
                problems.add(line: first.line, column: name.isEmpty ? ExchangeHeader.columnLetter(index) : name,
                             name.isEmpty ? "表头第\(index + 1)列为空" : "未知列“\(name)”：答复文件（格式版本\(version)）没有此列")
            } else if positions[name] != nil {
                problems.add(line: first.line, column: name, "列“\(name)”出现了两次")
            } else {
                positions[name] = index
            }
        }
        for name in header where name != "reason" && positions[name] == nil {
            problems.add(line: first.line, column: name, "缺少必需的列“\(name)”")
        }
        guard problems.isEmpty else { return .failure(problems) }
        var answers: [Acknowledgement] = []
        var seen: [UUID: Int] = [:]
        for record in records.dropFirst() {
            let cell = { (name: String) -> String in
                guard let index = positions[name], index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespaces)
            }
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if cell("format_version") != version {
                problems.add(line: record.line, column: "format_version", "格式版本应为\(version)，而不是“\(cell("format_version"))”")
            }
            let id = UUID(uuidString: cell("record_id"))
            if id == nil { problems.add(line: record.line, column: "record_id", "交换记录编号“\(cell("record_id"))”不是有效的编号") }
            let result = Result(rawValue: cell("result"))
            if result == nil { problems.add(line: record.line, column: "result", "答复结果应为 confirmed（确认）或 rejected（退回）") }
            let reason = cell("reason")
            if result == .rejected, reason.isEmpty {
                problems.add(line: record.line, column: "reason", "核心系统退回时必须填写退回原因")
            } else if reason.count > maximumReasonLength {
                problems.add(line: record.line, column: "reason", "退回原因不能超过\(maximumReasonLength)字（现为\(reason.count)字）")
            } else if TextField.containsForbiddenCharacters(reason) {
                problems.add(line: record.line, column: "reason", "退回原因含有控制字符")
            }
            if let id, let earlier = seen[id] {
                problems.add(line: record.line, column: "record_id", "交换记录\(id.uuidString.lowercased())在第\(earlier)行已答复，同一文件不能答复两次")
            }
            guard let id, let result else { continue }
            seen[id] = seen[id] ?? record.line
            answers.append(Acknowledgement(line: record.line, recordID: id, result: result,
                                           reason: result == .rejected ? TextField.clean(reason) : nil))
        }
        guard problems.isEmpty else { return .failure(problems) }
        return .success(answers)
    }
}
