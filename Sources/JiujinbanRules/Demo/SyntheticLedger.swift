/// The insurance ledger of synthetic people, as rows of the exchange formats (docs/insurance-exchange.md), so the
/// generator and the demonstration data load it through the import's own reader and store.
///
/// Reproducible from the seed. Of the people aged 16 or more, three in four are enrolled in the resident basic
/// scheme, in a year from 2010 (or the year they turned 16) with 5–20 years of contributions before the year they
/// turn 60 and before this year, one year in ten skipped (missing years, for back payment); a fifth of those under
/// 65 in 2021 also in the supplementary scheme. People of 60 or more with five years or more draw a basic pension
/// from the month after their 60th birthday (not before 2014), paid monthly for the last 12–36 months, about one
/// payment in fifty failed with a reason. Grades are Shanxi's table (policy-figures.md) with its subsidies.
public struct SyntheticLedger: Sendable {
    public struct Person: Sendable, Equatable {
        public let idNumber: String
        public let name: String
        public let hukou: String
        public let birthDate: CalendarDate

        public init(idNumber: String, name: String, hukou: String, birthDate: CalendarDate) {
            self.idNumber = idNumber
            self.name = name
            self.hukou = hukou
            self.birthDate = birthDate
        }
    }

    /// Rows of each kind, the fields in the order of `headers`.
    public struct Rows: Sendable, Equatable {
        public var enrolments: [[String]] = []
        public var contributions: [[String]] = []
        public var entitlements: [[String]] = []
        public var payments: [[String]] = []

        public init() {}

        public func rows(_ kind: ExchangeKind) -> [[String]] {
            switch kind {
            case .enrolments: enrolments
            case .contributions: contributions
            case .entitlements: entitlements
            case .payments: payments
            case .personChanges: []
            }
        }
    }

    static let person = ["format_version", "id_number", "name", "hukou_division", "scheme"]
    public static let headers: [ExchangeKind: [String]] = [
        .enrolments: person + ["county", "start_kind", "grade", "enrolled_on", "status", "status_date", "status_reason"],
        .contributions: person + ["year", "type", "grade", "personal", "subsidy", "collective", "arrived", "arrived_on"],
        .entitlements: person + ["county", "start_month", "monthly", "basic_central", "account_part", "status", "status_date", "status_reason"],
        .payments: person + ["county", "month", "amount", "bank", "account", "result", "failure_reason"],
    ]

    /// Shanxi's resident grades and their subsidies (元), the lower ones drawn more often.
    static let grades: [(Int, Int)] = [(200, 35), (200, 35), (200, 35), (300, 40), (300, 40), (500, 60), (500, 60), (700, 80), (1000, 100),
                                       (1500, 140), (2000, 180)]
    static let supplementaryGrades: [(Int, Int)] = [(200, 70), (200, 70), (500, 120), (1000, 200)]
    static let banks = ["山西芮城农村商业银行", "中国邮政储蓄银行芮城县支行", "中国农业银行芮城县支行"]
    static let failures = ["账户已冻结", "账户已销户", "户名与账号不符"]
    /// 中央基础养老金 of 2025 (policy-figures.md, 待核实 date): the synthetic amounts' basic part.
    static let basicFen = 14_300

    private var rng: SeededGenerator
    let county: String
    let today: CalendarDate

    /// `county`: the 12-digit code of the county the people are insured in.
    public init(seed: UInt64, county: String, today: CalendarDate) {
        rng = SeededGenerator(seed: seed)
        self.county = county
        self.today = today
    }

