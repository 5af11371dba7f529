/// 固定工求职登记 (item 1): what a villager wants, entered at the counter in two minutes. Field names:
/// `occupations` (up to three codes), `expected_wage` (元 per month), `max_distance_km`, `places` (up to three
/// acceptable workplaces: the city, a county or a township), `education`, `skills`, `available_from`.
public struct JobSeekerDraft: Sendable, Equatable {
    public var occupations: [String]
    public var expectedWage: String?
    public var maximumDistanceKm: String?
    public var places: [String]
    public var education: String?
    public var skills: String?
    public var availableFrom: String?

    public init(occupations: [String] = [], expectedWage: String? = nil, maximumDistanceKm: String? = nil, places: [String] = [],
                education: String? = nil, skills: String? = nil, availableFrom: String? = nil) {
        self.occupations = occupations
        self.expectedWage = expectedWage
        self.maximumDistanceKm = maximumDistanceKm
        self.places = places
        self.education = education
        self.skills = skills
        self.availableFrom = availableFrom
    }

    public struct Facts: Sendable, Equatable {
        public let occupations: [String]
        public let expectedWageFen: Int?
        public let maximumDistanceMeters: Int?
        public let places: [DivisionCode]
        public let education: EducationLevel
        public let skills: String?
        public let availableFrom: CalendarDate
    }

    public static let maximumOccupations = 3
    public static let maximumPlaces = 3

    /// - Parameters:
    ///   - born: the person's birth date (from the ID number); registration is for working age only.
    ///   - places: the workplaces the form offered (the city, its counties, the county's townships), by code.
    public func validate(today: CalendarDate, born: CalendarDate, group: StatutoryRetirement.Group,
                         occupations known: Set<String>, places offered: Set<String> = []) -> Result<Facts, FieldErrors> {
        var errors = FieldErrors()
        var wanted: [String] = []
        for code in occupations.map({ TextField.clean($0) }) where !code.isEmpty && !wanted.contains(code) {
            if known.contains(code) { wanted.append(code) } else { errors.add("occupations", "职业代码“\(code)”不在职业分类中，请从列表中选择") }
        }
        if wanted.count > Self.maximumOccupations { errors.add("occupations", "求职工种最多选\(Self.maximumOccupations)个（现为\(wanted.count)个）") }

        var wage: Int?
        let wageText = TextField.clean(expectedWage)
        if !wageText.isEmpty {
            switch FixedPoint.parse(wageText, fractionDigits: 2) {
            case .success(let fen) where fen <= 100_000_000: wage = fen
            case .success: errors.add("expected_wage", "期望月薪不能超过1000000元")
            case .failure(.negative): errors.add("expected_wage", "期望月薪不能为负数")
            case .failure: errors.add("expected_wage", "期望月薪应为数字（元/月），如3000")
            }
        }

        var distance: Int?
        let distanceText = TextField.clean(maximumDistanceKm)
        if !distanceText.isEmpty {
            switch FixedPoint.parse(distanceText, fractionDigits: 1) {
            case .success(let tenths) where tenths > 0 && tenths <= 5_000: distance = tenths * 100
            default: errors.add("max_distance_km", "可接受的通勤距离应为0.1至500公里")
            }
        }

        var accepted: [DivisionCode] = []
        for code in places.map({ TextField.clean($0) }) where !code.isEmpty && !accepted.contains(where: { $0.value == code }) {
            if offered.contains(code), let place = try? DivisionCode(code) { accepted.append(place) }
            else { errors.add("places", "可接受的工作地点“\(code)”不在可选范围内，请从列表中选择") }
        }
        if accepted.count > Self.maximumPlaces { errors.add("places", "可接受的工作地点最多选\(Self.maximumPlaces)个（现为\(accepted.count)个）") }

        let educationText = TextField.clean(self.education)
        let education = Int(educationText).flatMap(EducationLevel.init(rawValue:))
        if educationText.isEmpty { errors.add("education", "请选择学历") }
        else if education == nil { errors.add("education", "请从列表中选择学历") }

        let skills = ProblemReportDraft.multiline(self.skills, field: "skills", label: "技能和证书", maxLength: 200, required: false, into: &errors)

        var available = today
        let availableText = TextField.clean(availableFrom)
        if !availableText.isEmpty {
            if let date = CalendarDate(iso: availableText) {
                if date > today.adding(days: 366) { errors.add("available_from", "可到岗日期应在一年以内") } else { available = max(date, today) }
            } else {
                errors.add("available_from", "可到岗日期应为有效日期，如\(today)")
            }
        }

        if !StatutoryRetirement.isWorkingAge(group, born: born, on: today) {
            errors.add("citizen", today < StatutoryRetirement.date(group, born: born) ? "求职登记面向年满16周岁的劳动者" : "已达到法定退休年龄，不能办理求职登记")
        }
        guard errors.isEmpty, let education else { return .failure(errors) }
        return .success(Facts(occupations: wanted, expectedWageFen: wage, maximumDistanceMeters: distance, places: accepted,
                              education: education, skills: skills.isEmpty ? nil : skills, availableFrom: available))
    }
}
