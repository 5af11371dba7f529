import Foundation

/// The open fixed-job postings of a province held for matching (item 2) and search (item 3). A county's counter asks
/// "which of 200,000 postings suit this villager" while the person waits, so the fields every posting is tested on
/// are kept in flat arrays (one per field) and scanned without touching the rest; the ranking is the same as
/// `JobMatcher.rank`, whose reasons are built only for the postings shown.
///
/// A value type: the app keeps one and applies changes to it; readers work on their own copy.
public struct JobMarket: Sendable {
    /// One posting with what the pages show.
    public struct Posting: Sendable, Equatable {
        public let id: String
        public let revision: Int
        public let employerID: String
        public let employerName: String
        public let title: String
        public let occupation: String
        public let occupationName: String
        public let headcount: Int
        public let wageMinimumFen: Int
        public let wageMaximumFen: Int
        public let minimumEducation: EducationLevel?
        public let ages: ClosedRange<Int>?
        public let workplace: GeoCoordinate
        public let workplaceDivision: DivisionCode
        public let address: String
        public let hours: String?
        public let validUntil: CalendarDate
        /// Withdrawn by its employer or filled: kept out of matching and search.
        public let closed: Bool

        public init(id: String, revision: Int, employerID: String, employerName: String, title: String, occupation: String,
                    occupationName: String, headcount: Int, wageMinimumFen: Int, wageMaximumFen: Int, minimumEducation: EducationLevel?,
                    ages: ClosedRange<Int>?, workplace: GeoCoordinate, workplaceDivision: DivisionCode, address: String, hours: String?,
                    validUntil: CalendarDate, closed: Bool) {
            self.id = id
            self.revision = revision
            self.employerID = employerID
            self.employerName = employerName
            self.title = title
            self.occupation = occupation
            self.occupationName = occupationName
            self.headcount = headcount
            self.wageMinimumFen = wageMinimumFen
            self.wageMaximumFen = wageMaximumFen
            self.minimumEducation = minimumEducation
            self.ages = ages
            self.workplace = workplace
            self.workplaceDivision = workplaceDivision
            self.address = address
            self.hours = hours
            self.validUntil = validUntil
            self.closed = closed
        }

        public var profile: JobPostingProfile {
            JobPostingProfile(id: id, occupation: occupation, occupationName: occupationName, wageMinimumFen: wageMinimumFen,
                              wageMaximumFen: wageMaximumFen, minimumEducation: minimumEducation, ages: ages, workplace: workplace,
                              validUntil: validUntil)
        }
    }

    public private(set) var postings: [Posting] = []
    /// The highest revision applied: the next refresh asks for what changed after it.
    public private(set) var revision = 0
    private var slot: [String: Int] = [:]
    private var occupationNumber: [String: Int32] = [:]

    // The fields every scan reads, one array each, indexed like `postings`.
    private var open: [Bool] = []
    private var validDay: [Int32] = []
    private var youngest: [UInt8] = []
    private var oldest: [UInt8] = []
    private var education: [UInt8] = []
    private var occupationOf: [Int32] = []
    private var majorOf: [UInt8] = []
    private var wageLow: [Int32] = []
    private var wageHigh: [Int32] = []
    private var latitude: [Double] = []
    private var longitude: [Double] = []
    private var division: [Int64] = []
    private var revisionOf: [Int] = []
    private var searchText: [[UInt8]] = []

    public init() {}

    public var count: Int { postings.count }
    public var openCount: Int { open.reduce(0) { $0 + ($1 ? 1 : 0) } }

    public func posting(id: String) -> Posting? { slot[id].map { postings[$0] } }

    /// Records that every change up to `revision` has been applied (a first load skips closed and expired postings).
    public mutating func caughtUp(to revision: Int) {
        self.revision = max(self.revision, revision)
    }

