/// The answer of every account and authorization rule: allowed, or refused with a reason to show and audit.
public enum Decision: Hashable, Sendable {
    case allowed
    case refused(Refusal)

    public var isAllowed: Bool { self == .allowed }

    public var refusal: Refusal? {
        if case .refused(let refusal) = self { refusal } else { nil }
    }

    /// This decision if refused, otherwise the next check's: rules read as a chain of checks, first refusal wins.
    public func then(_ next: () -> Decision) -> Decision {
        isAllowed ? next() : self
    }

    static func require(_ condition: Bool, else refusal: Refusal) -> Decision {
        condition ? .allowed : .refused(refusal)
    }
}
