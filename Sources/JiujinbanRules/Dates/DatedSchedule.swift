/// A figure that changes by decision: each value holds from its date until the next one's. A rule reads the value
/// in force on the day that matters (the day a report reached a desk), so a change never rewrites the past.
public struct DatedSchedule<Value: Sendable & Equatable>: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let from: CalendarDate
        public let value: Value

        public init(from: CalendarDate, value: Value) {
            self.from = from
            self.value = value
        }
    }

    /// Oldest first.
    public let entries: [Entry]

    /// - Precondition: at least one entry; the earliest holds for every day before it too.
    public init(_ entries: [Entry]) {
        precondition(!entries.isEmpty, "a dated schedule needs a value")
        self.entries = entries.sorted { $0.from < $1.from }
    }

    /// The value in force on `date`.
    public func value(on date: CalendarDate) -> Value {
        entries.last { $0.from <= date }?.value ?? entries[0].value
    }
}
