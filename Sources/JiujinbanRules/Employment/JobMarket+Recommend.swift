import Foundation

extension JobMarket {
    // MARK: Item 2 — recommendation

    /// The best `limit` open postings for `seeker` on `today`: the same postings, scores, reasons and order as
    /// `JobMatcher.rank` over every open posting.
    public func recommend(for seeker: JobSeekerProfile, today: CalendarDate, limit: Int = 20) -> [JobMatcher.Match] {
        guard limit > 0 else { return [] }
        let firstDayNumber = Int32(seeker.firstUsefulDay(today: today).dayNumber)
        let age = seeker.ageYears, schooling = UInt8(seeker.education.rawValue)
        let wanted = seeker.occupations.compactMap { occupationNumber[$0] }
        // The major groups a wanted code lies in, and those wanted whole (a bare `6` takes all of 6-xx as its own).
        var wantedMajors: UInt16 = 0, wholeMajors: UInt16 = 0
        for code in seeker.occupations {
            guard let major = UInt8(Occupation.major(of: code)) else { continue }
            wantedMajors |= 1 << UInt16(major)
            if !code.contains("-") { wholeMajors |= 1 << UInt16(major) }
        }
        let anyOccupation = seeker.occupations.isEmpty
        let expected = seeker.expectedWageFen
        let limitMeters = seeker.maximumDistanceMeters
        // A group's members share one workplace division: a group outside every acceptable place is never read.
        let placeRanges = seeker.places.map(JobMarket.divisionRange)
        let home = seeker.residence
        // A posting further north or south than this is beyond the seeker's limit whatever its longitude.
        let latitudeReach = limitMeters.map { Double($0) / JobMarket.metresPerDegreeLatitude } ?? .infinity
        // A flat-map distance less 1 % is below the great-circle distance for anything within a province, so the
        // points it allows bound a posting's real distance points from above.
        let metresPerDegreeLongitude = JobMarket.metresPerDegreeLatitude * cos(home.latitude * .pi / 180)

        var best = TopMatches(limit: limit)
        // The groups in the order of the best a posting in them could score (occupation, distance from the box, the
        // group's best wage, fit); the first group whose best cannot enter a full list ends the scan.
        var groups: [(upper: Int, nearest: Int, bucket: Int)] = []
        groups.reserveCapacity(places.buckets.count)
        for (number, bucket) in places.buckets.enumerated() where !bucket.members.isEmpty {
            if !placeRanges.isEmpty, !placeRanges.contains(where: { $0.contains(bucket.division) }) { continue }
            let nearest = PlaceBuckets.nearest(bucket, from: home, metresPerDegreeLongitude: metresPerDegreeLongitude)
            if let limitMeters, nearest > limitMeters { continue }
            // A group of a wanted major group may hold a wanted occupation (so may one whose codes name no major group).
            let occupationBest = anyOccupation ? JobMatcher.OccupationFit.any.points
                : wantedMajors & (1 << UInt16(bucket.major)) != 0 || bucket.major == 0 ? JobMatcher.OccupationFit.same.points
                : JobMatcher.OccupationFit.other.points
            let wageBest = JobMatcher.wagePoints(minimum: Int(bucket.highestWageLow), maximum: Int(bucket.highestWageHigh), expected: expected)
            let upper = occupationBest + JobMatcher.distancePoints(nearest, seekerLimit: limitMeters) + wageBest + JobMatcher.fitPoints
            groups.append((upper, nearest, number))
        }
        groups.sort { ($1.upper, $0.nearest, $0.bucket) < ($0.upper, $1.nearest, $1.bucket) }
        for group in groups {
            if best.isFull, group.upper < best.lowestScore { break }
            let bucket = places.buckets[group.bucket]
            let sameMajor = wantedMajors & (1 << UInt16(bucket.major)) != 0
            let wholeMajor = wholeMajors & (1 << UInt16(bucket.major)) != 0
            for member in bucket.members {
                guard member.open, member.validDay >= firstDayNumber, age >= Int(member.youngest), age <= Int(member.oldest),
                      member.education <= schooling else { continue }
                let latitudeGap = abs(member.latitude - home.latitude)
                if latitudeGap > latitudeReach { continue }
                let occupationPoints: Int
                if anyOccupation { occupationPoints = JobMatcher.OccupationFit.any.points }
                else if wholeMajor || wanted.contains(member.occupation) { occupationPoints = JobMatcher.OccupationFit.same.points }
                else if sameMajor { occupationPoints = JobMatcher.OccupationFit.sameMajorGroup.points }
                else { occupationPoints = JobMatcher.OccupationFit.other.points }
                let partial = occupationPoints + JobMatcher.wagePoints(minimum: Int(member.wageLow), maximum: Int(member.wageHigh), expected: expected)
                    + JobMatcher.fitPoints
                // Even at the seeker's door, or at the nearest the flat map allows, this posting could not enter the list.
                if best.isFull {
                    if partial + 30 < best.lowestScore { continue }
                    let dy = latitudeGap * JobMarket.metresPerDegreeLatitude
                    let dx = abs(member.longitude - home.longitude) * metresPerDegreeLongitude
                    let nearest = Int(((dx * dx + dy * dy).squareRoot() * 0.99).rounded(.down))
                    if partial + JobMatcher.distancePoints(nearest, seekerLimit: limitMeters) < best.lowestScore { continue }
                }
                let distance = Int(GeoCoordinate.distanceMeters(home.longitude, home.latitude, member.longitude, member.latitude).rounded())
                if let limitMeters, distance > limitMeters { continue }
                let score = partial + JobMatcher.distancePoints(distance, seekerLimit: limitMeters)
                let index = Int(member.slot)
                best.offer(score: score, distance: distance, index: index, id: { postings[index].id })
            }
        }
        return best.sorted().compactMap { JobMatcher.match(postings[$0].profile, for: seeker, today: today) }
    }
}

/// The best few matches seen so far: score high first, then nearer, then by id.
struct TopMatches {
    struct Entry {
        let score: Int
        let distance: Int
        let index: Int
        let id: String
    }

    let limit: Int
    private(set) var entries: [Entry] = []

    init(limit: Int) {
        self.limit = limit
        entries.reserveCapacity(limit + 1)
    }

    var isFull: Bool { entries.count >= limit }
    var lowestScore: Int { entries.last?.score ?? Int.min }

    static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.distance != b.distance { return a.distance < b.distance }
        return a.id < b.id
    }

    mutating func offer(score: Int, distance: Int, index: Int, id: () -> String) {
        if isFull, let last = entries.last {
            if score < last.score || (score == last.score && distance > last.distance) { return }
        }
        let entry = Entry(score: score, distance: distance, index: index, id: id())
        if isFull, let last = entries.last, !Self.precedes(entry, last) { return }
        let position = entries.firstIndex { Self.precedes(entry, $0) } ?? entries.endIndex
        entries.insert(entry, at: position)
        if entries.count > limit { entries.removeLast() }
    }

    func sorted() -> [Int] { entries.map(\.index) }
}
