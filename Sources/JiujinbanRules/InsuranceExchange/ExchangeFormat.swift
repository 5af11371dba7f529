import Foundation

/// The kinds of exchange file: the four the ledger is loaded from, and 人员信息变更, which only goes out to the core
/// system (`PersonChangeFile`: what item 30 changed of the citizen record).
public enum ExchangeKind: String, CaseIterable, Sendable {
    case enrolments, contributions, entitlements, payments
    case personChanges = "person_changes"

    public var chinese: String {
        switch self {
        case .enrolments: "参保登记"
        case .contributions: "缴费记录"
        case .entitlements: "待遇核定"
        case .payments: "发放结果"
        case .personChanges: "人员信息变更"
        }
    }

    /// The kinds `insurance import --kind` loads; a person change is sent, never loaded (the core system holds the
    /// person, and the counter changes them).
    public static let importable: [ExchangeKind] = allCases.filter(\.isImportable)

    public var isImportable: Bool { self != .personChanges }
}

/// One column of an exchange file: its header name, what its cells hold, and whether it must be filled.
public struct ExchangeColumn: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(maxLength: Int)
        case idNumber
        /// A 12-digit division code that exists, at one of the levels.
        case division(levels: Set<DivisionLevel>)
        case code([String])
        case year
        case month
        case date
        /// 元 with at most two decimals, not negative; stored as fen.
        case yuan
        /// Whole 元 (a grade).
        case wholeYuan
    }

    public let name: String
    public let label: String
    public let value: Value
    public let required: Bool
}

/// This platform's exchange formats, version 1: per kind, the header row's column names (in any order), what each
/// column holds, and which must be there. The version is a column of its own, `format_version`, in the header of
/// every file (and `1` in every row), so a file says which version it follows in the same place for CSV and .xlsx.
public enum ExchangeFormat {
    public static let version = "1"
    public static let versionColumn = "format_version"

    static let person: [ExchangeColumn] = [
        ExchangeColumn(name: "id_number", label: "公民身份号码", value: .idNumber, required: true),
        ExchangeColumn(name: "name", label: "姓名", value: .text(maxLength: CitizenDraft.maximumNameLength), required: true),
        ExchangeColumn(name: "hukou_division", label: "户籍所在地区划代码", value: .division(levels: [.county, .township, .village, .community]),
                       required: true),
        ExchangeColumn(name: "residence_division", label: "居住地区划代码", value: .division(levels: [.village, .community]), required: false),
        ExchangeColumn(name: "ethnicity", label: "民族", value: .text(maxLength: 20), required: false),
        ExchangeColumn(name: "scheme", label: "险种", value: .code(InsuranceScheme.allCases.map(\.rawValue)), required: true),
    ]

    /// The columns of `kind`, the person's and the scheme first.
    public static func columns(of kind: ExchangeKind) -> [ExchangeColumn] {
        [ExchangeColumn(name: versionColumn, label: "格式版本", value: .code([version]), required: true)] + person + own(kind)
    }

