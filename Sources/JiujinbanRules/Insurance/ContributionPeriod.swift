/// 应缴费年限: how many contribution years a person owes, by 国发〔2014〕8号 (domain-rules §4) as item 34 applies it,
/// counted from the start date of the scheme the person's enrolment names (新农保 or 城居保 of the county, or the
/// supplementary scheme's 2021-01-01; passed in as a dated figure).
///
/// The rule: already at the drawing age on the scheme's start day → none; fewer than 15 years to the drawing age
/// then → every year from the start (back payment allowed up to 15 in all); otherwise 15.
///
/// Convention, stated because the documents count "years to 60" without saying how: the years to the drawing age
/// are counted from the start day to the drawing-age birthday and rounded up, which is the drawing age minus the age
/// in completed years on the start day. So someone who turns 60 the day after the start owes 1 year, someone who
/// turns 60 on the start day owes none, and a 29 February birthday falls on 1 March in a common year (as
/// `PensionAge` counts). Contribution years are calendar years: the owed years are the start's year and the years
/// after it, one per year owed.
public struct ContributionPeriod: Sendable, Equatable {
    public let scheme: PensionScheme
    /// The age in completed years on the scheme's start day.
    public let ageAtStart: Int
    /// The whole years (rounded up) from the start day to the drawing-age birthday; 0 when already of age.
    public let yearsToDrawingAgeAtStart: Int
    /// The contribution years the person must have to draw: 0, the years to the drawing age, or 15.
    public let requiredYears: Int
    /// The calendar year of the scheme's start.
    public let startYear: Int

    public init(scheme: PensionScheme, born: CalendarDate, schemeStart: CalendarDate) {
        self.scheme = scheme
        ageAtStart = PensionAge.age(born: born, on: schemeStart)
        yearsToDrawingAgeAtStart = max(0, scheme.drawingAge - ageAtStart)
        requiredYears = min(PensionScheme.fullContributionYears, yearsToDrawingAgeAtStart)
        startYear = schemeStart.year
        // Exactly 15 years to the drawing age (the start on the 45th birthday) is not "fewer than 15"; a day less is,
        // though both round up to 15 years.
        isNearDrawingAgeAtStart = schemeStart > PensionAge.birthday(scheme.drawingAge - PensionScheme.fullContributionYears, born: born)
    }

    /// 制度实施时距规定领取年龄不足15年: the start came after the day the person was 15 years from the drawing age
    /// (the 45th birthday for the basic scheme); the near-age rule then applies (back payment situations ① and ③;
    /// at most 15 years in all). Someone already of age at the start is 0 years from it, so this holds too: the
    /// Shanxi supplementary regulation lets people past 65 back-pay up to 15 years in one sum.
    public let isNearDrawingAgeAtStart: Bool

    /// The calendar years in which the person may contribute normally: from the start's year, one per whole year
    /// to the drawing age at the start (`startYear + yearsToDrawingAgeAtStart - 1` is the last).
    public var contributionYears: ClosedRange<Int>? {
        yearsToDrawingAgeAtStart > 0 ? startYear...(startYear + yearsToDrawingAgeAtStart - 1) : nil
    }

    /// The years a near-age person owes: every year from the start, `requiredYears` of them (nil when none are owed).
    public var owedYears: ClosedRange<Int>? {
        requiredYears > 0 ? startYear...(startYear + requiredYears - 1) : nil
    }
}
