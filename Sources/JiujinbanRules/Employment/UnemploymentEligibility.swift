/// 失业登记的条件 (item 11, domain-rules §3): of working age — 16 up to statutory retirement — able and willing to
/// work, and without a job. Each unmet condition is a refusal with its reason, so the counter can say them all at once.
public enum UnemploymentEligibility {
    public enum Refusal: Sendable, Equatable {
        /// Turns 16 on that day.
        case underSixteen(turnsSixteenOn: CalendarDate)
        /// Reached retirement age on that day.
        case pastRetirement(on: CalendarDate)
        /// Recorded as employed (the record's description, e.g. the employer or 灵活就业).
        case employed(String)
        case notAbleOrWilling

        public var message: String {
            switch self {
            case .underSixteen(let day): "未满16周岁，不能办理失业登记（\(day)年满16周岁）"
            case .pastRetirement(let day): "已于\(day)达到法定退休年龄，不能办理失业登记"
            case .employed(let record): "系统中登记为在业（\(record)），请先办理就业登记的终止"
            case .notAbleOrWilling: "失业登记须本人有劳动能力和就业愿望，请核实后勾选"
            }
        }
    }

    /// Every unmet condition on `today`, or none.
    public static func check(born: CalendarDate, group: StatutoryRetirement.Group, employment: String?, ableAndWilling: Bool,
                             today: CalendarDate) -> [Refusal] {
        var refusals: [Refusal] = []
        let sixteen = StatutoryRetirement.sixteenthBirthday(born: born)
        if today < sixteen { refusals.append(.underSixteen(turnsSixteenOn: sixteen)) }
        let retirement = StatutoryRetirement.date(group, born: born)
        if today >= retirement { refusals.append(.pastRetirement(on: retirement)) }
        if let employment { refusals.append(.employed(employment)) }
        if !ableAndWilling { refusals.append(.notAbleOrWilling) }
        return refusals
    }
}