    /// The ledger rows of `person`, added to `rows` (none for someone under 16 or not enrolled).
    public mutating func add(_ person: Person, to rows: inout Rows) {
        let age = today.completedYears(since: person.birthDate)
        guard age >= 16, Int.random(in: 0..<4, using: &rng) > 0 else { return }
        let first = max(2010, person.birthDate.year + 16)
        let last = min(today.year - 1, person.birthDate.year + 59)
        guard first <= last else { return }
        let startYear = Int.random(in: first...max(first, last - 4), using: &rng)
        let years = Array(startYear...last).prefix(Int.random(in: 5...20, using: &rng))
        let paid = years.enumerated().filter { $0.offset == 0 || Int.random(in: 0..<10, using: &rng) > 0 }.map(\.element)
        // Drawing from the month after the 60th birthday: only once that month has begun.
        let drawing = age >= 60 && paid.count >= 5 && Self.drawingStart(person) < PensionMonth(containing: today)
        add(scheme: .residentBasic, person, enrolledIn: startYear, years: paid, grades: Self.grades, drawing: drawing, to: &rows)
        if age < 60, Int.random(in: 0..<5, using: &rng) == 0, today.year > 2021 {
            add(scheme: .residentSupplementary, person, enrolledIn: 2021, years: Array(2021..<today.year), grades: Self.supplementaryGrades,
                drawing: false, to: &rows)
        }
        if drawing { addBenefit(person, contributedYears: paid.count, rows: &rows) }
    }

    /// An enrolment in `scheme` and its contributions in `years` at one grade; ended (终止) when the person draws.
    mutating func add(scheme: InsuranceScheme, _ person: Person, enrolledIn year: Int, years: [Int], grades: [(Int, Int)], drawing: Bool,
                      to rows: inout Rows) {
        let (grade, subsidy) = grades[Int.random(in: 0..<grades.count, using: &rng)]
        let enrolled = CalendarDate(year: year, month: Int.random(in: 1...6, using: &rng), day: Int.random(in: 1...28, using: &rng))!
        rows.enrolments.append(prefix(person, scheme) + [county, scheme == .residentBasic ? SchemeStartKind.newRural.rawValue : "", String(grade),
                                                         enrolled.iso, drawing ? EnrolmentStatus.terminated.rawValue : EnrolmentStatus.contributing.rawValue,
                                                         drawing ? Self.drawingStart(person).firstDay.iso : enrolled.iso,
                                                         drawing ? "按月领取养老保险待遇" : ""])
        for year in years {
            rows.contributions.append(prefix(person, scheme) + [String(year), ContributionKind.regular.rawValue, String(grade), String(grade),
                                                                String(subsidy), "0", "是", "\(year)-06-30"])
        }
    }

    /// The basic pension from the month after the 60th birthday (not before 2014-07), and its last 12–36 payments.
    private mutating func addBenefit(_ person: Person, contributedYears years: Int, rows: inout Rows) {
        let start = Self.drawingStart(person)
        let current = PensionMonth(containing: today)
        guard start < current else { return }
        // A rough personal account: each year's 200–2000 元 and subsidy, without interest.
        let account = years * 30_000
        let accountPart = (account * 2 + 139) / 278
        let monthly = Self.basicFen + accountPart
        let yuan = { (fen: Int) in Money.yuanText(Int64(fen)) }
        rows.entitlements.append(prefix(person, .residentBasic) + [county, start.description, yuan(monthly), yuan(Self.basicFen), yuan(accountPart),
                                                                   EntitlementStatus.paying.rawValue, start.firstDay.iso, ""])
        let bank = Self.banks[Int.random(in: 0..<Self.banks.count, using: &rng)]
        let accountNumber = "62" + (0..<17).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
        let first = max(start, current.adding(months: -Int.random(in: 12...36, using: &rng)))
        for month in first.months(until: current) {
            let failed = Int.random(in: 0..<50, using: &rng) == 0
            rows.payments.append(prefix(person, .residentBasic) + [county, month.description, yuan(monthly), bank, accountNumber,
                                                                   failed ? PaymentResult.failed.rawValue : PaymentResult.succeeded.rawValue,
                                                                   failed ? Self.failures[Int.random(in: 0..<Self.failures.count, using: &rng)] : ""])
        }
    }

    static func drawingStart(_ person: Person) -> PensionMonth {
        max(PensionMonth(containing: PensionAge.birthday(60, born: person.birthDate)).next, PensionMonth(year: 2014, month: 7)!)
    }

    private func prefix(_ person: Person, _ scheme: InsuranceScheme) -> [String] {
        [ExchangeFormat.version, person.idNumber, person.name, person.hukou, scheme.rawValue]
    }
}
