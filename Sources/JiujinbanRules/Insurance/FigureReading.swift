import Foundation

/// What one computation (a claim's monthly amount, a back payment's charge) read of the dated policy figures: each
/// figure with the row it came from, its value and whether that value was confirmed. The case keeps it, so a receipt
/// printed today can be explained next year, and approval waits while any figure it used is 待核实 (or missing).
public struct FigureReading: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let key: PolicyFigureKey
        /// The row used; nil when no row holds on the day (the figure was never entered for that day).
        public let rowID: UUID?
        public let value: PolicyFigureValue?
        public let status: PolicyFigureStatus
        public let source: String
        /// The years a yearly figure was read for from this row (the 记账利率 of each year an account is brought
        /// forward); nil for a figure read on the computation's own day.
        public let years: ClosedRange<Int>?

        public init(key: PolicyFigureKey, rowID: UUID?, value: PolicyFigureValue?, status: PolicyFigureStatus, source: String,
                    years: ClosedRange<Int>? = nil) {
            self.key = key
            self.rowID = rowID
            self.value = value
            self.status = status
            self.source = source
            self.years = years
        }

        /// The figure's name, with the years a yearly figure was read for: `个人账户记账利率（2020—2024年度）`.
        public var name: String {
            guard let years else { return key.definition.name }
            return key.definition.name + "（" + (years.count == 1 ? "\(years.lowerBound)" : "\(years.lowerBound)—\(years.upperBound)") + "年度）"
        }
        /// Whether approval must wait for this figure: not confirmed, or no value known.
        public var isWaiting: Bool { status != .confirmed || value == nil }
        /// `中央基础养老金最低标准（163元，待核实）`, as the receipt names the figure.
        public var described: String {
            name + "（" + (value.map { $0.display + "，" } ?? (rowID == nil ? "未录入，" : "数值未知，")) + status.label + "）"
        }
    }

    public let date: CalendarDate
    public let county: DivisionCode?
    public private(set) var entries: [Entry] = []
    let book: PolicyFigureBook

    public init(book: PolicyFigureBook, on date: CalendarDate, county: DivisionCode?) {
        self.book = book
        self.date = date
        self.county = county
    }

    public static func == (lhs: FigureReading, rhs: FigureReading) -> Bool {
        lhs.date == rhs.date && lhs.county == rhs.county && lhs.entries == rhs.entries
    }

    /// Reads `key` on the computation's day and records what it used. A figure `required` that no row holds is
    /// recorded as missing (and so waiting); an optional one without a row (a county that grants no extra) is not.
    public mutating func read(_ key: PolicyFigureKey, required: Bool = true) -> PolicyFigureValue? {
        if let entry = entries.first(where: { $0.key == key && $0.years == nil }) { return entry.value }
        switch book.resolve(key, on: date, county: county) {
        case .confirmed(let use), .unconfirmed(let use):
            entries.append(Entry(key: key, rowID: use.rowID, value: use.value, status: use.status, source: use.source))
            return use.value
        case .none:
            if required { entries.append(Entry(key: key, rowID: nil, value: nil, status: .unconfirmed, source: "未录入")) }
            return nil
        }
    }

    /// An amount figure in fen (0 when unknown: the computation goes on, and approval waits for it).
    public mutating func fen(_ key: PolicyFigureKey, required: Bool = true) -> Int? {
        guard let value = read(key, required: required) else { return nil }
        if case .amount(let fen) = value { return fen }
        return nil
    }

    /// A yearly figure (the 记账利率 of `year`), read on the year's last day, the day interest is credited. Read
    /// year after year, the years one row answers are recorded as one entry (2010—2025年度); a year with no row is
    /// recorded as missing. nil when no value is known.
    public mutating func yearlyRate(_ key: PolicyFigureKey, year: Int) -> Int? {
        func rate(_ entry: Entry) -> Int? {
            if case .rate(let bp)? = entry.value { return bp }
            return nil
        }
        if let entry = entries.first(where: { $0.key == key && $0.years?.contains(year) == true }) { return rate(entry) }
        guard let day = CalendarDate(year: year, month: 12, day: 31) else { return nil }
        var entry: Entry
        switch book.resolve(key, on: day, county: county) {
        case .confirmed(let use), .unconfirmed(let use):
            entry = Entry(key: key, rowID: use.rowID, value: use.value, status: use.status, source: use.source, years: year...year)
        case .none:
            entry = Entry(key: key, rowID: nil, value: nil, status: .unconfirmed, source: "未录入", years: year...year)
        }
        if let index = entries.firstIndex(where: { $0.key == key && $0.rowID == entry.rowID && $0.years?.upperBound == year - 1 }) {
            let previous = entries[index]
            entry = Entry(key: key, rowID: previous.rowID, value: previous.value, status: previous.status, source: previous.source,
                          years: previous.years!.lowerBound...year)
            entries[index] = entry
        } else {
            entries.append(entry)
        }
        return rate(entry)
    }

    public mutating func count(_ key: PolicyFigureKey) -> Int? {
        if case .count(let count)? = read(key) { return count }
        return nil
    }

    public mutating func day(_ key: PolicyFigureKey) -> CalendarDate? {
        if case .date(let day)? = read(key) { return day }
        return nil
    }

    public var waiting: [Entry] { entries.filter(\.isWaiting) }

    /// Why approval must wait, naming every waiting figure; nil when every figure used is confirmed.
    public var approvalRefusal: String? {
        let names = waiting.map(\.described)
        guard !names.isEmpty else { return nil }
        return "计算所用政策参数" + names.joined(separator: "、") + "尚未确认，待业务管理员核实后方可审批"
    }
}

