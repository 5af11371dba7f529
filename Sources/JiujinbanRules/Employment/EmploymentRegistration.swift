/// 就业失业登记 (items 10, 11, 13; domain-rules §3): the two registrations a person's 《就业创业证》 records, what
/// they say about the person's status, and the reasons a registration ends.
public enum EmploymentRegistrationKind: String, Sendable, CaseIterable {
    /// 灵活就业登记 (item 10).
    case flexible
    /// 失业登记 (item 11).
    case unemployed

    public var label: String {
        switch self {
        case .flexible: "灵活就业登记"
        case .unemployed: "失业登记"
        }
    }
}

/// 灵活就业的就业形式 (item 10's `employment_type`).
public enum FlexibleEmploymentType: String, Sendable, CaseIterable, Codable {
    case selfEmployed = "self_employed"
    case partTime = "part_time"
    case platform
    case other

    public var label: String {
        switch self {
        case .selfEmployed: "个体经营"
        case .partTime: "非全日制就业"
        case .platform: "新就业形态（平台从业）"
        case .other: "其他灵活就业"
        }
    }
}

/// 灵活就业登记 (item 10) as typed at the counter. Field names: `employment_type`, `started_on`, `description`.
public struct FlexibleEmploymentDraft: Sendable, Equatable {
    public var employmentType: String?
    public var startedOn: String?
    public var description: String?

    public init(employmentType: String? = nil, startedOn: String? = nil, description: String? = nil) {
        self.employmentType = employmentType
        self.startedOn = startedOn
        self.description = description
    }

    public struct Facts: Sendable, Equatable {
        public let type: FlexibleEmploymentType
        public let startedOn: CalendarDate
        public let description: String?
    }

    public static let descriptionMaxLength = 100

    /// - Parameter born: the person's birth date: nobody is employed before turning 16.
    public func validate(today: CalendarDate, born: CalendarDate) -> Result<Facts, FieldErrors> {
        var errors = FieldErrors()
        let typeText = TextField.clean(employmentType)
        let type = FlexibleEmploymentType(rawValue: typeText)
        if typeText.isEmpty { errors.add("employment_type", "请选择就业形式") }
        else if type == nil { errors.add("employment_type", "请从列表中选择就业形式") }

        let startText = TextField.clean(startedOn)
        let sixteen = StatutoryRetirement.sixteenthBirthday(born: born)
        var start: CalendarDate?
        if startText.isEmpty {
            errors.add("started_on", "请填写就业开始日期")
        } else if let date = CalendarDate(iso: startText) {
            if date > today { errors.add("started_on", "就业开始日期不能晚于今天（\(today)）") }
            else if date < sixteen { errors.add("started_on", "就业开始日期不能早于年满16周岁之日（\(sixteen)）") }
            else { start = date }
        } else {
            errors.add("started_on", "就业开始日期应为有效日期，如\(today)")
        }

        let note = TextField.optional(description, field: "description", label: "从业说明", maxLength: Self.descriptionMaxLength,
                                      into: &errors)
        guard errors.isEmpty, let type, let start else { return .failure(errors) }
        return .success(Facts(type: type, startedOn: start, description: note))
    }
}

/// What the registrations record about a person now: at most one registration is active at a time.
public enum EmploymentStatus: Sendable, Equatable {
    /// No active registration.
    case unrecorded
    case flexiblyEmployed(FlexibleEmploymentType, since: CalendarDate)
    case unemployed(since: CalendarDate)

    /// The active registration of `kind`, type and start; nil when none is active.
    public init(active kind: EmploymentRegistrationKind?, type: String?, since: CalendarDate?) {
        switch (kind, since) {
        case (.flexible?, let since?): self = .flexiblyEmployed(type.flatMap(FlexibleEmploymentType.init(rawValue:)) ?? .other, since: since)
        case (.unemployed?, let since?): self = .unemployed(since: since)
        default: self = .unrecorded
        }
    }

    /// The record that makes the person employed, as `UnemploymentEligibility` names it; nil when not employed.
    public var employmentRecord: String? {
        guard case .flexiblyEmployed(let type, let since) = self else { return nil }
        return "灵活就业登记：\(type.label)，\(since)起"
    }

    /// The status line of the 《就业创业证》.
    public var cardStatus: String {
        switch self {
        case .unrecorded: Self.cardNone
        case .flexiblyEmployed: Self.cardEmployed
        case .unemployed: Self.cardUnemployed
        }
    }

    public static let cardEmployed = "就业", cardUnemployed = "失业", cardNone = "无有效登记"
}

/// Why a registration ended. The reasons for unemployment are those of §3; a flexible worker's registration ends
/// when the work stops, or for the same life events.
public enum RegistrationEndReason: String, Sendable, CaseIterable {
    case employed
    case pension
    case schoolOrArmy = "school_or_army"
    case emigrated
    case imprisoned
    case noContact = "no_contact"
    case stoppedWorking = "stopped_working"

    public var label: String {
        switch self {
        case .employed: "就业"
        case .pension: "领取养老金"
        case .schoolOrArmy: "入学或参军"
        case .emigrated: "出境定居"
        case .imprisoned: "服刑"
        case .noContact: "6个月无联系"
        case .stoppedWorking: "停止灵活就业"
        }
    }

    /// The reasons that end a registration of `kind`, in the order the form lists them.
    public static func reasons(for kind: EmploymentRegistrationKind) -> [RegistrationEndReason] {
        switch kind {
        case .unemployed: [.employed, .pension, .schoolOrArmy, .emigrated, .imprisoned, .noContact]
        case .flexible: [.stoppedWorking, .pension, .schoolOrArmy, .emigrated, .imprisoned]
        }
    }

    /// The card's status once a registration ends for this reason: 就业 when the person was employed, else nothing
    /// is active.
    public var cardStatusAfterEnding: String {
        self == .employed ? EmploymentStatus.cardEmployed : EmploymentStatus.cardNone
    }

    /// Months without contact after which an unemployment registration may be ended for that reason.
    public static let noContactMonths = 6

    /// Checks an ending typed at the counter (`reason`) for a registration of `kind` that started on `startedOn`.
    public static func validate(_ raw: String?, kind: EmploymentRegistrationKind, startedOn: CalendarDate,
                                today: CalendarDate) -> Result<RegistrationEndReason, FieldErrors> {
        var errors = FieldErrors()
        let text = TextField.clean(raw)
        guard let reason = RegistrationEndReason(rawValue: text), reasons(for: kind).contains(reason) else {
            errors.add("reason", text.isEmpty ? "请选择终止原因" : "请从列表中选择\(kind.label)的终止原因")
            return .failure(errors)
        }
        if reason == .noContact {
            let earliest = startedOn.addingMonths(noContactMonths)
            if today < earliest {
                errors.add("reason", "登记于\(startedOn)，须满\(noContactMonths)个月无联系（\(earliest)起）方可按此原因终止")
                return .failure(errors)
            }
        }
        return .success(reason)
    }
}

extension CalendarDate {
    /// The same day `months` months later (the month's last day when it is shorter).
    public func addingMonths(_ months: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + months
        let year = total / 12, month = total % 12 + 1
        return CalendarDate(year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))!
    }
}
