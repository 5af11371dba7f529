/// 待遇申领的条件: the basic claim (item 34) and the supplementary claim (item 35).
///
/// Item 34 (mission documents, 城乡居民基本养老保险待遇申领): "参加我省城乡居民基本养老保险、年满60周岁，累计缴费满15年且
/// 未领取其他基本养老保险待遇的可提出待遇领取申请"; the years are the national rule's (`ContributionPeriod`, 国发〔2014〕8号),
/// not a flat 15. Item 35 (城乡居民补充养老保险待遇申领): "年满65周岁且已享受我省城乡居民基本养老保险待遇", with the
/// Shanxi regulation's 15 contribution years (policy-figures.md; back payment lets people near 65 reach them).
public enum PensionClaim {
    /// What the ledger says about the person on the day of the claim.
    public struct Facts: Sendable, Equatable {
        public var born: CalendarDate
        /// Enrolled in the scheme claimed (an enrolment suspended for a reason other than death still counts).
        public var enrolled: Bool
        /// Contribution years credited in the scheme claimed (paid and arrived, normal and back-paid).
        public var paidYears: Int
        /// Other basic pensions the person draws (职工 / 机关事业单位).
        public var drawsOther: Set<OtherPension>
        /// Already drawing this scheme's benefit: a second claim is refused.
        public var alreadyDrawing: Bool
        /// Drawing the resident basic pension (for the supplementary claim).
        public var drawsBasic: Bool

        public init(born: CalendarDate, enrolled: Bool = true, paidYears: Int, drawsOther: Set<OtherPension> = [],
                    alreadyDrawing: Bool = false, drawsBasic: Bool = false) {
            self.born = born
            self.enrolled = enrolled
            self.paidYears = paidYears
            self.drawsOther = drawsOther
            self.alreadyDrawing = alreadyDrawing
            self.drawsBasic = drawsBasic
        }
    }

    /// Item 34 on `date`: every unmet condition, or none. `schemeStart` is the start of the scheme the enrolment names.
    public static func checkBasic(_ facts: Facts, schemeStart: CalendarDate, on date: CalendarDate) -> [PensionRefusal] {
        var refusals: [PensionRefusal] = []
        if !facts.enrolled { refusals.append(.notEnrolledInBasic) }
        let sixty = PensionAge.birthday(PensionScheme.residentBasic.drawingAge, born: facts.born)
        if date < sixty { refusals.append(.underDrawingAge(.residentBasic, reachesOn: sixty)) }
        refusals += OtherPension.allCases.filter(facts.drawsOther.contains).map(PensionRefusal.drawsOtherPension)
        if facts.alreadyDrawing { refusals.append(.alreadyDrawing(.residentBasic)) }
        let required = ContributionPeriod(scheme: .residentBasic, born: facts.born, schemeStart: schemeStart).requiredYears
        if facts.paidYears < required { refusals.append(.yearsShort(.residentBasic, required: required, paid: facts.paidYears)) }
        return refusals
    }

    /// Item 35 on `date`: 65 or older, 15 years in the supplementary scheme, and drawing the basic pension.
    public static func checkSupplementary(_ facts: Facts, on date: CalendarDate) -> [PensionRefusal] {
        var refusals: [PensionRefusal] = []
        if !facts.enrolled { refusals.append(.notEnrolledInSupplementary) }
        let sixtyFive = PensionAge.birthday(PensionScheme.residentSupplementary.drawingAge, born: facts.born)
        if date < sixtyFive { refusals.append(.underDrawingAge(.residentSupplementary, reachesOn: sixtyFive)) }
        if !facts.drawsBasic { refusals.append(.notDrawingBasic) }
        if facts.alreadyDrawing { refusals.append(.alreadyDrawing(.residentSupplementary)) }
        let required = PensionScheme.fullContributionYears
        if facts.paidYears < required { refusals.append(.yearsShort(.residentSupplementary, required: required, paid: facts.paidYears)) }
        return refusals
    }
}
