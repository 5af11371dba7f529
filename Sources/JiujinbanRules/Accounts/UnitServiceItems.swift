/// 可办事项: which service items a unit may act on, the ceiling of least privilege (article 5: 最小必须权限).
public enum UnitServiceItems {
    /// The items an operator at a service point of `kind` may handle: every item offered at the counter (柜面).
    /// Items served only by a kiosk have no counter step to handle.
    ///
    /// Every kind offers every counter item today. The switch is here so that narrowing one kind (a cooperating
    /// bank branch that will not take pension claims, say) is a change to its case alone.
    public static func handleable(at kind: ServicePointKind, in catalogue: ServiceCatalogue) -> Set<Int> {
        switch kind {
        case .townshipCentre, .village, .community, .bankBranch:
            Set(catalogue.items.filter { $0.channels.contains(.counter) }.map(\.seq))
        }
    }

    /// The items a county reviewer may review: those with a time limit. An item done on the spot (即时办结,
    /// 0 working days) is concluded at the counter and never waits for review.
    public static func reviewable(in catalogue: ServiceCatalogue) -> Set<Int> {
        Set(catalogue.items.filter { $0.workingDays > 0 }.map(\.seq))
    }
}