    /// Adds a posting or replaces the one with its id by a later revision of it; an older revision changes nothing.
    public mutating func apply(_ posting: Posting) {
        if let index = slot[posting.id], postings[index].revision >= posting.revision { return }
        revision = max(revision, posting.revision)
        let occupation = occupationNumber[posting.occupation] ?? {
            let number = Int32(occupationNumber.count)
            occupationNumber[posting.occupation] = number
            return number
        }()
        let fields = (open: !posting.closed, validDay: Int32(posting.validUntil.dayNumber),
                      youngest: UInt8(clamping: posting.ages?.lowerBound ?? 0), oldest: UInt8(clamping: posting.ages?.upperBound ?? 255),
                      education: UInt8(posting.minimumEducation?.rawValue ?? 0), occupation: occupation,
                      major: UInt8(Occupation.major(of: posting.occupation)) ?? 0,
                      wageLow: Int32(clamping: posting.wageMinimumFen), wageHigh: Int32(clamping: posting.wageMaximumFen),
                      latitude: posting.workplace.latitude, longitude: posting.workplace.longitude,
                      division: Int64(posting.workplaceDivision.value) ?? 0,
                      searchText: Array(JobMarket.fold(posting.title + " " + posting.employerName + " " + posting.occupationName).utf8))
        if let index = slot[posting.id] {
            postings[index] = posting
            open[index] = fields.open; validDay[index] = fields.validDay; youngest[index] = fields.youngest
            oldest[index] = fields.oldest; education[index] = fields.education; occupationOf[index] = fields.occupation
            majorOf[index] = fields.major; wageLow[index] = fields.wageLow; wageHigh[index] = fields.wageHigh
            latitude[index] = fields.latitude; longitude[index] = fields.longitude; division[index] = fields.division
            revisionOf[index] = posting.revision
            searchText[index] = fields.searchText
        } else {
            slot[posting.id] = postings.count
            postings.append(posting)
            open.append(fields.open); validDay.append(fields.validDay); youngest.append(fields.youngest)
            oldest.append(fields.oldest); education.append(fields.education); occupationOf.append(fields.occupation)
            majorOf.append(fields.major); wageLow.append(fields.wageLow); wageHigh.append(fields.wageHigh)
            latitude.append(fields.latitude); longitude.append(fields.longitude); division.append(fields.division)
            revisionOf.append(posting.revision)
            searchText.append(fields.searchText)
        }
    }

    /// Search text is compared case-folded and with full-width letters and digits made half-width.
    public static func fold(_ text: String) -> String {
        String(TypedInput.halfWidthWithoutSpaces(text)).lowercased()
    }

    // MARK: Item 2 — recommendation

