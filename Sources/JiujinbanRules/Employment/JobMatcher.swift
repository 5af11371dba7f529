/// 学历 as job postings ask for it and job seekers state it, lowest first.
public enum EducationLevel: Int, Sendable, CaseIterable, Comparable, Codable {
    case primary = 1, juniorMiddle, seniorMiddle, college, bachelor, postgraduate

    public var label: String {
        switch self {
        case .primary: "小学"
        case .juniorMiddle: "初中"
        case .seniorMiddle: "高中/中专/技校"
        case .college: "大专"
        case .bachelor: "本科"
        case .postgraduate: "研究生"
        }
    }

    public static func < (lhs: EducationLevel, rhs: EducationLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A fixed job as matching sees it (item 2, 固定工岗位信息推荐).
public struct JobPostingProfile: Sendable, Equatable {
    public let id: String
    /// The occupation's code in the national classification, major and medium group: `4-03`.
    public let occupation: String
    public let occupationName: String
    /// Monthly wage range in fen.
    public let wageMinimumFen: Int
    public let wageMaximumFen: Int
    public let minimumEducation: EducationLevel?
    public let ages: ClosedRange<Int>?
    public let workplace: GeoCoordinate
    /// The division the workplace is in, which a seeker's acceptable places are checked against.
    public let workplaceDivision: DivisionCode?
    public let validUntil: CalendarDate

    public init(id: String, occupation: String, occupationName: String, wageMinimumFen: Int, wageMaximumFen: Int,
                minimumEducation: EducationLevel?, ages: ClosedRange<Int>?, workplace: GeoCoordinate,
                workplaceDivision: DivisionCode? = nil, validUntil: CalendarDate) {
        self.id = id
        self.occupation = occupation
        self.occupationName = occupationName
        self.wageMinimumFen = wageMinimumFen
        self.wageMaximumFen = wageMaximumFen
        self.minimumEducation = minimumEducation
        self.ages = ages
        self.workplace = workplace
        self.workplaceDivision = workplaceDivision
        self.validUntil = validUntil
    }
}

/// A job seeker as matching sees them (item 1's registration).
public struct JobSeekerProfile: Sendable, Equatable {
    /// Wanted occupations (`4-03`); empty means any.
    public let occupations: [String]
    /// Expected monthly wage in fen, if stated.
    public let expectedWageFen: Int?
    /// How far they will travel, in metres, if stated.
    public let maximumDistanceMeters: Int?
    /// The places (a county, a township) they will work in, if stated: a workplace outside all of them is left out.
    public let places: [DivisionCode]
    public let education: EducationLevel
    public let ageYears: Int
    /// Where they live (their village's or community's point, or the division's centre).
    public let residence: GeoCoordinate
    /// The first day they can start (可到岗日期): a posting that closes before it is of no use to them.
    public let availableFrom: CalendarDate?

    public init(occupations: [String], expectedWageFen: Int?, maximumDistanceMeters: Int?, places: [DivisionCode] = [],
                education: EducationLevel, ageYears: Int, residence: GeoCoordinate, availableFrom: CalendarDate? = nil) {
        self.occupations = occupations
        self.expectedWageFen = expectedWageFen
        self.maximumDistanceMeters = maximumDistanceMeters
        self.places = places
        self.education = education
        self.ageYears = ageYears
        self.residence = residence
        self.availableFrom = availableFrom
    }

    /// The first day a posting must still be open on: today, or the day they can start if later.
    public func firstUsefulDay(today: CalendarDate) -> CalendarDate { max(today, availableFrom ?? today) }

    /// Whether a workplace in `division` is in one of the places they accept (any, when they named none).
    public func accepts(workplaceIn division: DivisionCode?) -> Bool {
        guard !places.isEmpty else { return true }
        guard let division else { return false }
        return places.contains { $0.contains(division) }
    }
}

/// 双向匹配: ranks open postings for a seeker. A posting that has expired or closes before the seeker can start, asks
/// for another age or more schooling, lies beyond the seeker's distance or outside the places they accept is left out; the others score out of 100 — occupation 40, distance 30, wage 20,
/// age and education 10 — and every point scored or missed is said in words beside the rank.
public enum JobMatcher {
    public enum Factor: String, Sendable, CaseIterable {
        case occupation, distance, wage, fit
    }

    public struct Reason: Sendable, Equatable {
        public let factor: Factor
        public let points: Int
        public let maximum: Int
        public let text: String
    }

    public struct Match: Sendable, Equatable {
        public let postingID: String
        public let score: Int
        public let distanceMeters: Int
        public let reasons: [Reason]
    }

    /// Distance that still scores: beyond it (or the seeker's own limit, when smaller) a posting scores nothing for
    /// distance.
    public static let distanceHorizonMeters = 50_000

    /// The best `limit` postings for `seeker` on `today`, highest score first; ties by nearer, then by id.
    public static func rank(_ postings: [JobPostingProfile], for seeker: JobSeekerProfile, today: CalendarDate, limit: Int = 20) -> [Match] {
        var matches: [Match] = []
        for posting in postings {
            if let match = match(posting, for: seeker, today: today) { matches.append(match) }
        }
        matches.sort { ($1.score, $0.distanceMeters, $0.postingID) < ($0.score, $1.distanceMeters, $1.postingID) }
        return Array(matches.prefix(limit))
    }

    /// One posting's score and reasons, or nil when a condition leaves it out.
    public static func match(_ posting: JobPostingProfile, for seeker: JobSeekerProfile, today: CalendarDate) -> Match? {
        guard posting.validUntil >= seeker.firstUsefulDay(today: today) else { return nil }
        if let ages = posting.ages, !ages.contains(seeker.ageYears) { return nil }
        if let minimum = posting.minimumEducation, seeker.education < minimum { return nil }
        let distance = Int(seeker.residence.distanceMeters(to: posting.workplace).rounded())
        if let limit = seeker.maximumDistanceMeters, distance > limit { return nil }
        guard seeker.accepts(workplaceIn: posting.workplaceDivision) else { return nil }
        var reasons: [Reason] = []

        let occupation = occupationFit(posting.occupation, wanted: seeker.occupations)
        let occupationText = switch occupation {
        case .any: "未限定求职工种，\(posting.occupationName)可考虑"
        case .same: "职业对口：\(posting.occupationName)"
        case .sameMajorGroup: "职业相近：\(posting.occupationName)与求职工种同属一大类"
        case .other: "职业不对口：\(posting.occupationName)"
        }
        reasons.append(Reason(factor: .occupation, points: occupation.points, maximum: 40, text: occupationText))

        reasons.append(Reason(factor: .distance, points: distancePoints(distance, seekerLimit: seeker.maximumDistanceMeters), maximum: 30,
                              text: "工作地距居住地约\(MonthlyReportTable.kilometres(distance))"
                                  + (seeker.maximumDistanceMeters.map { "（可接受\(MonthlyReportTable.kilometres($0))以内）" } ?? "")
                                  + (seeker.places.isEmpty ? "" : "，在可接受的工作地点内")))

        let range = "月薪\(yuan(posting.wageMinimumFen))–\(yuan(posting.wageMaximumFen))元"
        let wage = wagePoints(minimum: posting.wageMinimumFen, maximum: posting.wageMaximumFen, expected: seeker.expectedWageFen)
        let wageText: String
        if let expected = seeker.expectedWageFen {
            wageText = switch wage {
            case 20: "\(range)，不低于期望的\(yuan(expected))元"
            case 15: "\(range)，可达到期望的\(yuan(expected))元"
            case 5: "\(range)，略低于期望的\(yuan(expected))元"
            default: "\(range)，低于期望的\(yuan(expected))元"
            }
        } else {
            wageText = "\(range)（未填期望薪资）"
        }
        reasons.append(Reason(factor: .wage, points: wage, maximum: 20, text: wageText))

        let requirements = [posting.ages.map { "年龄\($0.lowerBound)–\($0.upperBound)岁" }, posting.minimumEducation.map { "\($0.label)及以上" }]
            .compactMap { $0 }
        reasons.append(Reason(factor: .fit, points: fitPoints, maximum: 10,
                              text: requirements.isEmpty ? "岗位不限年龄和学历" : "符合岗位要求：" + requirements.joined(separator: "，")))
        return Match(postingID: posting.id, score: reasons.reduce(0) { $0 + $1.points }, distanceMeters: distance, reasons: reasons)
    }

    // MARK: The points, shared by `match` and the market's fast scan

    public enum OccupationFit: Sendable {
        case any, same, sameMajorGroup, other

        public var points: Int {
            switch self {
            case .same: 40
            case .any, .sameMajorGroup: 20
            case .other: 0
            }
        }
    }

    /// A wanted major group (`6`) takes every occupation in it as its own; a wanted medium group (`6-29`) takes its
    /// major group's others as near.
    public static func occupationFit(_ occupation: String, wanted: [String]) -> OccupationFit {
        if wanted.isEmpty { return .any }
        let major = Occupation.major(of: occupation)
        if wanted.contains(occupation) || wanted.contains(major) { return .same }
        return wanted.contains { Occupation.major(of: $0) == major } ? .sameMajorGroup : .other
    }

    /// 30 at the seeker's door, falling linearly to 0 at the horizon (50 km, or the seeker's own limit when smaller).
    public static func distancePoints(_ distance: Int, seekerLimit: Int?) -> Int {
        let horizon = min(distanceHorizonMeters, seekerLimit ?? distanceHorizonMeters)
        return distance >= horizon ? 0 : Int((30 * Double(horizon - distance) / Double(horizon)).rounded())
    }

    /// 20 when the range starts at or above the expectation, 15 when it reaches it, 5 when its top is within 80 %,
    /// otherwise 0; 10 when the seeker stated no expectation.
    public static func wagePoints(minimum: Int, maximum: Int, expected: Int?) -> Int {
        guard let expected else { return 10 }
        if minimum >= expected { return 20 }
        if maximum >= expected { return 15 }
        if maximum * 10 >= expected * 8 { return 5 }
        return 0
    }

    /// A posting left in the ranking meets its age and education requirements.
    public static let fitPoints = 10

    /// Whole yuan of a wage in fen (wages are set in whole yuan; fen are dropped): 350000 → `3500`.
    static func yuan(_ fen: Int) -> String { String(fen / 100) }
}
