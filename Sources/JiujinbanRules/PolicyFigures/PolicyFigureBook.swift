import Foundation

/// How well a stored value is established: the research confidence of `policy-figures.md` for seeded rows, or an
/// administrator's entry with its document.
public enum PolicyFigureConfidence: String, CaseIterable, Sendable {
    case official, secondary, inferred, weak, notFound = "not-found", administrator

    public var label: String {
        switch self {
        case .official: "官方网站原文"
        case .secondary: "转载或报道（上线前核对原文）"
        case .inferred: "推算"
        case .weak: "来源单一或互相矛盾"
        case .notFound: "未找到"
        case .administrator: "业务管理员依文件录入"
        }
    }
}

/// 已确认 or 待核实. A computation may use a 待核实 value (or find none), but it cannot be approved until a business
/// admin confirms the figure with its document.
public enum PolicyFigureStatus: String, Sendable {
    case confirmed, unconfirmed

    public var label: String { self == .confirmed ? "已确认" : "待核实" }
}

/// One dated value of one figure, for the province or one county. `validTo` is the last day the value holds
/// (inclusive); nil while it is the current value. A row is never edited in place once it holds a value: it is
/// ended by its successor (`PolicyFigureChange.successor`), or, while 待核实, confirmed with its document, or
/// replaced by its correction (`PolicyFigureChange.correction`), which leaves it as it was, marked 已更正.
public struct PolicyFigureRow: Sendable, Equatable, Identifiable {
    public let id: UUID
    public let key: PolicyFigureKey
    /// The county a county-scoped row belongs to (`140830000000`); nil for a provincial row.
    public let county: DivisionCode?
    public let validFrom: CalendarDate
    public let validTo: CalendarDate?
    public let value: PolicyFigureValue?
    public let source: String
    public let confidence: PolicyFigureConfidence
    public let status: PolicyFigureStatus
    /// 已更正: set when a correction took this row's place; the row is then never read, only found by its id.
    public let supersession: PolicyFigureSupersession?

    public init(id: UUID, key: PolicyFigureKey, county: DivisionCode?, validFrom: CalendarDate, validTo: CalendarDate?,
                value: PolicyFigureValue?, source: String, confidence: PolicyFigureConfidence, status: PolicyFigureStatus,
                supersession: PolicyFigureSupersession? = nil) {
        self.id = id
        self.key = key
        self.county = county
        self.validFrom = validFrom
        self.validTo = validTo
        self.value = value
        self.source = source
        self.confidence = confidence
        self.status = status
        self.supersession = supersession
    }

    public var isSuperseded: Bool { supersession != nil }

    public func holds(on date: CalendarDate) -> Bool {
        validFrom <= date && (validTo.map { date <= $0 } ?? true)
    }
}

/// 已更正: a 待核实 row whose value was wrong, replaced by a confirmed row with the same key, county and period and
/// the corrected value. Who corrected it and when, and the row that took its place.
public struct PolicyFigureSupersession: Sendable, Equatable {
    public let correctionID: UUID
    public let at: Date
    /// The business admin's account; nil only for a row corrected outside the web (none today).
    public let byAccount: UUID?

    public init(correctionID: UUID, at: Date, byAccount: UUID?) {
        self.correctionID = correctionID
        self.at = at
        self.byAccount = byAccount
    }
}

/// What a computation stores about a figure it used: the row, its value (nil when none is known) and whether it
/// was confirmed, so a receipt printed today can be explained next year and approval waits for a 待核实 figure.
public struct PolicyFigureUse: Sendable, Equatable {
    public let key: PolicyFigureKey
    public let rowID: UUID
    public let value: PolicyFigureValue?
    public let status: PolicyFigureStatus
    public let source: String

    public init(key: PolicyFigureKey, rowID: UUID, value: PolicyFigureValue?, status: PolicyFigureStatus, source: String) {
        self.key = key
        self.rowID = rowID
        self.value = value
        self.status = status
        self.source = source
    }
}

/// The answer to "what is this figure on that day".
public enum PolicyFigureResolution: Sendable, Equatable {
    /// Confirmed, with its value and source.
    case confirmed(PolicyFigureUse)
    /// A row holds on the day but is 待核实 (its value may be missing).
    case unconfirmed(PolicyFigureUse)
    /// No row holds on the day.
    case none

