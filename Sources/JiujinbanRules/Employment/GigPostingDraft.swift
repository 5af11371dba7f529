/// 零工技能: the gig skills a county keeps (its business admin adds local ones); these are every county's start.
public enum GigSkill {
    public static let defaults: [(code: String, name: String)] = [
        ("housekeeping", "家政保洁"), ("bricklaying", "建筑瓦工"), ("harvest", "农业采摘"), ("loading", "装卸搬运"),
        ("kitchen", "餐饮帮厨"), ("plumbing", "水电维修"),
    ]

    public static func isDefault(_ code: String) -> Bool { defaults.contains { $0.code == code } }

    /// What matching compares: a province-wide skill is the same in every county; a county's own skill (`local1`) is
    /// numbered by that county, so another county's `local1` is another skill, and the county is part of its key.
    public static func matchKey(_ code: String, county: String) -> String { isDefault(code) ? code : "\(county)/\(code)" }

    /// The refusal when a form still sends a skill the county has retired since the form was drawn.
    public static func retiredMessage(_ name: String) -> String { "零工技能“\(name)”已停用，请从列表中选择其他技能" }
}

/// 招聘零工登记 (item 7): a gig as an individual or a unit posts it. Field names: `skill`, `content`, `place`,
/// `address`, `start_on`, `end_on`, `headcount`, `day_wage` (元 per day), `contact_phone`.
public struct GigPostingDraft: Sendable, Equatable {
    public var skill: String?
    public var content: String?
    public var place: String?
    public var address: String?
    public var startOn: String?
    public var endOn: String?
    public var headcount: String?
    public var dayWage: String?
    public var contactPhone: String?

    public init(skill: String? = nil, content: String? = nil, place: String? = nil, address: String? = nil, startOn: String? = nil,
                endOn: String? = nil, headcount: String? = nil, dayWage: String? = nil, contactPhone: String? = nil) {
        self.skill = skill
        self.content = content
        self.place = place
        self.address = address
        self.startOn = startOn
        self.endOn = endOn
        self.headcount = headcount
        self.dayWage = dayWage
        self.contactPhone = contactPhone
    }

    public struct Facts: Sendable, Equatable {
        public let skill: String
        public let content: String
        public let place: DivisionCode
        public let address: String
        public let days: ClosedRange<CalendarDate>
        public let headcount: Int
        public let dayWageFen: Int
        public let contactPhone: MobilePhoneNumber
    }

    public static let maximumHeadcount = 999
    /// A gig is short work: at most this many days from its first to its last.
    public static let longestDays = 90

    /// `retired` names the county's retired skills by code: one still sent is refused by its name.
    public func validate(today: CalendarDate, skills: Set<String>, retired: [String: String] = [:], within scope: DivisionCode)
        -> Result<Facts, FieldErrors>
    {
        var errors = FieldErrors()
        let skill = TextField.clean(self.skill)
        if skill.isEmpty { errors.add("skill", "请选择零工技能") }
        else if let name = retired[skill] { errors.add("skill", GigSkill.retiredMessage(name)) }
        else if !skills.contains(skill) { errors.add("skill", "零工技能“\(skill)”不在本县的技能列表中，请从列表中选择") }
        let content = TextField.required(self.content, field: "content", label: "工作内容", maxLength: 200, into: &errors)
        let placeText = TextField.clean(place)
        let place = try? DivisionCode(placeText)
        if placeText.isEmpty { errors.add("place", "请选择用工地点所在区划") }
        else if place == nil || !scope.contains(place!) { errors.add("place", "用工地点应在本辖区内") }
        let address = TextField.required(self.address, field: "address", label: "用工地址", maxLength: 100, into: &errors)

        let start = Self.date(startOn, field: "start_on", label: "开始日期", today: today, into: &errors)
        let end = Self.date(endOn, field: "end_on", label: "结束日期", today: today, into: &errors)
        if let start, start < today { errors.add("start_on", "开始日期不能早于今天（\(today)）") }
        if let start, let end {
            if end < start { errors.add("end_on", "结束日期不能早于开始日期（\(start)）") }
            else if end.dayNumber - start.dayNumber + 1 > Self.longestDays { errors.add("end_on", "零工用工期最长\(Self.longestDays)天，更长的请按固定工岗位发布") }
        }

        let headcount = JobPostingDraft.headcount(self.headcount, label: "招用人数", maximum: Self.maximumHeadcount, into: &errors)

        var wage: Int?
        let wageText = TextField.clean(dayWage)
        if wageText.isEmpty { errors.add("day_wage", "请填写日工资（元/天）") }
        else {
            switch FixedPoint.parse(wageText, fractionDigits: 2) {
            case .success(let fen) where fen > 0 && fen <= 1_000_000: wage = fen
            case .success(0): errors.add("day_wage", "日工资应大于0元")
            case .success: errors.add("day_wage", "日工资不能超过10000元")
            case .failure(.negative): errors.add("day_wage", "日工资不能为负数")
            case .failure: errors.add("day_wage", "日工资应为数字（元/天），如150")
            }
        }

        var phone: MobilePhoneNumber?
        switch MobilePhoneNumber.parse(contactPhone ?? "") {
        case .success(let value): phone = value
        case .failure(let problem): errors.add("contact_phone", "联系电话：" + problem.message)
        }
        guard errors.isEmpty, let place, let start, let end, let headcount, let wage, let phone else { return .failure(errors) }
        return .success(Facts(skill: skill, content: content, place: place, address: address, days: start...end, headcount: headcount,
                              dayWageFen: wage, contactPhone: phone))
    }

    static func date(_ raw: String?, field: String, label: String, today: CalendarDate, into errors: inout FieldErrors) -> CalendarDate? {
        let text = TextField.clean(raw)
        guard !text.isEmpty else {
            errors.add(field, "请填写\(label)")
            return nil
        }
        guard let date = CalendarDate(iso: text) else {
            errors.add(field, "\(label)应为有效日期，如\(today)")
            return nil
        }
        return date
    }
}

/// Whether a gig still takes people: it closes by itself after its last day, or when everyone it asked for is hired.
public enum GigState: String, Sendable {
    case open, filled, ended

    public static func of(lastDay: CalendarDate, headcount: Int, hired: Int, today: CalendarDate) -> GigState {
        if today > lastDay { return .ended }
        return hired >= headcount ? .filled : .open
    }

    public var label: String {
        switch self {
        case .open: "招用中"
        case .filled: "已招满"
        case .ended: "已结束"
        }
    }
}
