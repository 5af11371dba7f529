import Foundation

/// The person a row is about, as the file gives them: enough to register someone not yet known.
public struct ExchangePerson: Sendable, Equatable {
    public let idNumber: ResidentIDNumber
    public let name: String
    public let hukou: DivisionCode
    public let residence: DivisionCode?
    public let ethnicity: String?

    /// The person as the registry stores them: living where registered unless the file says otherwise; no phone;
    /// ethnicity empty when the file has none (the counter completes it, a non-key change).
    public var facts: CitizenFacts {
        CitizenFacts(idNumber: idNumber, name: name, phone: nil, hukouDivision: hukou, residenceDivision: residence ?? hukou,
                     ethnicity: ethnicity ?? "", cardNumber: nil)
    }
}

/// An enrolments file's row: the line, the person, and the enrolment it states (its fields read as the row's).
@dynamicMemberLookup
public struct EnrolmentRow: Sendable, Equatable {
    public let line: Int
    public let person: ExchangePerson
    public let record: EnrolmentRecord

    public subscript<Value>(dynamicMember field: KeyPath<EnrolmentRecord, Value>) -> Value { record[keyPath: field] }
}

/// A contributions file's row: the line, the person, the scheme, and the year's contribution it states.
@dynamicMemberLookup
public struct ContributionRow: Sendable, Equatable {
    public let line: Int
    public let person: ExchangePerson
    public let scheme: InsuranceScheme
    public let record: ContributionRecord

    public subscript<Value>(dynamicMember field: KeyPath<ContributionRecord, Value>) -> Value { record[keyPath: field] }
}

/// An entitlements file's row: the line, the person, and the entitlement it states.
@dynamicMemberLookup
public struct EntitlementRow: Sendable, Equatable {
    public let line: Int
    public let person: ExchangePerson
    public let record: EntitlementRecord

    public subscript<Value>(dynamicMember field: KeyPath<EntitlementRecord, Value>) -> Value { record[keyPath: field] }
}

public struct PaymentRow: Sendable, Equatable {
    public let line: Int
    public let person: ExchangePerson
    public let scheme: InsuranceScheme
    public let county: DivisionCode
    public let month: String
    public let amountFen: Int64
    public let bank: String
    public let account: String
    public let result: PaymentResult
    public let failureReason: String?
}

public enum ExchangeRow: Sendable, Equatable {
    case enrolment(EnrolmentRow)
    case contribution(ContributionRow)
    case entitlement(EntitlementRow)
    case payment(PaymentRow)

    public var person: ExchangePerson {
        switch self {
        case .enrolment(let row): row.person
        case .contribution(let row): row.person
        case .entitlement(let row): row.person
        case .payment(let row): row.person
        }
    }

    /// What makes a row the same row again in a later file: the person and the scheme, with the year and type of
    /// a contribution and the month of a payment. An enrolment and an entitlement are one per person and scheme.
    public var naturalKey: NaturalKey {
        let scheme = InsuranceScheme.allCases.firstIndex(of: self.scheme)!
        return switch self {
        case .enrolment(let row): NaturalKey(row.person.idNumber, scheme: scheme)
        case .contribution(let row):
            NaturalKey(row.person.idNumber, scheme: scheme, kind: ContributionKind.allCases.firstIndex(of: row.kind)! + 1, period: row.year)
        case .entitlement(let row): NaturalKey(row.person.idNumber, scheme: scheme)
        case .payment(let row): NaturalKey(row.person.idNumber, scheme: scheme, period: (Int(row.month.prefix(4)) ?? 0) * 16 + (Int(row.month.suffix(2)) ?? 0))
        }
    }

    public var scheme: InsuranceScheme {
        switch self {
        case .enrolment(let row): row.scheme
        case .contribution(let row): row.scheme
        case .entitlement(let row): row.scheme
        case .payment(let row): row.scheme
        }
    }

    /// A natural key packed exactly into twelve bytes, for finding a key twice among millions of rows: the ID
    /// number's 17 digits and check character as one number, and the scheme, the contribution type and the year
    /// (or month) as another. Two rows have equal keys exactly when their natural keys are the same.
    public struct NaturalKey: Hashable, Sendable {
        let person: UInt64
        let rest: UInt32

