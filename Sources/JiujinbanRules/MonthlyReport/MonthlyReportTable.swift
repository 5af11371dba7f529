import Foundation

/// Which of the task columns 16–24 are done, as bits: written like a dictionary (`[.plan: true]`), read as a Bool.
/// A province has 30,000 points; a dictionary per point cost more than the rest of its row.
public struct ReportTasks: Sendable, Equatable, Hashable, ExpressibleByDictionaryLiteral {
    public private(set) var bits: UInt16 = 0

    public init() {}

    public init(dictionaryLiteral elements: (ReportTask, Bool)...) {
        for (task, done) in elements { self[task] = done }
    }

    public init(_ answers: [ReportTask: Bool]) {
        for (task, done) in answers { self[task] = done }
    }

    public subscript(task: ReportTask) -> Bool {
        get { bits & Self.bit(task) != 0 }
        set { if newValue { bits |= Self.bit(task) } else { bits &= ~Self.bit(task) } }
    }

    /// Each answer of `other` that is done.
    public mutating func formUnion(_ other: ReportTasks) { bits |= other.bits }

    static func bit(_ task: ReportTask) -> UInt16 { 1 << UInt16(task.rawValue - 16) }
}

/// The figures one report is built from: the province's cities, their counties, townships and service points, with
/// each task's answer. Bank branches are not rows of this table (attachment 2 counts townships, villages and
/// communities).
public enum ReportInput {
    public struct Point: Sendable, Equatable {
        public let kind: ServicePointKind
        /// The village's or community's name (the township's for its own point).
        public let divisionName: String
        /// Land area in hundredths of a square kilometre, and residents (nil when not known).
        public let areaCentiKm2: Int?
        public let population: Int?
        public let institution: String
        public let address: String
        public let coordinate: GeoCoordinate
        public let farthestResidenceMeters: Int
        /// Answers for columns 18–23; a missing task is not done.
        public let tasks: ReportTasks
        /// The caller's key for the point (its id), kept on its row for explanations.
        public let key: String

        public init(kind: ServicePointKind, divisionName: String, areaCentiKm2: Int?, population: Int?, institution: String,
                    address: String, coordinate: GeoCoordinate, farthestResidenceMeters: Int, tasks: ReportTasks,
                    key: String = "") {
            self.key = key
            self.kind = kind
            self.divisionName = divisionName
            self.areaCentiKm2 = areaCentiKm2
            self.population = population
            self.institution = institution
            self.address = address
            self.coordinate = coordinate
            self.farthestResidenceMeters = farthestResidenceMeters
            self.tasks = tasks
        }
    }

    public struct Township: Sendable, Equatable {
        public let name: String
        /// The township's own point first, then villages and communities in code order.
        public let points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    public struct County: Sendable, Equatable {
        public let name: String
        public let townships: [Township]
        /// Answers for columns 16, 17 and 24.
        public let tasks: ReportTasks

        public init(name: String, townships: [Township], tasks: ReportTasks) {
            self.name = name
            self.townships = townships
            self.tasks = tasks
        }
    }

    public struct City: Sendable, Equatable {
        public let name: String
        public let counties: [County]

