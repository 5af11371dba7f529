import Foundation

/// Amounts in fen, written as 元 with two decimals.
public enum Money {
    /// `12345` → `123.45`; `-5` → `-0.05`.
    public static func yuanText(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The largest amount one cell may hold: ten million 元, far above any yearly contribution or monthly payment.
    public static let maximumFen: Int64 = 1_000_000_000

    public enum Problem: Error, Equatable, Sendable { case negative, malformed, tooLarge }

    /// `100`, `100.5`, `100.50` → fen. Not negative; at most two decimals.
    public static func fen(fromYuan text: String) -> Result<Int64, Problem> {
        var bytes = Substring(text).utf8[...]
        if bytes.first == 0x2D { return bytes.count > 1 ? .failure(.negative) : .failure(.malformed) }
        if bytes.first == 0x2B { bytes = bytes.dropFirst() }
        var whole: Int64 = 0, cents: Int64 = 0, decimals = 0, digits = 0, afterPoint = false
        for byte in bytes {
            switch byte {
            case 0x30...0x39:
                let digit = Int64(byte - 0x30)
                if afterPoint {
                    decimals += 1
                    guard decimals <= 2 else { return .failure(.malformed) }
                    cents = cents * 10 + digit
                } else {
                    digits += 1
                    guard digits <= 12 else { return .failure(.tooLarge) }
                    whole = whole * 10 + digit
                }
            case 0x2E where !afterPoint: afterPoint = true
            default: return .failure(.malformed)
            }
        }
        guard digits > 0 || decimals > 0, !(afterPoint && decimals == 0) else { return .failure(.malformed) }
        if decimals == 1 { cents *= 10 }
        let fen = whole * 100 + cents
        return fen > maximumFen ? .failure(.tooLarge) : .success(fen)
    }
}

/// The cells of one row, read by column name; every problem is added with the row's line and the column.
struct ExchangeCells {
    let header: ExchangeHeader
    let fields: [String]
    let line: Int
    let today: CalendarDate
    let divisionLevel: (DivisionCode) -> DivisionLevel?
    var problems = ExchangeProblems()

    init(header: ExchangeHeader, fields: [String], line: Int, today: CalendarDate, divisionLevel: @escaping (DivisionCode) -> DivisionLevel?) {
        self.header = header
        self.fields = fields
        self.line = line
        self.today = today
        self.divisionLevel = divisionLevel
    }

    func cell(_ column: String) -> String { header.cell(column, fields) }

    private mutating func missing(_ column: String, _ label: String) {
        problems.add(line: line, column: column, "\(label)不能为空")
    }

    mutating func text(_ column: String, maxLength: Int, label: String, required: Bool) -> String? {
        let value = cell(column)
        if value.isEmpty {
            if required { missing(column, label) }
            return nil
        }
        guard value.count <= maxLength else {
            problems.add(line: line, column: column, "\(label)不能超过\(maxLength)个字")
            return nil
        }
        return value
    }

    mutating func code(_ column: String, _ codes: [String], label: String, required: Bool = true) -> String? {
        let value = cell(column)
        if value.isEmpty {
            if required { missing(column, label) }
            return nil
        }
        guard codes.contains(value) else {
            problems.add(line: line, column: column, "未知的\(label)“\(value)”，应为：" + codes.joined(separator: "、"))
            return nil
        }
        return value
    }

    /// A code of `Code` (its raw values), read without building the list of codes unless the cell is wrong.
    mutating func code<Code: RawRepresentable & CaseIterable>(_ column: String, as: Code.Type, label: String, required: Bool = true) -> Code?
        where Code.RawValue == String
    {
        let value = cell(column)
        if value.isEmpty {
            if required { missing(column, label) }
            return nil
        }
        guard let code = Code(rawValue: value) else {
            problems.add(line: line, column: column, "未知的\(label)“\(value)”，应为：" + Code.allCases.map(\.rawValue).joined(separator: "、"))
            return nil
        }
        return code
    }

    mutating func division(_ column: String, levels: Set<DivisionLevel>, label: String, required: Bool) -> DivisionCode? {
        let value = cell(column)
        if value.isEmpty {
            if required { missing(column, label) }
            return nil
        }
        guard let code = try? DivisionCode(value), let level = divisionLevel(code) else {
            problems.add(line: line, column: column, "未知的\(label)区划代码“\(value)”（应为区划表中已有的12位代码）")
            return nil
        }
        guard levels.contains(level) else {
            let wanted = DivisionLevel.allCases.filter(levels.contains).map(\.label).joined(separator: "或")
            problems.add(line: line, column: column, "\(label)“\(value)”是\(level.label)，应为\(wanted)")
            return nil
        }
        return code
    }

    mutating func integer(_ column: String, label: String) -> Int? {
        let value = cell(column)
        if value.isEmpty {
            missing(column, label)
            return nil
        }
        guard value.utf8.count <= 9, let number = Int(value) else {
            problems.add(line: line, column: column, "\(label)应为整数，而不是“\(value)”")
            return nil
        }
        return number
    }

    mutating func wholeYuan(_ column: String, label: String, required: Bool) -> Int? {
        let value = cell(column)
        if value.isEmpty {
            if required { missing(column, label) }
            return nil
        }
        guard let number = Int(value), number >= 0, value.utf8.count <= 9 else {
            problems.add(line: line, column: column, value.hasPrefix("-") ? "\(label)不能为负数" : "\(label)应为整数元，而不是“\(value)”")
            return nil
        }
        return number
    }

    mutating func yuan(_ column: String, label: String, required: Bool) -> Int64? {
        let value = cell(column)
        if value.isEmpty {
            if required { missing(column, label) }
            return nil
        }
        switch Money.fen(fromYuan: value) {
        case .success(let fen): return fen
        case .failure(.negative): problems.add(line: line, column: column, "\(label)不能为负数（“\(value)”）")
        case .failure(.tooLarge): problems.add(line: line, column: column, "\(label)“\(value)”过大")
        case .failure(.malformed): problems.add(line: line, column: column, "\(label)应为元，最多两位小数，而不是“\(value)”")
        }
        return nil
    }

    /// A date not in the future and not before 1951.
    mutating func date(_ column: String, label: String, required: Bool) -> CalendarDate? {
        let value = cell(column)
        if value.isEmpty {
            if required { missing(column, label) }
            return nil
        }
        guard let date = CalendarDate(iso: value) else {
            problems.add(line: line, column: column, "\(label)应为 YYYY-MM-DD 格式的真实日期，而不是“\(value)”")
            return nil
        }
        guard date <= today, date.year >= 1951 else {
            problems.add(line: line, column: column, "\(label)\(date.iso)不可能（不能晚于今天，也不能早于1951年）")
            return nil
        }
        return date
    }

    /// `YYYY-MM`, from 1951 up to next month (a payment batch is prepared before its month begins).
    mutating func month(_ column: String, label: String) -> String? {
        let value = cell(column)
        guard !value.isEmpty else {
            missing(column, label)
            return nil
        }
        let parts = value.split(separator: "-")
        guard value.utf8.count == 7, parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else {
            problems.add(line: line, column: column, "\(label)应为 YYYY-MM 格式，而不是“\(value)”")
            return nil
        }
        let latest = today.month == 12 ? (today.year + 1) * 12 + 1 : today.year * 12 + today.month + 1
        guard year >= 1951, year * 12 + month <= latest else {
            problems.add(line: line, column: column, "\(label)\(value)不可能（不能晚于下个月，也不能早于1951年）")
            return nil
        }
        return value
    }
}
