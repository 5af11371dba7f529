extension JobMarket {
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
        let words = query.keyword.split(whereSeparator: { $0.isWhitespace }).map { JobMarket.fold(String($0)) }.filter { !$0.isEmpty }
        let terms = words.map { Array($0.utf8) }
        let exactOccupation = query.occupation.flatMap { $0.contains("-") ? occupationNumber[$0] ?? -1 : nil }
        let major = query.occupation.flatMap { $0.contains("-") ? nil : UInt8($0) }
        let range = query.within.map(JobMarket.divisionRange)
        let minimumWage = query.minimumWageFen.map { Int32(clamping: $0) }
        let schooling = query.education.map { UInt8($0.rawValue) }
        func passes(_ index: Int) -> Bool {
            guard open[index], validDay[index] >= todayNumber else { return false }
            if let exactOccupation, occupationOf[index] != exactOccupation { return false }
            if let major, majorOf[index] != major { return false }
            if let range, !range.contains(division[index]) { return false }
            if let minimumWage, wageHigh[index] < minimumWage { return false }
            if let schooling, education[index] > schooling { return false }
            return true
        }
        var hits: [Int] = []
        if terms.isEmpty {
            for index in 0..<open.count where passes(index) { hits.append(index) }
        } else {
            // Only the postings holding the words' rarest character, each confirmed against every word.
            for slot in characters.candidates(for: words) {
                let index = Int(slot)
                if passes(index), terms.allSatisfy({ JobMarket.contains(searchText[index], $0) }) { hits.append(index) }
            }
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