    private static func own(_ kind: ExchangeKind) -> [ExchangeColumn] {
        let county = ExchangeColumn(name: "county", label: "参保地（县级区划代码）", value: .division(levels: [.county]), required: true)
        switch kind {
        case .enrolments:
            return [
                county,
                ExchangeColumn(name: "start_kind", label: "参保起始制度", value: .code(SchemeStartKind.allCases.map(\.rawValue)), required: false),
                ExchangeColumn(name: "grade", label: "缴费档次（元）", value: .wholeYuan, required: false),
                ExchangeColumn(name: "enrolled_on", label: "参保日期", value: .date, required: true),
                ExchangeColumn(name: "status", label: "参保状态", value: .code(EnrolmentStatus.allCases.map(\.rawValue)), required: true),
                ExchangeColumn(name: "status_date", label: "状态变更日期", value: .date, required: true),
                ExchangeColumn(name: "status_reason", label: "状态变更原因", value: .text(maxLength: 100), required: false),
            ]
        case .contributions:
            return [
                ExchangeColumn(name: "year", label: "缴费年度", value: .year, required: true),
                ExchangeColumn(name: "type", label: "缴费类型", value: .code(ContributionKind.allCases.map(\.rawValue)), required: true),
                ExchangeColumn(name: "grade", label: "缴费档次（元）", value: .wholeYuan, required: false),
                ExchangeColumn(name: "personal", label: "个人缴费（元）", value: .yuan, required: true),
                ExchangeColumn(name: "subsidy", label: "政府补贴（元）", value: .yuan, required: true),
                ExchangeColumn(name: "collective", label: "集体补助（元）", value: .yuan, required: false),
                ExchangeColumn(name: "arrived", label: "是否到账", value: .code(["是", "否"]), required: true),
                ExchangeColumn(name: "arrived_on", label: "到账日期", value: .date, required: false),
            ]
        case .entitlements:
            return [
                county,
                ExchangeColumn(name: "start_month", label: "待遇起始月份", value: .month, required: true),
                ExchangeColumn(name: "monthly", label: "月待遇（元）", value: .yuan, required: true),
                ExchangeColumn(name: "basic_central", label: "基础养老金·中央（元）", value: .yuan, required: false),
                ExchangeColumn(name: "basic_provincial", label: "基础养老金·省级（元）", value: .yuan, required: false),
                ExchangeColumn(name: "basic_county", label: "基础养老金·县级（元）", value: .yuan, required: false),
                ExchangeColumn(name: "basic_extra_years", label: "基础养老金·长缴多得（元）", value: .yuan, required: false),
                ExchangeColumn(name: "account_part", label: "个人账户养老金（元）", value: .yuan, required: false),
                ExchangeColumn(name: "exit_subsidy", label: "出口补（元）", value: .yuan, required: false),
                ExchangeColumn(name: "collective_exit", label: "集体出口补（元）", value: .yuan, required: false),
                ExchangeColumn(name: "figure_ids", label: "所用政策参数编号（分号分隔）", value: .text(maxLength: 400), required: false),
                ExchangeColumn(name: "status", label: "待遇状态", value: .code(EntitlementStatus.allCases.map(\.rawValue)), required: true),
                ExchangeColumn(name: "status_date", label: "状态变更日期", value: .date, required: true),
                ExchangeColumn(name: "status_reason", label: "状态变更原因", value: .text(maxLength: 100), required: false),
            ]
        case .personChanges:
            // Outbound only: `header` refuses the kind, and the file's columns are `PersonChangeFile.header`.
            return []
        case .payments:
            return [
                county,
                ExchangeColumn(name: "month", label: "发放月份", value: .month, required: true),
                ExchangeColumn(name: "amount", label: "发放金额（元）", value: .yuan, required: true),
                ExchangeColumn(name: "bank", label: "发放银行", value: .text(maxLength: 60), required: true),
                ExchangeColumn(name: "account", label: "银行账号", value: .text(maxLength: 32), required: true),
                ExchangeColumn(name: "result", label: "发放结果", value: .code(PaymentResult.allCases.map(\.rawValue)), required: true),
                ExchangeColumn(name: "failure_reason", label: "失败原因", value: .text(maxLength: 100), required: false),
            ]
        }
    }

    /// Reads the header row: every column must be one of the kind's, none twice, every required one present.
    /// A kind that is not importable is refused whatever the header says.
    public static func header(_ names: [String], kind: ExchangeKind) -> Result<ExchangeHeader, ExchangeProblems> {
        let columns = columns(of: kind)
        let known = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) })
        var problems = ExchangeProblems()
        guard kind.isImportable else {
            problems.add(line: 1, column: versionColumn, "\(kind.chinese)只由本平台发往核心系统，不能导入台账")
            return .failure(problems)
        }
        var positions: [String: Int] = [:]
        for (index, raw) in names.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            let letter = ExchangeHeader.columnLetter(index)
            if name.isEmpty {
                problems.add(line: 1, column: letter, "表头第\(index + 1)列为空")
            } else if known[name] == nil {
                problems.add(line: 1, column: name, "未知列“\(name)”：\(kind.chinese)文件（格式版本\(version)）没有此列")
            } else if positions[name] != nil {
                problems.add(line: 1, column: name, "列“\(name)”出现了两次")
            } else {
                positions[name] = index
            }
        }
        for column in columns where column.required && positions[column.name] == nil {
            problems.add(line: 1, column: column.name, "缺少必需的列“\(column.name)”（\(column.label)）")
        }
        guard problems.isEmpty else { return .failure(problems) }
        return .success(ExchangeHeader(kind: kind, positions: positions, width: names.count))
    }
}

/// Where each column of a file is.
public struct ExchangeHeader: Sendable {
    public let kind: ExchangeKind
    let positions: [String: Int]
    let width: Int

    /// The cell of `column` in `fields`, trimmed; empty when the column is absent or the row short.
    func cell(_ column: String, _ fields: [String]) -> String {
        guard let index = positions[column], index < fields.count else { return "" }
        return fields[index].trimmingSpaces
    }

    /// `A`, `B`, … `AA`: how a spreadsheet names the column at `index`.
    static func columnLetter(_ index: Int) -> String {
        var index = index + 1
        var letters = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            index = (index - 1) / 26
        }
        return letters
    }
}

/// Problems of a file, each with its line and column, in the order found.
public struct ExchangeProblems: Error, Sendable, Equatable {
    public struct Problem: Sendable, Equatable {
        public let line: Int
        public let column: String
        public let message: String

        public var text: String { "第\(line)行 \(column)：\(message)" }
    }

    public private(set) var problems: [Problem] = []

    public init() {}

    public var isEmpty: Bool { problems.isEmpty }

    public mutating func add(line: Int, column: String, _ message: String) {
        problems.append(Problem(line: line, column: column, message: message))
    }

    public mutating func append(_ other: ExchangeProblems) { problems += other.problems }
}
