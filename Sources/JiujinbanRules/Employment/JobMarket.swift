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
                              workplaceDivision: workplaceDivision, validUntil: validUntil)
        }
    }

    public private(set) var postings: [Posting] = []
    /// The highest revision applied: the next refresh asks for what changed after it.
    public private(set) var revision = 0
    private var slot: [String: Int] = [:]

    // The fields the search reads, one array each, indexed like `postings` (the recommendation reads its own copy of
    // the fields it tests, grouped by trade and place in `places`).
    private(set) var occupationNumber: [String: Int32] = [:]
    private(set) var open: [Bool] = []
    private(set) var validDay: [Int32] = []
    private(set) var education: [UInt8] = []
    private(set) var occupationOf: [Int32] = []
    private(set) var majorOf: [UInt8] = []
    private(set) var wageLow: [Int32] = []
    private(set) var wageHigh: [Int32] = []
    private(set) var division: [Int64] = []
    private(set) var revisionOf: [Int] = []
    private(set) var searchText: [[UInt8]] = []
    /// The postings by trade and place, for the recommendation.
    private(set) var places = PlaceBuckets()
    /// The postings by the characters of their text, for keyword search.
    private(set) var characters = CharacterIndex()

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
                      text: JobMarket.fold(posting.title + " " + posting.employerName + " " + posting.occupationName))
        if let index = slot[posting.id] {
            postings[index] = posting
            open[index] = fields.open; validDay[index] = fields.validDay; education[index] = fields.education
            occupationOf[index] = fields.occupation; majorOf[index] = fields.major; wageLow[index] = fields.wageLow
            wageHigh[index] = fields.wageHigh; division[index] = fields.division
            revisionOf[index] = posting.revision
            searchText[index] = Array(fields.text.utf8)
        } else {
            slot[posting.id] = postings.count
            postings.append(posting)
            open.append(fields.open); validDay.append(fields.validDay); education.append(fields.education)
            occupationOf.append(fields.occupation); majorOf.append(fields.major); wageLow.append(fields.wageLow)
            wageHigh.append(fields.wageHigh); division.append(fields.division)
            revisionOf.append(posting.revision)
            searchText.append(Array(fields.text.utf8))
        }
        let index = Int32(slot[posting.id]!)
        places.place(PlaceBuckets.Member(slot: index, open: fields.open, youngest: fields.youngest, oldest: fields.oldest,
                                         education: fields.education, validDay: fields.validDay, occupation: fields.occupation,
                                         wageLow: fields.wageLow, wageHigh: fields.wageHigh, latitude: fields.latitude,
                                         longitude: fields.longitude),
                     major: fields.major, division: fields.division)
        characters.add(index, text: fields.text)
    }

    /// Search text is compared case-folded and with full-width letters and digits made half-width.
    public static func fold(_ text: String) -> String {
        String(TypedInput.halfWidthWithoutSpaces(text)).lowercased()
    }

    public static let metresPerDegreeLatitude = 6_371_008.8 * Double.pi / 180
}