        init(_ id: ResidentIDNumber, scheme: Int, kind: Int = 0, period: Int = 0) {
            // 17 digits, then the check character (0–9 or X) as a base-11 digit: at most 1.1 × 10^18.
            var packed: UInt64 = 0
            for (index, byte) in id.value.utf8.enumerated() {
                let digit = byte == UInt8(ascii: "X") ? 10 : UInt64(byte &- UInt8(ascii: "0"))
                packed = packed * (index < 17 ? 10 : 11) + digit
            }
            person = packed
            rest = UInt32(scheme) | UInt32(kind) << 4 | UInt32(period) << 8
        }
    }
}

/// Checks the rows of one file against its header: every problem of a row is named by line and column.
public struct ExchangeRowReader {
    public let header: ExchangeHeader
    let today: CalendarDate
    let divisionLevel: (DivisionCode) -> DivisionLevel?
    /// The grades in force by date, from the policy figures (loaded once per file).
    let grades: ExchangeGrades
    /// Contribution files repeat a person on consecutive rows: the last ID number parsed is kept.
    private var lastID: (raw: String, id: ResidentIDNumber)?

    /// - Parameter divisionLevel: the level of a division code in the tree, or nil when it does not exist.
    public init(header: ExchangeHeader, today: CalendarDate, divisionLevel: @escaping (DivisionCode) -> DivisionLevel?, grades: ExchangeGrades) {
        self.header = header
        self.today = today
        self.divisionLevel = divisionLevel
        self.grades = grades
    }

    static let versions = [ExchangeFormat.version]
    static let yesNo = ["是", "否"]
    static let hukouLevels: Set<DivisionLevel> = [.county, .township, .village, .community]
    static let residenceLevels: Set<DivisionLevel> = [.village, .community]
    static let countyLevel: Set<DivisionLevel> = [.county]

    public mutating func read(_ record: CSVReader.Record) -> Result<ExchangeRow, ExchangeProblems> {
        var cells = ExchangeCells(header: header, fields: record.fields, line: record.line, today: today, divisionLevel: divisionLevel)
        if record.fields.count > header.width, record.fields[header.width...].contains(where: { !$0.trimmingSpaces.isEmpty }) {
            cells.problems.add(line: record.line, column: ExchangeHeader.columnLetter(header.width), "本行比表头多出\(record.fields.count - header.width)列")
        }
        _ = cells.code(ExchangeFormat.versionColumn, Self.versions, label: "格式版本")
        let person = readPerson(&cells)
        let scheme = cells.code("scheme", as: InsuranceScheme.self, label: "险种")
        let row: ExchangeRow? = switch header.kind {
        case .enrolments: Self.enrolment(&cells, person, scheme, grades: grades)
        case .contributions: Self.contribution(&cells, person, scheme, today: today, grades: grades)
        case .entitlements: Self.entitlement(&cells, person, scheme)
        case .payments: Self.payment(&cells, person, scheme)
        case .personChanges: nil // outbound only: `ExchangeFormat.header` makes no header of this kind
        }
        guard cells.problems.isEmpty, let row else { return .failure(cells.problems) }
        return .success(row)
    }

    private mutating func readPerson(_ cells: inout ExchangeCells) -> ExchangePerson? {
        let raw = cells.cell("id_number")
        var id: ResidentIDNumber?
        if let lastID, lastID.raw == raw {
            id = lastID.id
        } else if raw.isEmpty {
            cells.problems.add(line: cells.line, column: "id_number", "公民身份号码不能为空")
        } else {
            switch ResidentIDNumber.parse(raw, today: today) {
            case .success(let parsed):
                id = parsed
                lastID = (raw, parsed)
            case .failure(let problem): cells.problems.add(line: cells.line, column: "id_number", problem.message)
            }
        }
        let name = cells.text("name", maxLength: CitizenDraft.maximumNameLength, label: "姓名", required: true)
        let hukou = cells.division("hukou_division", levels: Self.hukouLevels, label: "户籍所在地", required: true)
        let residence = cells.division("residence_division", levels: Self.residenceLevels, label: "居住地", required: false)
        let ethnicity = cells.cell("ethnicity")
        if !ethnicity.isEmpty, !Ethnicity.isKnown(ethnicity) {
            cells.problems.add(line: cells.line, column: "ethnicity", "民族“\(ethnicity)”不在国家标准民族名称中")
        }
        guard let id, let name, let hukou else { return nil }
        return ExchangePerson(idNumber: id, name: name, hukou: hukou, residence: residence, ethnicity: ethnicity.isEmpty ? nil : ethnicity)
    }