    /// The best `limit` open postings for `seeker` on `today`: the same postings, scores, reasons and order as
    /// `JobMatcher.rank` over every open posting.
    public func recommend(for seeker: JobSeekerProfile, today: CalendarDate, limit: Int = 20) -> [JobMatcher.Match] {
        guard limit > 0 else { return [] }
        let todayNumber = Int32(today.dayNumber)
        let age = seeker.ageYears, schooling = UInt8(seeker.education.rawValue)
        let wanted = seeker.occupations.compactMap { occupationNumber[$0] }
        var wantedMajors: UInt16 = 0
        for code in seeker.occupations { if let major = UInt8(Occupation.major(of: code)) { wantedMajors |= 1 << UInt16(major) } }
        let anyOccupation = seeker.occupations.isEmpty
        let expected = seeker.expectedWageFen
        let limitMeters = seeker.maximumDistanceMeters
        let home = seeker.residence
        // A posting further north or south than this is beyond the seeker's limit whatever its longitude.
        let latitudeReach = limitMeters.map { Double($0) / JobMarket.metresPerDegreeLatitude } ?? .infinity
        // A flat-map distance under 99 % of itself is below the great-circle distance for anything within a province,
        // so the points it allows bound the posting's real distance points from above.
        let metresPerDegreeLongitude = JobMarket.metresPerDegreeLatitude * cos(home.latitude * .pi / 180)

        var best = TopMatches(limit: limit)
        // Two passes for a seeker who names occupations: their own major groups first; then the other trades, which
        // score at most 60 and are not looked at once the list's lowest score is above that.
        let otherTradesMaximum = JobMatcher.OccupationFit.other.points + 30 + 20 + JobMatcher.fitPoints
        for pass in anyOccupation ? [0] : [1, 2] {
            if pass == 2, best.isFull, best.lowestScore > otherTradesMaximum { break }
            for index in 0..<open.count {
                if pass != 0, (wantedMajors & (1 << UInt16(majorOf[index])) != 0) != (pass == 1) { continue }
                guard open[index], validDay[index] >= todayNumber, age >= Int(youngest[index]), age <= Int(oldest[index]),
                      education[index] <= schooling else { continue }
                let latitudeGap = abs(latitude[index] - home.latitude)
                if latitudeGap > latitudeReach { continue }
                let occupationPoints: Int
                if anyOccupation { occupationPoints = JobMatcher.OccupationFit.any.points }
                else if wanted.contains(occupationOf[index]) { occupationPoints = JobMatcher.OccupationFit.same.points }
                else if pass == 1 { occupationPoints = JobMatcher.OccupationFit.sameMajorGroup.points }
                else { occupationPoints = JobMatcher.OccupationFit.other.points }
                let partial = occupationPoints + JobMatcher.wagePoints(minimum: Int(wageLow[index]), maximum: Int(wageHigh[index]), expected: expected)
                    + JobMatcher.fitPoints
                // Even at the seeker's door this posting could not enter the list.
                if best.isFull {
                    if partial + 30 < best.lowestScore { continue }
                    let dy = latitudeGap * JobMarket.metresPerDegreeLatitude
                    let dx = abs(longitude[index] - home.longitude) * metresPerDegreeLongitude
                    let nearest = Int(((dx * dx + dy * dy).squareRoot() * 0.99).rounded(.down))
                    if partial + JobMatcher.distancePoints(nearest, seekerLimit: limitMeters) < best.lowestScore { continue }
                }
                let distance = Int(GeoCoordinate.distanceMeters(home.longitude, home.latitude, longitude[index], latitude[index]).rounded())
                if let limitMeters, distance > limitMeters { continue }
                let score = partial + JobMatcher.distancePoints(distance, seekerLimit: limitMeters)
                best.offer(score: score, distance: distance, index: index, id: { postings[index].id })
            }
        }
        return best.sorted().compactMap { JobMatcher.match(postings[$0].profile, for: seeker, today: today) }
    }

    public static let metresPerDegreeLatitude = 6_371_008.8 * Double.pi / 180

    // MARK: Item 3 — search

    public enum Sort: String, Sendable, CaseIterable {
        case newest, wage, closing

        public var label: String {
            switch self {
            case .newest: "最新发布"
            case .wage: "月薪从高到低"
            case .closing: "即将截止"
            }
        }
    }

    public struct Query: Sendable, Equatable {
        public var keyword: String
        /// A major group (`4`) or a medium group (`4-03`).
        public var occupation: String?
        public var within: DivisionCode?
        /// Postings whose range reaches at least this monthly wage.
        public var minimumWageFen: Int?
        /// The seeker's schooling: postings asking for more are left out.
        public var education: EducationLevel?
        public var sort: Sort
        public var page: Int
        public var pageSize: Int

        public init(keyword: String = "", occupation: String? = nil, within: DivisionCode? = nil, minimumWageFen: Int? = nil,
                    education: EducationLevel? = nil, sort: Sort = .newest, page: Int = 1, pageSize: Int = 20) {
            self.keyword = keyword
            self.occupation = occupation
            self.within = within
            self.minimumWageFen = minimumWageFen
            self.education = education
            self.sort = sort
            self.page = page
            self.pageSize = pageSize
        }
    }

    public struct Page: Sendable {
        public let total: Int
        public let postings: [Posting]
        public let page: Int
        public let pageCount: Int
    }

