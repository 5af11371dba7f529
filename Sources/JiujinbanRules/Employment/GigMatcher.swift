/// 零工求职登记 (item 4): what a gig worker offers. Field names: `skills` (codes of the county's list, up to five),
/// `weekdays` (1 = Monday … 7 = Sunday), `day_wage` (元 per day), `radius_km`.
public struct GigSeekerDraft: Sendable, Equatable {
    public var skills: [String]
    public var weekdays: [String]
    public var dayWage: String?
    public var radiusKm: String?

    public init(skills: [String] = [], weekdays: [String] = [], dayWage: String? = nil, radiusKm: String? = nil) {
        self.skills = skills
        self.weekdays = weekdays
        self.dayWage = dayWage
        self.radiusKm = radiusKm
    }

    public struct Facts: Sendable, Equatable {
        public let skills: [String]
        public let weekdays: Set<Int>
        public let expectedDayWageFen: Int?
        public let radiusMeters: Int?
    }

    public static let maximumSkills = 5

    /// `retired` names the county's retired skills by code: one still sent is refused by its name.
    public func validate(today: CalendarDate, born: CalendarDate, group: StatutoryRetirement.Group, skills known: Set<String>,
                         retired: [String: String] = [:]) -> Result<Facts, FieldErrors>
    {
        var errors = FieldErrors()
        var chosen: [String] = []
        for code in skills.map({ TextField.clean($0) }) where !code.isEmpty && !chosen.contains(code) {
            if known.contains(code) { chosen.append(code) }
            else if let name = retired[code] { errors.add("skills", GigSkill.retiredMessage(name)) }
            else { errors.add("skills", "零工技能“\(code)”不在本县的技能列表中，请从列表中选择") }
        }
        if chosen.isEmpty && errors.isEmpty { errors.add("skills", "请至少选择一项零工技能") }
        if chosen.count > Self.maximumSkills { errors.add("skills", "零工技能最多选\(Self.maximumSkills)项（现为\(chosen.count)项）") }
        var days = Set<Int>()
        for text in weekdays.map({ TextField.clean($0) }) where !text.isEmpty {
            if let day = Int(text), (1...7).contains(day) { days.insert(day) } else { errors.add("weekdays", "可工作日应从周一至周日中选择") }
        }
        if days.isEmpty && errors.message(for: "weekdays") == nil { errors.add("weekdays", "请至少选择一个可工作日") }
        var wage: Int?
        let wageText = TextField.clean(dayWage)
        if !wageText.isEmpty {
            switch FixedPoint.parse(wageText, fractionDigits: 2) {
            case .success(let fen) where fen > 0 && fen <= 1_000_000: wage = fen
            case .success(0): errors.add("day_wage", "期望日工资应大于0元")
            case .success: errors.add("day_wage", "期望日工资不能超过10000元")
            case .failure(.negative): errors.add("day_wage", "期望日工资不能为负数")
            case .failure: errors.add("day_wage", "期望日工资应为数字（元/天），如150")
            }
        }
        var radius: Int?
        let radiusText = TextField.clean(radiusKm)
        if !radiusText.isEmpty {
            switch FixedPoint.parse(radiusText, fractionDigits: 1) {
            case .success(let tenths) where tenths > 0 && tenths <= 2_000: radius = tenths * 100
            default: errors.add("radius_km", "接活范围应为0.1至200公里")
            }
        }
        if !StatutoryRetirement.isWorkingAge(group, born: born, on: today) {
            errors.add("citizen", today < StatutoryRetirement.date(group, born: born) ? "零工求职登记面向年满16周岁的劳动者" : "已达到法定退休年龄，不能办理零工求职登记")
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(Facts(skills: chosen, weekdays: days, expectedDayWageFen: wage, radiusMeters: radius))
    }

    /// `一、三、五` style labels for a set of ISO weekdays.
    public static func weekdayText(_ days: Set<Int>) -> String {
        if days == Set(1...7) { return "每天" }
        if days == Set(1...5) { return "周一至周五" }
        let names = ["", "一", "二", "三", "四", "五", "六", "日"]
        return "周" + days.sorted().map { names[$0] }.joined(separator: "、")
    }
}

/// A gig as matching sees it.
public struct GigProfile: Sendable, Equatable {
    public let id: String
    public let skill: String
    public let skillName: String
    public let days: ClosedRange<CalendarDate>
    public let dayWageFen: Int
    public let place: GeoCoordinate
    /// Places still open (headcount − hired).
    public let openPlaces: Int

