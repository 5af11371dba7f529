import Foundation

// The ledger's records, one definition each: what an exchange file's row states (with its line and person around
// it, `EnrolmentRow` …), what a counter's case changes (`LedgerChange`), and what the ledger's tables hold.

/// 参保登记: a person's enrolment in one scheme and its current status.
public struct EnrolmentRecord: Sendable, Equatable {
    public var scheme: InsuranceScheme
    /// The county of enrolment (参保地).
    public var county: DivisionCode
    /// 新农保 or 城居保 (resident basic scheme): whose start date counts the years a claim requires.
    public var startKind: SchemeStartKind?
    /// The grade chosen (元 a year; resident schemes).
    public var grade: Int?
    public var enrolledOn: CalendarDate
    public var status: EnrolmentStatus
    public var statusDate: CalendarDate
    public var statusReason: String?

    public init(scheme: InsuranceScheme, county: DivisionCode, startKind: SchemeStartKind?, grade: Int?, enrolledOn: CalendarDate,
                status: EnrolmentStatus, statusDate: CalendarDate, statusReason: String? = nil) {
        self.scheme = scheme
        self.county = county
        self.startKind = startKind
        self.grade = grade
        self.enrolledOn = enrolledOn
        self.status = status
        self.statusDate = statusDate
        self.statusReason = statusReason
    }
}

/// One year's contribution in a scheme (the scheme is the row's or the change's): 正常 or 补缴, the personal part,
/// subsidies and collective aid in fen, and whether the money arrived (到账).
public struct ContributionRecord: Sendable, Equatable {
    public var year: Int
    public var kind: ContributionKind
    public var grade: Int?
    public var personalFen: Int64
    public var subsidyFen: Int64
    public var collectiveFen: Int64
    public var arrived: Bool
    public var arrivedOn: CalendarDate?

    public init(year: Int, kind: ContributionKind, grade: Int?, personalFen: Int64, subsidyFen: Int64, collectiveFen: Int64,
                arrived: Bool, arrivedOn: CalendarDate? = nil) {
        self.year = year
        self.kind = kind
        self.grade = grade
        self.personalFen = personalFen
        self.subsidyFen = subsidyFen
        self.collectiveFen = collectiveFen
        self.arrived = arrived
        self.arrivedOn = arrivedOn
    }
}

/// 待遇: an entitlement in one scheme with its monthly amount and its parts (fen): 基础养老金 (central, provincial,
/// county, 长缴多得), 个人账户养老金, 出口补 by age band, 集体出口补; the dated figures it was computed with; its current
/// status.
public struct EntitlementRecord: Sendable, Equatable {
    public var scheme: InsuranceScheme
    public var county: DivisionCode
    /// The first month paid, `YYYY-MM`.
    public var startMonth: String
    public var monthlyFen: Int64
    public var basicCentralFen: Int64
    public var basicProvincialFen: Int64
    public var basicCountyFen: Int64
    public var basicExtraFen: Int64
    public var accountFen: Int64
    /// 出口补 by age band (supplementary scheme): set by a dated figure, re-rated with it (`MonthlyRerating`).
    public var exitSubsidyFen: Int64
    /// 集体出口补: a village collective's, as the core system or the claim awarded it; never re-rated by a figure.
    public var collectiveExitFen: Int64
    /// The ids of the dated policy figures the amount was computed with (empty when the file names none).
    public var figureIDs: [String]
    public var status: EntitlementStatus
    public var statusDate: CalendarDate
    public var statusReason: String?

    public init(scheme: InsuranceScheme, county: DivisionCode, startMonth: String, monthlyFen: Int64, basicCentralFen: Int64,
                basicProvincialFen: Int64, basicCountyFen: Int64, basicExtraFen: Int64, accountFen: Int64, exitSubsidyFen: Int64,
                collectiveExitFen: Int64, figureIDs: [String], status: EntitlementStatus, statusDate: CalendarDate, statusReason: String? = nil) {
        self.scheme = scheme
        self.county = county
        self.startMonth = startMonth
        self.monthlyFen = monthlyFen
        self.basicCentralFen = basicCentralFen
        self.basicProvincialFen = basicProvincialFen
        self.basicCountyFen = basicCountyFen
        self.basicExtraFen = basicExtraFen
        self.accountFen = accountFen
        self.exitSubsidyFen = exitSubsidyFen
        self.collectiveExitFen = collectiveExitFen
        self.figureIDs = figureIDs
        self.status = status
        self.statusDate = statusDate
        self.statusReason = statusReason
    }

    /// The figure ids as the ledger's `figure_ids` column and the exchange files write them.
    public var figureIDsText: String? { figureIDs.isEmpty ? nil : figureIDs.joined(separator: ";") }

    /// The ids of a `figure_ids` cell or column.
    public static func figureIDs(_ text: String?) -> [String] {
        (text ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
