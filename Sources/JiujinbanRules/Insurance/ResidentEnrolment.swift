/// 参保登记: who may enrol in the resident basic scheme (item 28) and in Shanxi's supplementary scheme (item 29).
///
/// Item 28 (mission documents, 城乡居民基本养老保险参保登记): "年满16周岁(不含在校学生)、未参加城乡居民基本养老保险和
/// 其他基本养老保险的我省城乡居民在户籍所在地办理"; domain-rules §4 names the other schemes (the employee pension and the
/// civil-service pension). Item 29 (城乡居民补充养老保险参保登记): "参加我省城乡居民基本养老保险且未满65周岁的人员可在户籍
/// 所在地办理". Every fact is a plain value the caller reads from the ledger and the documents checked at the counter;
/// the grades are the dated figures in force, passed in.
public enum ResidentEnrolment {
    /// What the counter knows about the person on the day of enrolment.
    public struct Facts: Sendable, Equatable {
        /// From the ID number (`ResidentIDNumber.birthDate`).
        public var born: CalendarDate
        /// 在校学生 (full-time), as declared and checked.
        public var isFullTimeStudent: Bool
        /// Other basic pension coverage in the ledger or declared (职工 / 机关事业单位).
        public var otherCoverage: Set<OtherPension>
        /// An active or suspended enrolment in the resident basic scheme (a suspended one is still an enrolment).
        public var enrolledInBasic: Bool
        /// Whether the basic enrolment is active (paying), for the supplementary scheme.
        public var basicEnrolmentActive: Bool
        public var enrolledInSupplementary: Bool
        /// County code of the household registration (户口本), and of the enrolling service point.
        public var hukouCounty: String
        public var pointCounty: String

        public init(born: CalendarDate, isFullTimeStudent: Bool = false, otherCoverage: Set<OtherPension> = [],
                    enrolledInBasic: Bool = false, basicEnrolmentActive: Bool = false, enrolledInSupplementary: Bool = false,
                    hukouCounty: String, pointCounty: String) {
            self.born = born
            self.isFullTimeStudent = isFullTimeStudent
            self.otherCoverage = otherCoverage
            self.enrolledInBasic = enrolledInBasic
            self.basicEnrolmentActive = basicEnrolmentActive
            self.enrolledInSupplementary = enrolledInSupplementary
            self.hukouCounty = hukouCounty
            self.pointCounty = pointCounty
        }
    }

    /// Item 28: every unmet condition on `date`, or none. `gradeFen` must be a basic-scheme grade in force that day.
    public static func checkBasic(_ facts: Facts, gradeFen: Int, grades: [ContributionGrade], on date: CalendarDate) -> [PensionRefusal] {
        var refusals: [PensionRefusal] = []
        let sixteen = PensionAge.birthday(16, born: facts.born)
        if date < sixteen { refusals.append(.underSixteen(turnsSixteenOn: sixteen)) }
        if facts.isFullTimeStudent { refusals.append(.fullTimeStudent) }
        refusals += OtherPension.allCases.filter(facts.otherCoverage.contains).map(PensionRefusal.coveredBy)
        if facts.enrolledInBasic { refusals.append(.alreadyEnrolled(.residentBasic)) }
        refusals += placeAndGrade(facts, gradeFen: gradeFen, grades: grades, on: date)
        return refusals
    }

    /// Item 29: enrolled and paying in the basic scheme, under 65 on `date`, not enrolled yet, at the place of
    /// household registration, with a supplementary grade in force.
    public static func checkSupplementary(_ facts: Facts, gradeFen: Int, grades: [ContributionGrade], on date: CalendarDate) -> [PensionRefusal] {
        var refusals: [PensionRefusal] = []
        if !facts.enrolledInBasic || !facts.basicEnrolmentActive { refusals.append(.notEnrolledInBasic) }
        let sixtyFive = PensionAge.birthday(65, born: facts.born)
        if date >= sixtyFive { refusals.append(.sixtyFiveOrOlder(turnedOn: sixtyFive)) }
        if facts.enrolledInSupplementary { refusals.append(.alreadyEnrolled(.residentSupplementary)) }
        refusals += placeAndGrade(facts, gradeFen: gradeFen, grades: grades, on: date)
        return refusals
    }

    private static func placeAndGrade(_ facts: Facts, gradeFen: Int, grades: [ContributionGrade], on date: CalendarDate) -> [PensionRefusal] {
        var refusals: [PensionRefusal] = []
        if facts.hukouCounty != facts.pointCounty {
            refusals.append(.notAtHukouPlace(hukouCounty: facts.hukouCounty, pointCounty: facts.pointCounty))
        }
        if case .failure(let refusal) = ContributionGrade.chosen(gradeFen, among: grades, on: date) { refusals.append(refusal) }
        return refusals
    }
}
