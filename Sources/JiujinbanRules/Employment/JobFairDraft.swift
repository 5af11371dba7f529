import Foundation

/// 招聘会信息 (item 14): a job fair as a county, city or province business admin publishes it. Field names:
/// `title`, `start_date`, `start_time`, `end_date` (empty: the day it starts), `end_time`, `venue`, `address`,
/// `division` (the organiser's division), `audience` (服务对象), `employers` (one per line, each optionally followed
/// by its number of posts), `organiser`, `contact_phone`.
public struct JobFairDraft: Sendable, Equatable {
    public var title: String?
    public var startDate: String?
    public var startTime: String?
    public var endDate: String?
    public var endTime: String?
    public var venue: String?
    public var address: String?
    public var division: String?
    public var audience: String?
    public var employers: String?
    public var organiser: String?
    public var contactPhone: String?

    public init(title: String? = nil, startDate: String? = nil, startTime: String? = nil, endDate: String? = nil, endTime: String? = nil,
                venue: String? = nil, address: String? = nil, division: String? = nil, audience: String? = nil, employers: String? = nil,
                organiser: String? = nil, contactPhone: String? = nil) {
        self.title = title
        self.startDate = startDate
        self.startTime = startTime
        self.endDate = endDate
        self.endTime = endTime
        self.venue = venue
        self.address = address
        self.division = division
        self.audience = audience
        self.employers = employers
        self.organiser = organiser
        self.contactPhone = contactPhone
    }

    /// 参会单位: an employer and, when announced, how many posts it brings.
    public struct Employer: Sendable, Equatable {
        public let name: String
        public let posts: Int?

        public init(name: String, posts: Int?) {
            self.name = name
            self.posts = posts
        }

        /// One line of the list, as typed and as stored: `山西某某食品有限公司 15`.
        public var line: String { posts.map { "\(name) \($0)" } ?? name }
    }

    public struct Facts: Sendable, Equatable {
        public let title: String
        public let startsAt: WallClockTime
        public let endsAt: WallClockTime
        public let venue: String
        public let address: String
        public let division: DivisionCode
        public let audience: String
        public let employers: [Employer]
        public let organiser: String
        public let contactPhone: ContactPhoneNumber

        /// The list as stored and as the edit form shows it, one employer a line.
        public var employerLines: String { employers.map(\.line).joined(separator: "\n") }

        /// What the search matches, folded like the search terms.
        public var searchText: String {
            PolicySearch.fold([title, venue, address, audience, organiser, employers.map(\.name).joined(separator: "\n")].joined(separator: "\n"))
        }
    }

    public static let maximumEmployers = 200
    public static let maximumEmployerNameLength = 50
    public static let maximumPostsPerEmployer = 9_999
    /// From the first day to the last, at most this many calendar days.
    public static let longestDays = 7
    /// A fair is published at most this many days ahead (a mistyped year is caught).
    public static let furthestAheadDays = 366
    /// How many bad employer lines are named one by one.
    static let namedEmployerProblems = 5

