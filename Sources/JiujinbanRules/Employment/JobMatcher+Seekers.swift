extension JobMatcher {
    /// A registered job seeker as the employer's side of matching sees them.
    public struct Candidate: Sendable, Equatable {
        public let id: String
        public let profile: JobSeekerProfile

        public init(id: String, profile: JobSeekerProfile) {
            self.id = id
            self.profile = profile
        }
    }

    public struct SeekerMatch: Sendable, Equatable {
        public let seekerID: String
        /// The same score and reasons item 2 shows the seeker for this posting.
        public let match: Match
    }

    /// 双向匹配, the employer's side: the seekers a posting suits best. A seeker is listed only if item 2 would
    /// recommend the posting to them (same conditions, same points), so both sides read the same; highest score
    /// first, then nearer, then by id.
    public static func rankSeekers(_ candidates: [Candidate], for posting: JobPostingProfile, today: CalendarDate, limit: Int = 20)
        -> [SeekerMatch]
    {
        var found: [SeekerMatch] = []
        for candidate in candidates {
            if let match = match(posting, for: candidate.profile, today: today) { found.append(SeekerMatch(seekerID: candidate.id, match: match)) }
        }
        found.sort {
            ($1.match.score, $0.match.distanceMeters, $0.seekerID) < ($0.match.score, $1.match.distanceMeters, $1.seekerID)
        }
        return Array(found.prefix(limit))
    }
}