/// The dated figures of the two benefits, read for one day and county (items 34 and 35).
public enum BenefitFigures {
    /// The basic benefit's figures on `reading`'s day: central, provincial and county parts (a missing provincial or
    /// county part counts 0 and waits), 长缴多得 where a row grants it, the divisor 139. A missing value computes as 0
    /// (or, for the divisor, the national 139) so the clerk still sees an amount; approval waits for it.
    public static func basic(_ reading: inout FigureReading) -> BasicBenefit.Figures {
        let central = reading.fen(.centralBasicPension) ?? 0
        let provincial = reading.fen(.provincialBasicPension) ?? 0
        let county = reading.fen(.countyBasicPension) ?? 0
        let extra = reading.fen(.extraPerYearBeyond15, required: false)
        let divisor = reading.count(.residentDivisor) ?? nationalBasicDivisor
        return BasicBenefit.Figures(centralFen: central, provincialFen: provincial, countyFen: county,
                                    extraPerYearBeyondFifteenFen: extra, accountDivisor: divisor)
    }

    /// 国发〔2014〕8号's 139: used only while the stored divisor is missing, and then the computation waits.
    public static let nationalBasicDivisor = 139
    /// The Shanxi regulation's 120, likewise.
    public static let supplementaryDivisor = 120

    /// The supplementary benefit's figures: the divisor and the 出口补 of the person's age band only (the other band's
    /// figure is not used, so its confirmation is not waited for).
    public static func supplementary(_ reading: inout FigureReading, band: SupplementaryBenefit.AgeBand) -> SupplementaryBenefit.Figures {
        let divisor = reading.count(.supplementaryDivisor) ?? supplementaryDivisor
        let exit = reading.fen(band == .eightyAndOver ? .supplementaryExit80 : .supplementaryExit65to79) ?? 0
        return SupplementaryBenefit.Figures(accountDivisor: divisor, exitSubsidyFromSixtyFiveFen: exit, exitSubsidyFromEightyFen: exit)
    }

    /// The start date of the scheme an enrolment names: 新农保 or 城居保 of the county (a county figure).
    public static func schemeStart(_ kind: SchemeStartKind, _ reading: inout FigureReading) -> CalendarDate? {
        reading.day(kind == .newRural ? .ruralPensionStart : .urbanResidentPensionStart)
    }
}