    /// The grade cell, checked against the grades in force between `from` and `through` (`ExchangeGrades`); a
    /// grade is not checked when the row's date could not be read (that cell has its own problem).
    private static func grade(_ cells: inout ExchangeCells, _ scheme: InsuranceScheme?, required: Bool, grades: ExchangeGrades,
                              from: CalendarDate?, through: CalendarDate?, when: String) -> Int? {
        guard let grade = cells.wholeYuan("grade", label: "缴费档次", required: required), let scheme, let from, let through else { return nil }
        if let problem = grades.problem(grade, scheme, from: from, through: through, when: when) {
            cells.problems.add(line: cells.line, column: "grade", problem)
            return nil
        }
        return grade
    }

    private static func enrolment(_ cells: inout ExchangeCells, _ person: ExchangePerson?, _ scheme: InsuranceScheme?,
                                  grades: ExchangeGrades) -> ExchangeRow? {
        let county = cells.division("county", levels: Self.countyLevel, label: "参保地", required: true)
        let startKind = cells.code("start_kind", as: SchemeStartKind.self, label: "参保起始制度",
                                   required: scheme == .residentBasic)
        let enrolledOn = cells.date("enrolled_on", label: "参保日期", required: true)
        let grade = grade(&cells, scheme, required: scheme?.isResident ?? false, grades: grades, from: enrolledOn, through: enrolledOn,
                          when: enrolledOn?.iso ?? "")
        let status = cells.code("status", as: EnrolmentStatus.self, label: "参保状态")
        let statusDate = cells.date("status_date", label: "状态变更日期", required: true)
        let reason = cells.text("status_reason", maxLength: 100, label: "状态变更原因", required: status != nil && status != .contributing)
        if let enrolledOn, let statusDate, statusDate < enrolledOn {
            cells.problems.add(line: cells.line, column: "status_date", "状态变更日期\(statusDate.iso)早于参保日期\(enrolledOn.iso)")
        }
        if let scheme, let enrolledOn, enrolledOn.year < scheme.earliestYear {
            cells.problems.add(line: cells.line, column: "enrolled_on", "参保日期\(enrolledOn.iso)早于\(scheme.chinese)开始的\(scheme.earliestYear)年")
        }
        guard let person, let scheme, let county, let enrolledOn, let status, let statusDate else { return nil }
        return .enrolment(EnrolmentRow(line: cells.line, person: person, record: EnrolmentRecord(
            scheme: scheme, county: county, startKind: startKind, grade: grade, enrolledOn: enrolledOn, status: status, statusDate: statusDate,
            statusReason: reason)))
    }

    private static func contribution(_ cells: inout ExchangeCells, _ person: ExchangePerson?, _ scheme: InsuranceScheme?,
                                     today: CalendarDate, grades: ExchangeGrades) -> ExchangeRow? {
        var year = cells.integer("year", label: "缴费年度")
        let kind = cells.code("type", as: ContributionKind.self, label: "缴费类型")
        // A back payment may be for years before the scheme began: topping up to 15 years (item 32, situation ③) pays
        // the years just before its start, at most 15 of them.
        if let value = year, let scheme {
            let earliest = kind == .backPayment ? scheme.earliestYear - 15 : scheme.earliestYear
            if !(earliest...today.year).contains(value) {
                cells.problems.add(line: cells.line, column: "year", "缴费年度\(value)不可能：\(scheme.chinese)的"
                                   + (kind == .backPayment ? "补缴年度" : "缴费年度") + "应在\(earliest)至\(today.year)年之间")
                year = nil
            }
        }
        let personal = cells.yuan("personal", label: "个人缴费", required: true)
        let subsidy = cells.yuan("subsidy", label: "政府补贴", required: true)
        let collective = cells.yuan("collective", label: "集体补助", required: false)
        let arrived = cells.code("arrived", Self.yesNo, label: "是否到账").map { $0 == "是" }
        let arrivedOn = cells.date("arrived_on", label: "到账日期", required: arrived == true)
        // A year's own contribution: a grade of that year. A back payment: a grade of the day it was paid (today
        // while it has not arrived), whatever year it is for (item 32).
        let grade: Int?
        if kind == .backPayment {
            let paidOn = arrivedOn ?? today
            grade = Self.grade(&cells, scheme, required: false, grades: grades, from: paidOn, through: paidOn, when: paidOn.iso)
        } else {
            grade = Self.grade(&cells, scheme, required: false, grades: grades, from: year.flatMap { CalendarDate(year: $0, month: 1, day: 1) },
                               through: year.flatMap { CalendarDate(year: $0, month: 12, day: 31) }, when: year.map { "\($0)年" } ?? "")
        }
        if arrived == false, arrivedOn != nil {
            cells.problems.add(line: cells.line, column: "arrived_on", "未到账的记录不应有到账日期")
        }
        guard let person, let scheme, let year, let kind, let personal, let subsidy, let arrived else { return nil }
        return .contribution(ContributionRow(line: cells.line, person: person, scheme: scheme, record: ContributionRecord(
            year: year, kind: kind, grade: grade, personalFen: personal, subsidyFen: subsidy, collectiveFen: collective ?? 0, arrived: arrived,
            arrivedOn: arrivedOn)))
    }

