/// The gigs of a province held for item 5's ranking, the way `JobMarket` holds fixed postings: the fields every gig
/// is tested on in flat arrays, the reasons built only for the gigs shown. The same gigs, scores and order as
/// `GigMatcher.gigs` over every gig.
public struct GigMarket: Sendable {
    public struct Gig: Sendable, Equatable {
        public let revision: Int
        public let profile: GigProfile

        public init(revision: Int, profile: GigProfile) {
            self.revision = revision
            self.profile = profile
        }
    }

    public private(set) var gigs: [Gig] = []
    public private(set) var revision = 0
    private var slot: [String: Int] = [:]
    private var skillNumber: [String: Int32] = [:]
    private var skillOf: [Int32] = []
    private var openPlaces: [Int32] = []
    private var firstDay: [Int32] = []
    private var lastDay: [Int32] = []
    private var wage: [Int32] = []
    private var latitude: [Double] = []
    private var longitude: [Double] = []

    public init() {}

    public var count: Int { gigs.count }

    public mutating func caughtUp(to revision: Int) { self.revision = max(self.revision, revision) }

    /// Adds a gig or replaces the one with its id by a later revision of it.
    public mutating func apply(_ gig: Gig) {
        if let index = slot[gig.profile.id], gigs[index].revision >= gig.revision { return }
        revision = max(revision, gig.revision)
        let skill = skillNumber[gig.profile.skill] ?? {
            let number = Int32(skillNumber.count)
            skillNumber[gig.profile.skill] = number
            return number
        }()
        let profile = gig.profile
        if let index = slot[profile.id] {
            gigs[index] = gig
            skillOf[index] = skill; openPlaces[index] = Int32(clamping: profile.openPlaces)
            firstDay[index] = Int32(profile.days.lowerBound.dayNumber); lastDay[index] = Int32(profile.days.upperBound.dayNumber)
            wage[index] = Int32(clamping: profile.dayWageFen); latitude[index] = profile.place.latitude; longitude[index] = profile.place.longitude
        } else {
            slot[profile.id] = gigs.count
            gigs.append(gig)
            skillOf.append(skill); openPlaces.append(Int32(clamping: profile.openPlaces))
            firstDay.append(Int32(profile.days.lowerBound.dayNumber)); lastDay.append(Int32(profile.days.upperBound.dayNumber))
            wage.append(Int32(clamping: profile.dayWageFen)); latitude.append(profile.place.latitude); longitude.append(profile.place.longitude)
        }
    }

    public func gig(id: String) -> Gig? { slot[id].map { gigs[$0] } }

    /// The best `limit` gigs for `seeker`; `skillNames` (the county's list) names the skills in the reasons.
    public func gigs(for seeker: GigSeekerProfile, today: CalendarDate, limit: Int = 20, skillNames: [String: String] = [:]) -> [GigMatcher.Match] {
        let skills = seeker.skills.compactMap { skillNumber[$0] }
        guard !skills.isEmpty, limit > 0 else { return [] }
        let todayNumber = Int32(today.dayNumber)
        let home = seeker.residence
        let reach = Double(GigMatcher.range(of: seeker)) / JobMarket.metresPerDegreeLatitude
        var best = TopMatches(limit: limit)
        for index in 0..<skillOf.count {
            guard openPlaces[index] > 0, lastDay[index] >= todayNumber, skills.contains(skillOf[index]),
                  abs(latitude[index] - home.latitude) <= reach else { continue }
            let distance = Int(GeoCoordinate.distanceMeters(home.longitude, home.latitude, longitude[index], latitude[index]).rounded())
            guard let fit = GigMatcher.fit(dayWageFen: Int(wage[index]), first: CalendarDate(dayNumber: Int(firstDay[index])),
                                           last: CalendarDate(dayNumber: Int(lastDay[index])), distance: distance, seeker, today: today) else { continue }
            best.offer(score: fit.score, distance: fit.distanceMeters, index: index, id: { gigs[index].profile.id })
        }
        return best.sorted().compactMap { index in
            let profile = gigs[index].profile
            return GigMatcher.match(skillNames[profile.skill].map { profile.named($0) } ?? profile, seeker, today: today)
        }
    }
}
