import Foundation

/// 责任清单: for each business area, the 业务骨干 of a county who answers its guidance questions. A gap falls back
/// to the county business admin and is flagged, so the county sees which area lacks its expert.
public struct ResponsibilityList: Sendable, Equatable {
    public var entries: [BusinessArea: UUID]

    public init(entries: [BusinessArea: UUID] = [:]) {
        self.entries = entries
    }

    public enum Assignment: Hashable, Sendable {
        /// The expert the list names for the area.
        case responsible(UUID)
        /// Nobody is named: the county business admin takes it (flagged as a gap in the list).
        case fallback(UUID)
        /// Nobody is named and the county has no business admin: the report waits at the department unassigned.
        case unassigned

        public var account: UUID? {
            switch self {
            case .responsible(let id), .fallback(let id): id
            case .unassigned: nil
            }
        }

        public var isGap: Bool {
            if case .responsible = self { false } else { true }
        }
    }

    public func assignee(for area: BusinessArea, businessAdmin: UUID?) -> Assignment {
        if let expert = entries[area] { return .responsible(expert) }
        return businessAdmin.map(Assignment.fallback) ?? .unassigned
    }

    /// The areas nobody is named for.
    public var gaps: [BusinessArea] { BusinessArea.allCases.filter { entries[$0] == nil } }
}