    /// Open postings not yet expired that pass every filter, sorted, one page of them.
    public func search(_ query: Query, today: CalendarDate) -> Page {
        let todayNumber = Int32(today.dayNumber)
        let terms = JobMarket.fold(query.keyword).isEmpty ? [] :
            query.keyword.split(whereSeparator: { $0.isWhitespace }).map { Array(JobMarket.fold(String($0)).utf8) }.filter { !$0.isEmpty }
        let exactOccupation = query.occupation.flatMap { $0.contains("-") ? occupationNumber[$0] ?? -1 : nil }
        let major = query.occupation.flatMap { $0.contains("-") ? nil : UInt8($0) }
        let range = query.within.map(JobMarket.divisionRange)
        let minimumWage = query.minimumWageFen.map { Int32(clamping: $0) }
        let schooling = query.education.map { UInt8($0.rawValue) }
        var hits: [Int] = []
        for index in 0..<open.count {
            guard open[index], validDay[index] >= todayNumber else { continue }
            if let exactOccupation, occupationOf[index] != exactOccupation { continue }
            if let major, majorOf[index] != major { continue }
            if let range, !range.contains(division[index]) { continue }
            if let minimumWage, wageHigh[index] < minimumWage { continue }
            if let schooling, education[index] > schooling { continue }
            if !terms.isEmpty, !terms.allSatisfy({ JobMarket.contains(searchText[index], $0) }) { continue }
            hits.append(index)
        }
        let size = max(1, query.pageSize)
        let pageCount = max(1, (hits.count + size - 1) / size)
        let page = min(max(1, query.page), pageCount)
        let wanted = page * size
        let ordered: [Int]
        switch query.sort {
        // Ties go to the newer posting (revisions are unique), so the order never depends on the scan.
        case .newest:
            ordered = JobMarket.smallest(wanted, of: hits) { revisionOf[$0] > revisionOf[$1] }
        case .wage:
            ordered = JobMarket.smallest(wanted, of: hits) {
                (wageHigh[$1], wageLow[$1], revisionOf[$0]) < (wageHigh[$0], wageLow[$0], revisionOf[$1])
            }
        case .closing:
            ordered = JobMarket.smallest(wanted, of: hits) { (validDay[$0], revisionOf[$1]) < (validDay[$1], revisionOf[$0]) }
        }
        let slice = ordered.dropFirst((page - 1) * size).map { postings[$0] }
        return Page(total: hits.count, postings: Array(slice), page: page, pageCount: pageCount)
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (UTF-8 makes a byte match a character match).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return needle.isEmpty }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var start = 0
                let last = hay.count - pin.count
                while start <= last {
                    if hay[start] == first {
                        var matched = 1
                        while matched < pin.count && hay[start + matched] == pin[matched] { matched += 1 }
                        if matched == pin.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// The first `count` of `indices` in `order`, without sorting all of them when only a page is wanted: a bounded
    /// heap whose top is the last one kept (n log k, whatever order the indices come in).
    static func smallest(_ count: Int, of indices: [Int], by order: (Int, Int) -> Bool) -> [Int] {
        guard count > 0 else { return [] }
        if count >= indices.count / 4 { return Array(indices.sorted(by: order).prefix(count)) }
        var heap: [Int] = []
        heap.reserveCapacity(count)
        for index in indices {
            if heap.count < count {
                heap.append(index)
                var child = heap.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard order(heap[parent], heap[child]) else { break }
                    heap.swapAt(parent, child)
                    child = parent
                }
            } else if order(index, heap[0]) {
                heap[0] = index
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var largest = parent
                    if left < heap.count, order(heap[largest], heap[left]) { largest = left }
                    if right < heap.count, order(heap[largest], heap[right]) { largest = right }
                    if largest == parent { break }
                    heap.swapAt(parent, largest)
                    parent = largest
                }
            }
        }
        return heap.sorted(by: order)
    }

    /// The numeric range of the 12-digit codes of `code` and everything below it.
    static func divisionRange(_ code: DivisionCode) -> Range<Int64> {
        let prefix = code.scopePrefix
        var span: Int64 = 1
        for _ in 0..<(12 - prefix.count) { span *= 10 }
        let low = (Int64(prefix) ?? 0) * span
        return low..<(low + span)
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
