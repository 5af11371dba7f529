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

    /// Work the person was recorded as having found (登记就业, or a registration ended as 就业), from `since`.
    public struct RecordedEmployment: Sendable, Equatable {
        public let record: String
        public let since: CalendarDate

        public init(record: String, since: CalendarDate) {
            self.record = record
            self.since = since
        }
    }

    /// The recorded employment that still stands: the latest one, unless an unemployment registration started after it.
    public static func standing(_ employments: [RecordedEmployment], latestUnemploymentStart: CalendarDate?) -> RecordedEmployment? {
        guard let latest = employments.max(by: { $0.since < $1.since }) else { return nil }
        if let start = latestUnemploymentStart, start > latest.since { return nil }
        return latest
    }

    /// Someone recorded as employed registers unemployment only by giving the day that work ended (失业日期), on or
    /// after the recorded start: the counter must not register a person the records show in work.
    public static func separationProblem(_ employment: RecordedEmployment?, separatedOn: CalendarDate?) -> String? {
        guard let employment else { return nil }
        guard let separatedOn else {
            return "系统中登记为已就业（\(employment.record)，\(employment.since)起），请填写失业日期（劳动关系解除或终止之日）"
        }
        if separatedOn < employment.since {
            return "失业日期\(separatedOn)早于系统登记的就业日期\(employment.since)，请核实"
        }
        return nil
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