    public init(id: String, skill: String, skillName: String, days: ClosedRange<CalendarDate>, dayWageFen: Int, place: GeoCoordinate,
                openPlaces: Int) {
        self.id = id
        self.skill = skill
        self.skillName = skillName
        self.days = days
        self.dayWageFen = dayWageFen
        self.place = place
        self.openPlaces = openPlaces
    }
}

extension GigProfile {
    /// The same gig with its skill named as a county names it.
    public func named(_ skillName: String) -> GigProfile {
        GigProfile(id: id, skill: skill, skillName: skillName, days: days, dayWageFen: dayWageFen, place: place, openPlaces: openPlaces)
    }
}

/// A gig worker as matching sees them.
public struct GigSeekerProfile: Sendable, Equatable {
    public let id: String
    public let skills: [String]
    public let weekdays: Set<Int>
    public let expectedDayWageFen: Int?
    public let radiusMeters: Int?
    public let residence: GeoCoordinate

    public init(id: String, skills: [String], weekdays: Set<Int>, expectedDayWageFen: Int?, radiusMeters: Int?, residence: GeoCoordinate) {
        self.id = id
        self.skills = skills
        self.weekdays = weekdays
        self.expectedDayWageFen = expectedDayWageFen
        self.radiusMeters = radiusMeters
        self.residence = residence
    }
}

/// 零工双向匹配 (items 5 and 8): a gig and a worker fit when the worker has the gig's skill, the gig is still open,
/// lies within the worker's range and falls at least partly on the worker's days. Fits score out of 100 — skill 30,
/// distance 30, day wage 20, days 20 — with every factor said in words; the same score ranks gigs for a worker and
/// workers for a gig.
public enum GigMatcher {
    public enum Factor: String, Sendable {
        case skill, distance, wage, days
    }

    public struct Reason: Sendable, Equatable {
        public let factor: Factor
        public let points: Int
        public let maximum: Int
        public let text: String
    }

    public struct Match: Sendable, Equatable {
        /// The gig's id when ranking gigs, the worker's when ranking workers.
        public let id: String
        public let score: Int
        public let distanceMeters: Int
        public let reasons: [Reason]
    }

    public static let distanceHorizonMeters = 30_000

    public static func gigs(_ gigs: [GigProfile], for seeker: GigSeekerProfile, today: CalendarDate, limit: Int = 20) -> [Match] {
        best(gigs.compactMap { gig in match(gig, seeker, today: today).map { Match(id: gig.id, score: $0.score, distanceMeters: $0.distanceMeters, reasons: $0.reasons) } },
             limit: limit)
    }

    public static func seekers(_ seekers: [GigSeekerProfile], for gig: GigProfile, today: CalendarDate, limit: Int = 20) -> [Match] {
        best(seekers.compactMap { seeker in match(gig, seeker, today: today).map { Match(id: seeker.id, score: $0.score, distanceMeters: $0.distanceMeters, reasons: $0.reasons) } },
             limit: limit)
    }

    static func best(_ matches: [Match], limit: Int) -> [Match] {
        Array(matches.sorted { ($1.score, $0.distanceMeters, $0.id) < ($0.score, $1.distanceMeters, $1.id) }.prefix(limit))
    }

    /// The numbers of a fit: what ranking needs, without the words.
    public struct Fit: Sendable, Equatable {
        public let score: Int
        public let distanceMeters: Int
        public let wagePoints: Int
        public let fittingDays: Int
        public let totalDays: Int
    }

    /// A worker without a range of their own takes gigs within the horizon: day work further away is not work.
    public static func range(of seeker: GigSeekerProfile) -> Int { min(distanceHorizonMeters, seeker.radiusMeters ?? distanceHorizonMeters) }

