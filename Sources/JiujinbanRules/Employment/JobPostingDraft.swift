/// 用人单位岗位发布 (items 1–3): one posting as the employer's form sends it. Field names: `occupation`, `headcount`,
/// `wage_min`, `wage_max` (元 per month), `education`, `age_min`, `age_max`, `workplace`, `address`, `hours`,
/// `valid_until`. Every problem is named by its field; nothing is stored unless all are right.
public struct JobPostingDraft: Sendable, Equatable {
    public var occupation: String?
    public var headcount: String?
    public var wageMinimum: String?
    public var wageMaximum: String?
    public var education: String?
    public var ageMinimum: String?
    public var ageMaximum: String?
    public var workplace: String?
    public var address: String?
    public var hours: String?
    public var validUntil: String?

    public init(occupation: String? = nil, headcount: String? = nil, wageMinimum: String? = nil, wageMaximum: String? = nil,
                education: String? = nil, ageMinimum: String? = nil, ageMaximum: String? = nil, workplace: String? = nil,
                address: String? = nil, hours: String? = nil, validUntil: String? = nil) {
        self.occupation = occupation
        self.headcount = headcount
        self.wageMinimum = wageMinimum
        self.wageMaximum = wageMaximum
        self.education = education
        self.ageMinimum = ageMinimum
        self.ageMaximum = ageMaximum
        self.workplace = workplace
        self.address = address
        self.hours = hours
        self.validUntil = validUntil
    }

    public struct Facts: Sendable, Equatable {
        public let occupation: String
        public let headcount: Int
        public let wageMinimumFen: Int
        public let wageMaximumFen: Int
        public let minimumEducation: EducationLevel?
        public let ages: ClosedRange<Int>?
        public let workplace: DivisionCode
        public let address: String
        public let hours: String?
        public let validUntil: CalendarDate
    }

    /// The most people one posting recruits, and the longest a posting stays open.
    public static let maximumHeadcount = 9_999
    public static let longestOpenDays = 366

    /// - Parameters:
    ///   - occupations: the occupation codes the platform knows (the national classification's groups).
    ///   - within: the division the workplace must lie in (the employer's county, or the province).
    public func validate(today: CalendarDate, occupations: Set<String>, within scope: DivisionCode) -> Result<Facts, FieldErrors> {
        var errors = FieldErrors()
        let occupation = TextField.clean(self.occupation)
        if occupation.isEmpty { errors.add("occupation", "请选择招聘职业（工种）") }
        else if !occupations.contains(occupation) { errors.add("occupation", "职业代码“\(occupation)”不在职业分类中，请从列表中选择") }

        let headcount = Self.headcount(self.headcount, label: "招聘人数", maximum: Self.maximumHeadcount, into: &errors)

        let low = Self.wage(wageMinimum, field: "wage_min", label: "月薪下限", into: &errors)
        let high = Self.wage(wageMaximum, field: "wage_max", label: "月薪上限", into: &errors)
        if let low, let high, low > high { errors.add("wage_max", "月薪上限不能低于下限（下限\(low / 100)元）") }

        var education: EducationLevel?
        let educationText = TextField.clean(self.education)
        if !educationText.isEmpty {
            education = Int(educationText).flatMap(EducationLevel.init(rawValue:))
            if education == nil { errors.add("education", "请从列表中选择学历要求") }
        }

        let youngest = Self.age(ageMinimum, field: "age_min", label: "年龄下限", into: &errors)
        let oldest = Self.age(ageMaximum, field: "age_max", label: "年龄上限", into: &errors)
        var ages: ClosedRange<Int>?
        if let youngest, let oldest {
            if youngest > oldest { errors.add("age_max", "年龄上限不能低于下限（\(youngest)岁）") } else { ages = youngest...oldest }
        } else if youngest != nil || oldest != nil {
            ages = (youngest ?? 16)...(oldest ?? StatutoryRetirement.highestAgeYears)
        }

        let place = TextField.clean(workplace)
        let workplace = try? DivisionCode(place)
        if place.isEmpty { errors.add("workplace", "请选择工作地点所在区划") }
        else if workplace == nil || !scope.contains(workplace!) { errors.add("workplace", "工作地点应在本辖区内") }
        let address = TextField.required(self.address, field: "address", label: "工作地址", maxLength: 100, into: &errors)
        let hours = TextField.optional(self.hours, field: "hours", label: "工作时间", maxLength: 50, into: &errors)

        let untilText = TextField.clean(validUntil)
        let until = CalendarDate(iso: untilText)
        if untilText.isEmpty { errors.add("valid_until", "请填写岗位有效期") }
        else if until == nil { errors.add("valid_until", "岗位有效期应为有效日期，如\(today)") }
        else if let until, until < today { errors.add("valid_until", "岗位有效期不能早于今天（\(today)）") }
        else if let until, until > today.adding(days: Self.longestOpenDays) { errors.add("valid_until", "岗位有效期最长一年，请在到期后重新发布") }

        guard errors.isEmpty, let headcount, let low, let high, let workplace, let until else { return .failure(errors) }
        return .success(Facts(occupation: occupation, headcount: headcount, wageMinimumFen: low, wageMaximumFen: high,
                              minimumEducation: education, ages: ages, workplace: workplace, address: address, hours: hours,
                              validUntil: until))
    }

    /// A monthly wage in 元 (up to two decimals) as fen; at most 1,000,000 元.
    static func wage(_ raw: String?, field: String, label: String, into errors: inout FieldErrors) -> Int? {
        let text = TextField.clean(raw)
        guard !text.isEmpty else {
            errors.add(field, "请填写\(label)（元/月）")
            return nil
        }
        switch FixedPoint.parse(text, fractionDigits: 2) {
        case .success(let fen) where fen <= 100_000_000: return fen
        case .success: errors.add(field, "\(label)不能超过1000000元")
        case .failure(.negative): errors.add(field, "\(label)不能为负数")
        case .failure(.tooManyDecimals): errors.add(field, "\(label)最多保留两位小数")
        case .failure(.unreadable): errors.add(field, "\(label)应为数字（元/月），如3500")
        }
        return nil
    }

    /// How many people a posting or a gig asks for (field `headcount`): a whole number from 1 to `maximum`.
    static func headcount(_ raw: String?, label: String, maximum: Int, into errors: inout FieldErrors) -> Int? {
        let text = TextField.clean(raw)
        let count = Int(String(TypedInput.halfWidthWithoutSpaces(text)))
        if text.isEmpty { errors.add("headcount", "请填写\(label)") }
        else if let count, (1...maximum).contains(count) { return count }
        else if count == 0 { errors.add("headcount", "\(label)应至少为1人") }
        else { errors.add("headcount", "\(label)应为1至\(maximum)的整数") }
        return nil
    }

    /// An optional age bound in whole years within working age (16 to the highest statutory retirement age).
    static func age(_ raw: String?, field: String, label: String, into errors: inout FieldErrors) -> Int? {
        let text = TextField.clean(raw)
        guard !text.isEmpty else { return nil }
        guard let years = Int(String(TypedInput.halfWidthWithoutSpaces(text))),
              (16...StatutoryRetirement.highestAgeYears).contains(years) else {
            errors.add(field, "\(label)应在16至\(StatutoryRetirement.highestAgeYears)周岁之间（劳动年龄）")
            return nil
        }
        return years
    }
}