    /// - Parameters:
    ///   - today: a new fair cannot start in the past.
    ///   - divisions: the divisions the admin may publish for (its own and those below it, down to the counties).
    ///   - keeping: the start of the fair being edited: a fair already under way keeps its start though it is past.
    public func validate(today: CalendarDate, divisions: Set<DivisionCode>, keeping original: WallClockTime? = nil) -> Result<Facts, FieldErrors> {
        var errors = FieldErrors()
        let title = TextField.required(self.title, field: "title", label: "招聘会名称", maxLength: 100, into: &errors)

        let startDay = Self.date(startDate, field: "start_date", label: "开始日期", today: today, into: &errors)
        let startMinute = Self.time(startTime, field: "start_time", label: "开始时间", into: &errors)
        let endDayText = TextField.clean(endDate)
        var endDay = startDay
        if !endDayText.isEmpty { endDay = Self.date(endDate, field: "end_date", label: "结束日期", today: today, into: &errors) }
        let endMinute = Self.time(endTime, field: "end_time", label: "结束时间", into: &errors)
        var starts: WallClockTime?, ends: WallClockTime?
        if let startDay, let startMinute { starts = WallClockTime(date: startDay, minuteOfDay: startMinute) }
        if let endDay, let endMinute { ends = WallClockTime(date: endDay, minuteOfDay: endMinute) }
        if let startDay, startDay < today, original.map({ starts != $0 }) ?? true {
            errors.add("start_date", "开始日期不能早于今天（\(today)）")
        } else if let startDay, startDay > today.adding(days: Self.furthestAheadDays) {
            errors.add("start_date", "开始日期不能晚于\(today.adding(days: Self.furthestAheadDays))，请核对年份")
        }
        if let starts, let ends {
            if ends <= starts {
                errors.add(endDayText.isEmpty ? "end_time" : "end_date", "结束时间应晚于开始时间（\(starts.chinese)）")
            } else if ends.date.dayNumber - starts.date.dayNumber + 1 > Self.longestDays {
                errors.add("end_date", "招聘会从开始日到结束日最长\(Self.longestDays)天")
            }
        }

        let venue = TextField.required(self.venue, field: "venue", label: "举办场所", maxLength: 50, into: &errors)
        let address = TextField.required(self.address, field: "address", label: "详细地址", maxLength: 100, into: &errors)
        let division = Self.division(self.division, field: "division", label: "举办单位所在区划", allowed: divisions, into: &errors)
        let audience = TextField.required(self.audience, field: "audience", label: "服务对象", maxLength: 100, into: &errors)
        let employers = Self.employers(self.employers, into: &errors)
        let organiser = TextField.required(self.organiser, field: "organiser", label: "主办单位", maxLength: 50, into: &errors)
        let phone = Self.phone(contactPhone, into: &errors)
        guard errors.isEmpty, let starts, let ends, let division, let phone else { return .failure(errors) }
        return .success(Facts(title: title, startsAt: starts, endsAt: ends, venue: venue, address: address, division: division,
                              audience: audience, employers: employers, organiser: organiser, contactPhone: phone))
    }

