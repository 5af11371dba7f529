import Foundation

/// 培训机构推荐 (item 17): for one training intention, the county's institutions approved to teach its occupation at
/// its level, nearest first, those with a class starting from today with free places ahead of the rest; each with
/// the reason it is where it is. Distance is from the person's residence, taken as their village's or community's
/// service point (the caller passes it; nil when no point has coordinates, and then no institution is "near").
///
/// The catalogue indexes the institutions by occupation and the class plans by institution once, so one
/// recommendation reads only the institutions that teach the occupation.
public struct TrainingCatalogue: Sendable {
    public struct Institution: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let location: GeoCoordinate?
        public let approvals: Set<ClassPlanDraft.Approval>
        public let subsidised: Bool

        public init(id: UUID, name: String, location: GeoCoordinate?, approvals: Set<ClassPlanDraft.Approval>, subsidised: Bool) {
            self.id = id
            self.name = name
            self.location = location
            self.approvals = approvals
            self.subsidised = subsidised
        }
    }

    public struct Plan: Sendable, Equatable {
        public let id: UUID
        public let institutionID: UUID
        public let occupationCode: String
        public let level: SkillLevel
        public let starts: CalendarDate
        public let ends: CalendarDate
        public let capacity: Int
        public let enrolled: Int

        public init(id: UUID, institutionID: UUID, occupationCode: String, level: SkillLevel, starts: CalendarDate, ends: CalendarDate,
                    capacity: Int, enrolled: Int) {
            self.id = id
            self.institutionID = institutionID
            self.occupationCode = occupationCode
            self.level = level
            self.starts = starts
            self.ends = ends
            self.capacity = capacity
            self.enrolled = enrolled
        }

        public var freePlaces: Int { max(0, capacity - enrolled) }
    }

    public struct Recommendation: Sendable, Equatable {
        public let institution: Institution
        public let distanceMeters: Int?
        /// The earliest class of the occupation and level starting from today with a free place, if any.
        public let nextPlan: Plan?
        /// Classes starting from today that are full (shown so the clerk can say so).
        public let fullPlans: Int
        public let reason: String
    }

    let institutions: [UUID: Institution]
    let byOccupation: [ClassPlanDraft.Approval: [UUID]]
    let plansByInstitution: [UUID: [Plan]]

    public init(institutions: [Institution], plans: [Plan]) {
        self.institutions = Dictionary(institutions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var byOccupation: [ClassPlanDraft.Approval: [UUID]] = [:]
        for institution in institutions {
            for approval in institution.approvals { byOccupation[approval, default: []].append(institution.id) }
        }
        self.byOccupation = byOccupation
        self.plansByInstitution = Dictionary(grouping: plans, by: \.institutionID).mapValues { $0.sorted { $0.starts < $1.starts } }
    }

    /// At most `limit` institutions for an intention of `occupation` at `level`, from `home` on `today`.
    public func recommend(occupation: String, level: SkillLevel, from home: GeoCoordinate?, today: CalendarDate, limit: Int = 10) -> [Recommendation] {
        let wanted = ClassPlanDraft.Approval(occupationCode: occupation, level: level)
        var found: [Recommendation] = []
        for id in byOccupation[wanted] ?? [] {
            guard let institution = institutions[id] else { continue }
            let upcoming = (plansByInstitution[id] ?? []).filter { $0.occupationCode == occupation && $0.level == level && $0.starts >= today }
            let next = upcoming.first { $0.freePlaces > 0 }
            let distance = both(home, institution.location).map { Int($0.distanceMeters(to: $1).rounded()) }
            found.append(Recommendation(institution: institution, distanceMeters: distance, nextPlan: next,
                                        fullPlans: upcoming.filter { $0.freePlaces == 0 }.count,
                                        reason: Self.reason(distance: distance, next: next, full: upcoming.filter { $0.freePlaces == 0 }.count,
                                                            subsidised: institution.subsidised)))
        }
        found.sort { a, b in
            if (a.nextPlan != nil) != (b.nextPlan != nil) { return a.nextPlan != nil }
            switch (a.distanceMeters, b.distanceMeters) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: break
            }
            if let x = a.nextPlan?.starts, let y = b.nextPlan?.starts, x != y { return x < y }
            return a.institution.name < b.institution.name
        }
        return Array(found.prefix(limit))
    }

    static func reason(distance: Int?, next: Plan?, full: Int, subsidised: Bool) -> String {
        var parts: [String] = []
        parts.append(distance.map { "距离约" + Self.kilometres($0) + "公里" } ?? "距离未知（机构或服务点未标注位置）")
        if let next {
            parts.append("\(next.starts.iso)开班，尚余\(next.freePlaces)个名额")
        } else {
            parts.append(full > 0 ? "近期\(full)个班次已满" : "暂无开班计划")
        }
        parts.append(subsidised ? "可享受职业培训补贴" : "不在补贴性培训机构目录内")
        return parts.joined(separator: "；")
    }

    /// Metres as kilometres with one decimal: 3249 → `3.2`.
    static func kilometres(_ metres: Int) -> String {
        let tenths = (metres + 50) / 100
        return "\(tenths / 10).\(tenths % 10)"
    }
}

private func both(_ a: GeoCoordinate?, _ b: GeoCoordinate?) -> (GeoCoordinate, GeoCoordinate)? {
    guard let a, let b else { return nil }
    return (a, b)
}