        public init(name: String, counties: [County]) {
            self.name = name
            self.counties = counties
        }
    }
}

/// The report as a grid of 24 columns: the province total, then per city its counties, each with its subtotal
/// (carrying columns 16, 17 and 24), its townships' counts and one row per service point. The HTML page, the CSV and
/// the Excel file all render these same rows, so their numbers cannot differ.
public struct MonthlyReportTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Int)
        /// A decimal shown as written (`12.34`).
        case decimal(String)
        /// A task answer: 1 done, 0 not done.
        case flag(Bool)
        /// `/`: the column does not apply to the row.
        case notApplicable
        case empty

        public var text: String {
            switch self {
            case .text(let text), .decimal(let text): text
            case .number(let value): String(value)
            case .flag(let done): done ? "1" : "0"
            case .notApplicable: "/"
            case .empty: ""
            }
        }
    }

    public enum RowKind: Sendable, Equatable {
        case provinceTotal, cityTotal, countySubtotal, township, point
    }

    public struct Row: Sendable, Equatable {
        public let kind: RowKind
        public let cells: [Cell]
        /// The point's key on a point row.
        public var key: String? = nil
    }

    /// How much of the province the table covers: which total rows it has.
    public enum Scope: Sendable {
        /// 全省合计, then each city's total and its counties.
        case province
        /// The city's total and its counties.
        case city
        /// The county's subtotal, townships and points; column 1 names the city on the first row.
        case county
    }

    public let rows: [Row]
    /// Zero-based ranges of rows whose column 1 (市) is one merged cell: a city's name over its rows.
    public let cityRowSpans: [(name: String, rows: ClosedRange<Int>)]

    public static func == (lhs: MonthlyReportTable, rhs: MonthlyReportTable) -> Bool {
        lhs.rows == rhs.rows && lhs.cityRowSpans.map(\.name) == rhs.cityRowSpans.map(\.name)
            && lhs.cityRowSpans.map(\.rows) == rhs.cityRowSpans.map(\.rows)
    }

    /// Points and done tasks of a block of rows; tasks counted by column 16–24 in one vector (no allocation per point).
    struct Counts {
        var townships = 0, villages = 0, communities = 0
        var tasks = SIMD16<Int32>()
        var total: Int { townships + villages + communities }

        mutating func add(_ other: Counts) {
            townships += other.townships; villages += other.villages; communities += other.communities
            tasks &+= other.tasks
        }

        func done(_ task: ReportTask) -> Int { Int(tasks[task.rawValue - 16]) }
    }

    public init(cities: [ReportInput.City], scope: Scope = .province) {
        var rows: [Row] = []
        var spans: [(String, ClosedRange<Int>)] = []
        var province = Counts()
        var cityBlocks: [[Row]] = []
        var cityCounts: [Counts] = []
        for city in cities {
            var block: [Row] = []
            var cityTotal = Counts()
            for county in city.counties {
                var countyRows: [Row] = []
                var countyTotal = Counts()
                for township in county.townships {
                    var townshipTotal = Counts()
                    var pointRows: [Row] = []
                    pointRows.reserveCapacity(township.points.count)
                    for point in township.points where point.kind != .bankBranch {
                        switch point.kind {
                        case .townshipCentre: townshipTotal.townships += 1
                        case .village: townshipTotal.villages += 1
                        case .community: townshipTotal.communities += 1
                        case .bankBranch: break
                        }
                        for task in ReportTask.pointTasks where task.applies(to: point.kind) && point.tasks[task] {
                            townshipTotal.tasks[task.rawValue - 16] &+= 1
                        }
                        pointRows.append(Self.pointRow(point, township: township.name))
                    }
                    countyRows.append(Self.sumRow(.township, city: "", name: township.name, townshipTotal, countyTasks: nil))
                    countyRows += pointRows
                    countyTotal.add(townshipTotal)
                }
                for task in ReportTask.allCases where task.isCountyTask && county.tasks[task] { countyTotal.tasks[task.rawValue - 16] = 1 }
                block.append(Self.sumRow(.countySubtotal, city: "", name: county.name + "小计", countyTotal, countyTasks: county.tasks))
                block += countyRows
                cityTotal.add(countyTotal)
            }
            cityBlocks.append(block)
            cityCounts.append(cityTotal)
            province.add(cityTotal)
        }
        if scope == .province { rows.append(Self.sumRow(.provinceTotal, city: "", name: "全省合计", province, countyTasks: nil)) }
        for (index, city) in cities.enumerated() {
            let first = rows.count
            let label = scope == .county ? city.name : "\(city.name)（\(city.counties.count)）"
            if scope == .county {
                var block = cityBlocks[index]
                if let head = block.first {
                    block[0] = Row(kind: head.kind, cells: [.text(label)] + head.cells.dropFirst(), key: head.key)
                }
                rows += block
            } else {
                rows.append(Self.sumRow(.cityTotal, city: label, name: city.name + "合计", cityCounts[index], countyTasks: nil))
                rows += cityBlocks[index]
            }
            if rows.count > first { spans.append((city.name, first...(rows.count - 1))) }
        }
        self.rows = rows
        self.cityRowSpans = spans
    }

    /// A total, subtotal or township row: counts in 3–6, `/` in 7–15, tasks as counts of what is done (the county's
    /// own row carries its 16, 17 and 24 as 1 or 0).
    static func sumRow(_ kind: RowKind, city: String, name: String, _ counts: Counts, countyTasks: ReportTasks?) -> Row {
        var cells: [Cell] = [city.isEmpty ? .empty : .text(city), .text(name), .number(counts.total), .number(counts.townships),
                             .number(counts.villages), .number(counts.communities)]
        cells += Array(repeating: .notApplicable, count: 9)
        for task in ReportTask.allCases {
            if let countyTasks, task.isCountyTask {
                cells.append(.flag(countyTasks[task]))
            } else if kind == .township && task.isCountyTask {
                cells.append(.empty)
            } else {
                cells.append(.number(counts.done(task)))
            }
        }
        return Row(kind: kind, cells: cells)
    }

    static func pointRow(_ point: ReportInput.Point, township: String) -> Row {
        var cells: [Cell] = [.empty, .empty, .empty, .empty, .empty, .empty, .text(township), .text(point.divisionName)]
        cells.reserveCapacity(MonthlyReportLayout.columnCount)
        cells.append(point.areaCentiKm2.map { .decimal(Self.hundredths($0)) } ?? .empty)
        cells.append(point.population.map { .decimal(Self.tenThousands($0)) } ?? .empty)
        cells += [.text(point.institution), .text(point.address), .text(point.coordinate.longitudeText),
                  .text(point.coordinate.latitudeText), .text(Self.kilometres(point.farthestResidenceMeters))]
        for task in ReportTask.allCases {
            if task.isCountyTask { cells.append(.empty) }
            else if !task.applies(to: point.kind) { cells.append(.notApplicable) }
            else { cells.append(.flag(point.tasks[task])) }
        }
        return Row(kind: .point, cells: cells, key: point.key)
    }

    /// 1234 → `12.34`.
    static func hundredths(_ value: Int) -> String {
        let cents = value % 100
        return "\(value / 100)." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Residents in 万人 with two decimals, rounded half up: 12345 → `1.23`.
    static func tenThousands(_ residents: Int) -> String {
        hundredths((residents + 50) / 100)
    }

    /// Metres as kilometres with one decimal: 2350 → `2.4公里`.
    public static func kilometres(_ meters: Int) -> String {
        let tenths = (meters + 50) / 100
        return "\(tenths / 10).\(tenths % 10)公里"
    }

    /// The row whose column 2 reads `name` (`芮城县小计`, `风陵渡镇`).
    public func row(named name: String) -> Row? {
        rows.first { $0.cells[1] == .text(name) }
    }
}