    /// The employer list: one a line, blank lines skipped; a line may end with its number of posts after a space or
    /// a comma (`山西某某食品有限公司 15`, `某某公司，8个岗位`). Names at most 50 characters, no repeats, at most 200.
    public static func employers(_ raw: String?, into errors: inout FieldErrors) -> [Employer] {
        let text = (raw ?? "").replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var employers: [Employer] = []
        var firstLine: [String: Int] = [:]
        var problems: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = TextField.clean(String(rawLine))
            guard !line.isEmpty else { continue }
            let number = index + 1
            let (name, postsText) = splitPosts(line)
            if let problem = TextField.singleLineProblem(name, raw: String(rawLine), label: "参会单位第\(number)行",
                                                         maxLength: maximumEmployerNameLength) {
                problems.append(problem)
                continue
            }
            var posts: Int?
            if let postsText {
                guard let value = Int(postsText), (1...maximumPostsPerEmployer).contains(value) else {
                    problems.append("参会单位第\(number)行的岗位数应为1至\(maximumPostsPerEmployer)")
                    continue
                }
                posts = value
            }
            let key = PolicySearch.fold(name)
            if let earlier = firstLine[key] {
                problems.append("参会单位第\(number)行“\(name)”与第\(earlier)行重复")
                continue
            }
            firstLine[key] = number
            employers.append(Employer(name: name, posts: posts))
        }
        for problem in problems.prefix(namedEmployerProblems) { errors.add("employers", problem) }
        if problems.count > namedEmployerProblems {
            errors.add("employers", "参会单位另有\(problems.count - namedEmployerProblems)行有问题，请逐行核对")
        }
        if employers.count > maximumEmployers {
            errors.add("employers", "参会单位最多\(maximumEmployers)家（现为\(employers.count)家），请分场发布")
        }
        return employers
    }

    /// `名称 15` → (名称, "15"); a last word that is not a number of posts stays part of the name.
    static func splitPosts(_ line: String) -> (name: String, posts: String?) {
        let separators: Set<Character> = [" ", "\t", "\u{3000}", ",", "，", ":", "：", "、"]
        guard let cut = line.lastIndex(where: { separators.contains($0) }) else { return (line, nil) }
        var word = String(TypedInput.halfWidthWithoutSpaces(String(line[line.index(after: cut)...])))
        for suffix in ["个岗位", "个", "岗位", "人"] where word.hasSuffix(suffix) {
            word.removeLast(suffix.count)
            break
        }
        let name = String(line[..<cut]).trimmingCharacters(in: .whitespaces.union(["，", ",", "：", ":", "、", "\u{3000}"]))
        guard !word.isEmpty, word.allSatisfy({ $0.isASCII && $0.isNumber }), !name.isEmpty else { return (line, nil) }
        return (name, word)
    }

    static func date(_ raw: String?, field: String, label: String, today: CalendarDate, into errors: inout FieldErrors) -> CalendarDate? {
        GigPostingDraft.date(raw, field: field, label: label, today: today, into: &errors)
    }

    static func time(_ raw: String?, field: String, label: String, into errors: inout FieldErrors) -> Int? {
        let text = TextField.clean(raw)
        if text.isEmpty {
            errors.add(field, "请填写\(label)")
            return nil
        }
        guard let minute = WallClockTime.minuteOfDay(text) else {
            errors.add(field, "\(label)应为24小时制时刻，如09:00")
            return nil
        }
        return minute
    }

    static func division(_ raw: String?, field: String, label: String, allowed: Set<DivisionCode>, into errors: inout FieldErrors) -> DivisionCode? {
        let text = TextField.clean(raw)
        if text.isEmpty {
            errors.add(field, "请选择\(label)")
            return nil
        }
        guard let code = try? DivisionCode(text), allowed.contains(code) else {
            errors.add(field, "\(label)应从列出的本辖区区划中选择")
            return nil
        }
        return code
    }

    static func phone(_ raw: String?, into errors: inout FieldErrors) -> ContactPhoneNumber? {
        switch ContactPhoneNumber.parse(raw) {
        case .success(let phone): return phone
        case .failure(let problem):
            errors.add("contact_phone", problem.message)
            return nil
        }
    }
}

/// Where a job fair stands: by the clock, unless an admin cancelled it.
public enum JobFairStatus: String, CaseIterable, Sendable {
    case scheduled, ongoing, ended, cancelled

    public static func of(startsAt: WallClockTime, endsAt: WallClockTime, cancelled: Bool, now: WallClockTime) -> JobFairStatus {
        if cancelled { return .cancelled }
        if now < startsAt { return .scheduled }
        return now < endsAt ? .ongoing : .ended
    }

    public var label: String {
        switch self {
        case .scheduled: "未开始"
        case .ongoing: "进行中"
        case .ended: "已结束"
        case .cancelled: "已取消"
        }
    }
}

/// 取消招聘会: an admin calls off a fair that has not ended, saying why (field `reason`).
public enum JobFairCancellation {
    public static func validate(reason: String?, status: JobFairStatus) -> Result<String, FieldErrors> {
        var errors = FieldErrors()
        switch status {
        case .cancelled: errors.add("reason", "该招聘会已经取消")
        case .ended: errors.add("reason", "该招聘会已结束，不能取消")
        case .scheduled, .ongoing: break
        }
        let reason = TextField.required(reason, field: "reason", label: "取消原因", maxLength: 100, into: &errors)
        return errors.isEmpty ? .success(reason) : .failure(errors)
    }
}
