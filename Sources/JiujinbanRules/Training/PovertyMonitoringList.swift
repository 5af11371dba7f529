/// 防止返贫监测对象名单 as the rural-revitalisation department hands it over to the county: a UTF-8 CSV whose first
/// line names the columns `身份证号码,姓名,纳入监测日期` (the date column may be left out, and a date cell left
/// empty). Every row is checked — the ID number with its check digit, a name, a date that exists and is not after
/// today, no person twice — and one bad row refuses the whole file, each problem with its line, so a county's list
/// is never half replaced. Only the masked name is kept (`docs/training-monitoring-list.md`).
public enum PovertyMonitoringList {
    public struct Entry: Sendable, Equatable {
        public let idNumber: ResidentIDNumber
        /// `Masking.maskedName` of the name on the list: the list is matched by ID number, the name only shown.
        public let maskedName: String
        public let includedOn: CalendarDate?
    }

    /// Why a file was refused: one message per problem, each naming its line.
    public struct Refusal: Error, Sendable, Equatable {
        public let problems: [String]
    }

    public static let columns = ["身份证号码", "姓名", "纳入监测日期"]
    public static let batchMaxLength = 30
    /// More problems than this are counted, not listed: a file that wrong is the wrong file.
    public static let listedProblems = 20

    /// The batch name typed on the form (`2026年第3批`).
    public static func batch(_ raw: String?) -> Result<String, FieldErrors> {
        var errors = FieldErrors()
        let batch = TextField.required(raw, field: "batch", label: "批次名称", maxLength: batchMaxLength, into: &errors)
        return errors.isEmpty ? .success(batch) : .failure(errors)
    }

    public static func parse(_ text: String, today: CalendarDate) -> Result<[Entry], Refusal> {
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(of: text) } catch { return .failure(Refusal(problems: [error.message])) }
        guard let header = records.first else { return .failure(Refusal(problems: ["文件为空：第1行应为表头“\(columns.joined(separator: ","))”"])) }
        let named = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard named == columns || named == Array(columns.prefix(2)) else {
            return .failure(Refusal(problems: ["第\(header.line)行：表头应为“\(columns.joined(separator: ","))”（纳入监测日期一列可省略），收到“\(named.joined(separator: ","))”"]))
        }
        var problems: [String] = []
        var entries: [Entry] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            switch entry(record, columns: named.count, today: today) {
            case .failure(let problem): problems.append("第\(record.line)行：\(problem.text)")
            case .success(let entry):
                if let first = seen[entry.idNumber.value] {
                    problems.append("第\(record.line)行：身份证号码与第\(first)行重复")
                } else {
                    seen[entry.idNumber.value] = record.line
                    entries.append(entry)
                }
            }
        }
        if records.count == 1 { problems.append("文件中没有监测对象：表头之后没有数据行") }
        guard problems.isEmpty else {
            let listed = Array(problems.prefix(listedProblems))
            let more = problems.count > listedProblems ? ["另有\(problems.count - listedProblems)处问题未列出"] : []
            return .failure(Refusal(problems: listed + more))
        }
        return .success(entries)
    }

    struct RowProblem: Error { let text: String }

    static func entry(_ record: CSVReader.Record, columns count: Int, today: CalendarDate) -> Result<Entry, RowProblem> {
        guard record.fields.count == count else {
            return .failure(RowProblem(text: "应有\(count)列，收到\(record.fields.count)列"))
        }
        let idNumber: ResidentIDNumber
        switch ResidentIDNumber.parse(record.fields[0], today: today) {
        case .success(let parsed): idNumber = parsed
        case .failure(let error): return .failure(RowProblem(text: error.message))
        }
        var errors = FieldErrors()
        let name = PersonName.validate(record.fields[1], field: "name", into: &errors)
        if let message = errors.message(for: "name") { return .failure(RowProblem(text: message)) }
        var includedOn: CalendarDate?
        let rawDate = count > 2 ? record.fields[2].trimmingCharacters(in: .whitespaces) : ""
        if !rawDate.isEmpty {
            guard let date = CalendarDate(iso: rawDate) else {
                return .failure(RowProblem(text: "纳入监测日期应为YYYY-MM-DD格式的有效日期，收到“\(rawDate)”"))
            }
            guard date <= today else { return .failure(RowProblem(text: "纳入监测日期\(date.iso)晚于今天")) }
            includedOn = date
        }
        return .success(Entry(idNumber: idNumber, maskedName: Masking.maskedName(name), includedOn: includedOn))
    }
}
