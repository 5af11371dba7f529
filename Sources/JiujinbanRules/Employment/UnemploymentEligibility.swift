import Foundation

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

    /// A job recorded by 登记就业, and when it was recorded.
    public struct FoundJob: Sendable, Equatable {
        public let employment: RecordedEmployment
        public let recordedAt: Date

        public init(employer: String, startedOn: CalendarDate, recordedAt: Date) {
            employment = RecordedEmployment(record: "登记就业：\(employer)", since: startedOn)
            self.recordedAt = recordedAt
        }
    }

    /// The person's latest unemployment registration: when it was approved, and the day it ended as 就业 if it did.
    public struct LatestRegistration: Sendable, Equatable {
        public let approvedAt: Date
        public let endedAsEmployedOn: CalendarDate?

        public init(approvedAt: Date, endedAsEmployedOn: CalendarDate?) {
            self.approvedAt = approvedAt
            self.endedAsEmployedOn = endedAsEmployedOn
        }
    }

    /// The recorded work that still stands, by the order things were recorded in: the latest 登记就业 recorded after
    /// the latest unemployment registration was approved (bounded by the job's own start, which may be earlier than
    /// the day it was recorded); else that registration's ending as 就业; else none. A registration approved after
    /// a job was recorded means the job has ended.
    public static func standing(found: [FoundJob], latest: LatestRegistration?) -> RecordedEmployment? {
        let later = found.filter { job in latest.map { job.recordedAt > $0.approvedAt } ?? true }
        if let job = later.max(by: { $0.recordedAt < $1.recordedAt }) { return job.employment }
        if let ended = latest?.endedAsEmployedOn { return RecordedEmployment(record: "失业登记因就业终止", since: ended) }
        return nil
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