    /// Whether they fit, and how well, or nil.
    public static func fit(_ gig: GigProfile, _ seeker: GigSeekerProfile, today: CalendarDate) -> Fit? {
        guard gig.openPlaces > 0, gig.days.upperBound >= today, seeker.skills.contains(gig.skill) else { return nil }
        return fit(dayWageFen: gig.dayWageFen, first: gig.days.lowerBound, last: gig.days.upperBound,
                   distance: Int(seeker.residence.distanceMeters(to: gig.place).rounded()), seeker, today: today)
    }

    /// The same, for a gig already known to be open, of the worker's skill and not ended (the market's scan).
    static func fit(dayWageFen: Int, first start: CalendarDate, last: CalendarDate, distance: Int, _ seeker: GigSeekerProfile,
                    today: CalendarDate) -> Fit? {
        let range = range(of: seeker)
        if distance > range { return nil }
        let first = max(start, today)
        let total = last.dayNumber - first.dayNumber + 1
        var fitting = 0
        // ISO weekday of `first`, then walk the days without building dates.
        var weekday = first.isoWeekday
        for _ in 0..<total {
            if seeker.weekdays.contains(weekday) { fitting += 1 }
            weekday = weekday == 7 ? 1 : weekday + 1
        }
        guard fitting > 0 else { return nil }
        let distancePoints = distance >= range ? 0 : Int((30 * Double(range - distance) / Double(range)).rounded())
        let wagePoints: Int
        if let expected = seeker.expectedDayWageFen {
            wagePoints = dayWageFen >= expected ? 20 : (dayWageFen * 10 >= expected * 8 ? 10 : 0)
        } else {
            wagePoints = 10
        }
        let dayPoints = Int((20 * Double(fitting) / Double(total)).rounded())
        return Fit(score: 30 + distancePoints + wagePoints + dayPoints, distanceMeters: distance, wagePoints: wagePoints,
                   fittingDays: fitting, totalDays: total)
    }

    /// The fit of one gig and one worker with its reasons, or nil when they do not fit.
    public static func match(_ gig: GigProfile, _ seeker: GigSeekerProfile, today: CalendarDate) -> Match? {
        guard let fit = fit(gig, seeker, today: today) else { return nil }
        let range = range(of: seeker)
        var reasons = [Reason(factor: .skill, points: 30, maximum: 30, text: "技能对口：\(gig.skillName)")]
        reasons.append(Reason(factor: .distance, points: fit.score - 30 - fit.wagePoints - dayPoints(fit), maximum: 30,
                              text: "用工地距居住地约\(MonthlyReportTable.kilometres(fit.distanceMeters))（接活范围\(MonthlyReportTable.kilometres(range))）"))
        let wage = "日工资\(JobMatcher.yuan(gig.dayWageFen))元"
        let wageText: String
        if let expected = seeker.expectedDayWageFen {
            wageText = switch fit.wagePoints {
            case 20: "\(wage)，不低于期望的\(JobMatcher.yuan(expected))元"
            case 10: "\(wage)，略低于期望的\(JobMatcher.yuan(expected))元"
            default: "\(wage)，低于期望的\(JobMatcher.yuan(expected))元"
            }
        } else {
            wageText = "\(wage)（未填期望日工资）"
        }
        reasons.append(Reason(factor: .wage, points: fit.wagePoints, maximum: 20, text: wageText))
        reasons.append(Reason(factor: .days, points: dayPoints(fit), maximum: 20,
                              text: fit.fittingDays == fit.totalDays ? "用工\(fit.totalDays)天都在可工作日"
                                  : "用工\(fit.totalDays)天中有\(fit.fittingDays)天在可工作日（\(GigSeekerDraft.weekdayText(seeker.weekdays))）"))
        return Match(id: gig.id, score: fit.score, distanceMeters: fit.distanceMeters, reasons: reasons)
    }

    static func dayPoints(_ fit: Fit) -> Int { Int((20 * Double(fit.fittingDays) / Double(fit.totalDays)).rounded()) }
}