    /// The value when one is known, confirmed or not.
    public var value: PolicyFigureValue? {
        switch self {
        case .confirmed(let use), .unconfirmed(let use): use.value
        case .none: nil
        }
    }

    public var use: PolicyFigureUse? {
        switch self {
        case .confirmed(let use), .unconfirmed(let use): use
        case .none: nil
        }
    }

    /// Whether a computation that used this may be approved.
    public var isConfirmed: Bool { if case .confirmed = self { true } else { false } }
}

/// The dated rows of every figure, as loaded for one request: a pure value a computation resolves its figures on.
/// A row marked 已更正 is kept apart (`superseded`): no reading, history or schedule sees it, only `row(id:)`, so a
/// computation that stored its id still explains itself.
public struct PolicyFigureBook: Sendable, Equatable {
    /// The rows in force for reading: every row but those a correction replaced.
    public let rows: [PolicyFigureRow]
    /// The rows a correction replaced (已更正).
    public let superseded: [PolicyFigureRow]

    public init(rows: [PolicyFigureRow]) {
        let sorted = rows.sorted { ($0.key.rawValue, $0.county?.value ?? "", $0.validFrom) < ($1.key.rawValue, $1.county?.value ?? "", $1.validFrom) }
        self.rows = sorted.filter { !$0.isSuperseded }
        self.superseded = sorted.filter(\.isSuperseded)
    }

    /// The figure in force on `date`. A province-scoped key ignores `county`; a county-scoped key reads only that
    /// county's rows (there is no provincial value to fall back on), and without a county finds none.
    public func resolve(_ key: PolicyFigureKey, on date: CalendarDate, county: DivisionCode? = nil) -> PolicyFigureResolution {
        let owner: DivisionCode?
        switch key.definition.scope {
        case .province: owner = nil
        case .county:
            guard let countyCode = county?.ancestor(atDepth: 2) else { return .none }
            owner = countyCode
        }
        guard let row = rows.first(where: { $0.key == key && $0.county == owner && $0.holds(on: date) }) else { return .none }
        let use = PolicyFigureUse(key: key, rowID: row.id, value: row.value, status: row.status, source: row.source)
        return row.status == .confirmed && row.value != nil ? .confirmed(use) : .unconfirmed(use)
    }

    /// Every row of a key for the province (`county` nil) or one county, newest first.
    public func history(_ key: PolicyFigureKey, county: DivisionCode?) -> [PolicyFigureRow] {
        rows.filter { $0.key == key && $0.county == county }.sorted { $0.validFrom > $1.validFrom }
    }

    /// Every row of a key, 已更正 ones included, newest first, each replaced row right after its correction: what the
    /// figure's page lists.
    public func record(_ key: PolicyFigureKey, county: DivisionCode?) -> [PolicyFigureRow] {
        let replaced = superseded.filter { $0.key == key && $0.county == county }
        return history(key, county: county).flatMap { row in [row] + replaced.filter { $0.supersession?.correctionID == row.id } }
    }

    /// The latest row: the one a successor ends.
    public func latest(_ key: PolicyFigureKey, county: DivisionCode?) -> PolicyFigureRow? {
        history(key, county: county).first
    }

    /// Any row by its id, 已更正 ones included.
    public func row(id: UUID) -> PolicyFigureRow? { rows.first { $0.id == id } ?? superseded.first { $0.id == id } }

    /// A whole-number figure (a count of days, a day of the month, a mark) as the dated schedule a rule reads on the
    /// day that matters to it: every row of the key that holds a value, confirmed or 待核实 (a time limit applies
    /// while the province has not yet confirmed it). Nil when no row holds a value.
    public func schedule(_ key: PolicyFigureKey, county: DivisionCode? = nil) -> DatedSchedule<Int>? {
        let owner = key.definition.scope == .county ? county?.ancestor(atDepth: 2) : nil
        let entries = rows.filter { $0.key == key && $0.county == owner }.compactMap { row -> DatedSchedule<Int>.Entry? in
            guard case .count(let value)? = row.value else { return nil }
            return DatedSchedule.Entry(from: row.validFrom, value: value)
        }
        return entries.isEmpty ? nil : DatedSchedule(entries)
    }
}
