/// 补缴申报 (item 32): which years a person may back-pay, in the three situations of the catalogue text (mission
/// documents, 城乡居民养老保险补缴申报):
/// ① "基本险参保人员在新农保或城居保制度实施时，距60周岁规定领取年龄不足15年的；补充险参保人员在补充险制度实施时，距65周岁
///    规定领取年龄不足15年的"; ② "参保后有缴费中断的"; ③ "制度实施时距规定领取年龄不足15年，已逐年缴费，同时有补足15年意愿的
///    (补缴部分不享受缴费补贴)".
///
/// How this reads them (the text lists who, not which years), with `ContributionPeriod`'s counting:
/// - ① the years owed since the scheme's start (`ContributionPeriod.owedYears`) that are unpaid;
/// - ② the contribution years from the enrolment's year (not before the start) that are unpaid;
/// - ③ once every owed year before this one is paid, the years just before the start's year that top the owed
///   years up to 15 (`15 - requiredYears` of them), without subsidy;
/// - never the current year (it is paid as a normal contribution) nor a year after it; near-age people never
///   exceed 15 years in all (国发〔2014〕8号: "累计缴费不超过15年").
/// The supplementary scheme gives no subsidy on any back payment (policy-figures.md, the Shanxi regulation).
public enum BackPayment {
    public enum Situation: String, Sendable, CaseIterable, Codable {
        /// ① near the drawing age at the scheme's start.
        case nearDrawingAgeAtStart
        /// ② a gap in contributions after enrolling.
        case gapAfterEnrolment
        /// ③ near-age, paid every year since, topping up to 15.
        case topUpToFifteen

        public var mark: String {
            switch self {
            case .nearDrawingAgeAtStart: "①"
            case .gapAfterEnrolment: "②"
            case .topUpToFifteen: "③"
            }
        }

        public var chinese: String {
            switch self {
            case .nearDrawingAgeAtStart: "①制度实施时距领取年龄不足15年"
            case .gapAfterEnrolment: "②参保后缴费中断"
            case .topUpToFifteen: "③已逐年缴费，补足15年"
            }
        }
    }

    /// What the ledger says about the person in one scheme.
    public struct Person: Sendable, Equatable {
        public var scheme: PensionScheme
        public var born: CalendarDate
        /// The start of the scheme the enrolment names (新农保 / 城居保 of the county; the supplementary scheme's).
        public var schemeStart: CalendarDate
        /// The enrolment day, or nil when the person is not enrolled in `scheme`.
        public var enrolledOn: CalendarDate?
        /// The contribution years already paid in `scheme` (normal and back-paid).
        public var paidYears: Set<Int>

        public init(scheme: PensionScheme, born: CalendarDate, schemeStart: CalendarDate, enrolledOn: CalendarDate?, paidYears: Set<Int>) {
            self.scheme = scheme
            self.born = born
            self.schemeStart = schemeStart
            self.enrolledOn = enrolledOn
            self.paidYears = paidYears
        }

        public var period: ContributionPeriod { ContributionPeriod(scheme: scheme, born: born, schemeStart: schemeStart) }
    }

    /// The years one situation allows, oldest first, and whether they earn the grade's subsidy.
    public struct Window: Sendable, Equatable {
        public let situation: Situation
        public let years: [Int]
        public let subsidised: Bool
    }

    /// The situations that apply to the person on `today`, each with the years it allows (none listed when a
    /// situation applies but no year is left).
    public static func windows(_ person: Person, today: CalendarDate) -> [Window] {
        guard person.enrolledOn != nil else { return [] }
        let period = person.period
        let lastPast = today.year - 1
        func unpaid(_ years: ClosedRange<Int>?) -> [Int] {
            guard let years else { return [] }
            return years.filter { $0 <= lastPast && !person.paidYears.contains($0) }
        }
        let subsidised = person.scheme == .residentBasic
        var windows: [Window] = []
        if period.isNearDrawingAgeAtStart {
            windows.append(Window(situation: .nearDrawingAgeAtStart, years: unpaid(period.owedYears), subsidised: subsidised))
        }
        if let gap = gapYears(person) {
            windows.append(Window(situation: .gapAfterEnrolment, years: unpaid(gap), subsidised: subsidised))
        }
        if period.isNearDrawingAgeAtStart, firstUnpaidOwedYear(person, today: today) == nil {
            windows.append(Window(situation: .topUpToFifteen, years: unpaid(topUpYears(period)), subsidised: false))
        }
        return windows
    }

    /// ②'s span: the contribution years from the enrolment's year (or the start's, if later).
    static func gapYears(_ person: Person) -> ClosedRange<Int>? {
        guard let enrolled = person.enrolledOn, let years = person.period.contributionYears else { return nil }
        let first = max(enrolled.year, years.lowerBound)
        return first <= years.upperBound ? first...years.upperBound : nil
    }

    /// ③'s span: the `15 - requiredYears` years just before the start's year.
    static func topUpYears(_ period: ContributionPeriod) -> ClosedRange<Int>? {
        let count = PensionScheme.fullContributionYears - period.requiredYears
        return count > 0 ? (period.startYear - count)...(period.startYear - 1) : nil
    }

    /// The first owed year before `today`'s year that is unpaid: ③ waits until there is none.
    static func firstUnpaidOwedYear(_ person: Person, today: CalendarDate) -> Int? {
        person.period.owedYears?.first { $0 < today.year && !person.paidYears.contains($0) }
    }
}
