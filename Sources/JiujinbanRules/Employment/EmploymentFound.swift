/// 登记就业: a job seeker found work — through a recommended posting (items 1–3) or otherwise — recorded at the
/// counter. Ending the person's search and unemployment registrations follows from it. Field names: `employer`,
/// `started_on`.
public struct EmploymentFoundDraft: Sendable, Equatable {
    public var employer: String?
    public var startedOn: String?

    public init(employer: String? = nil, startedOn: String? = nil) {
        self.employer = employer
        self.startedOn = startedOn
    }

    public struct Facts: Sendable, Equatable {
        public let employer: String
        public let startedOn: CalendarDate

        public init(employer: String, startedOn: CalendarDate) {
            self.employer = employer
            self.startedOn = startedOn
        }

        /// The reason kept on the ended registrations.
        public var endReason: String { "已就业：\(employer)（\(startedOn.iso)起）" }
    }

    /// How far back a start may be recorded: a person comes back to the point within months, not years.
    public static let longestLookBackDays = 366

    /// - Parameter registeredOn: the day the person registered as a job seeker; work found before it is not news.
    public func validate(today: CalendarDate, registeredOn: CalendarDate) -> Result<Facts, FieldErrors> {
        var errors = FieldErrors()
        let employer = TextField.required(employer, field: "employer", label: "就业单位或岗位", maxLength: 60, into: &errors)
        var started: CalendarDate?
        let text = TextField.clean(startedOn)
        if text.isEmpty {
            errors.add("started_on", "请填写就业开始日期")
        } else if let date = CalendarDate(iso: text) {
            if date > today {
                errors.add("started_on", "就业开始日期不能晚于今天（\(today)）")
            } else if date < registeredOn {
                errors.add("started_on", "就业开始日期不能早于求职登记日期（\(registeredOn)）")
            } else if date < today.adding(days: -Self.longestLookBackDays) {
                errors.add("started_on", "就业开始日期不能早于一年前")
            } else {
                started = date
            }
        } else {
            errors.add("started_on", "就业开始日期应为有效日期，如\(today)")
        }
        guard errors.isEmpty, let started else { return .failure(errors) }
        return .success(Facts(employer: employer, startedOn: started))
    }
}