    private static func entitlement(_ cells: inout ExchangeCells, _ person: ExchangePerson?, _ scheme: InsuranceScheme?) -> ExchangeRow? {
        let county = cells.division("county", levels: Self.countyLevel, label: "参保地", required: true)
        let start = cells.month("start_month", label: "待遇起始月份")
        let monthly = cells.yuan("monthly", label: "月待遇", required: true)
        let names = ["basic_central", "basic_provincial", "basic_county", "basic_extra_years", "account_part", "exit_subsidy", "collective_exit"]
        let parts = names.map { cells.yuan($0, label: "待遇构成", required: false) }
        if let monthly, parts.contains(where: { $0 != nil }) {
            let sum = parts.reduce(Int64(0)) { $0 + ($1 ?? 0) }
            if sum != monthly {
                cells.problems.add(line: cells.line, column: "monthly",
                                   "月待遇\(Money.yuanText(monthly))元与各项构成之和\(Money.yuanText(sum))元不符")
            }
        }
        let figures = cells.text("figure_ids", maxLength: 400, label: "所用政策参数编号", required: false)
        let status = cells.code("status", as: EntitlementStatus.self, label: "待遇状态")
        let statusDate = cells.date("status_date", label: "状态变更日期", required: true)
        let reason = cells.text("status_reason", maxLength: 100, label: "状态变更原因", required: status != nil && status != .paying)
        guard let person, let scheme, let county, let start, let monthly, let status, let statusDate else { return nil }
        return .entitlement(EntitlementRow(line: cells.line, person: person, record: EntitlementRecord(
            scheme: scheme, county: county, startMonth: start, monthlyFen: monthly, basicCentralFen: parts[0] ?? 0,
            basicProvincialFen: parts[1] ?? 0, basicCountyFen: parts[2] ?? 0, basicExtraFen: parts[3] ?? 0, accountFen: parts[4] ?? 0,
            exitSubsidyFen: parts[5] ?? 0, collectiveExitFen: parts[6] ?? 0, figureIDs: EntitlementRecord.figureIDs(figures), status: status, statusDate: statusDate,
            statusReason: reason)))
    }

    private static func payment(_ cells: inout ExchangeCells, _ person: ExchangePerson?, _ scheme: InsuranceScheme?) -> ExchangeRow? {
        let county = cells.division("county", levels: Self.countyLevel, label: "参保地", required: true)
        let month = cells.month("month", label: "发放月份")
        let amount = cells.yuan("amount", label: "发放金额", required: true)
        let bank = cells.text("bank", maxLength: 60, label: "发放银行", required: true)
        let account = cells.cell("account")
        if !(8...32).contains(account.utf8.count) || !account.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            cells.problems.add(line: cells.line, column: "account", "银行账号应为8至32位数字")
        }
        let result = cells.code("result", as: PaymentResult.self, label: "发放结果")
        let reason = cells.text("failure_reason", maxLength: 100, label: "失败原因", required: result == .failed)
        guard let person, let scheme, let county, let month, let amount, let bank, let result, cells.problems.isEmpty else { return nil }
        return .payment(PaymentRow(line: cells.line, person: person, scheme: scheme, county: county, month: month, amountFen: amount,
                                   bank: bank, account: account, result: result, failureReason: result == .failed ? reason : nil))
    }
}
