import Foundation

/// 所属单位: the unit an account belongs to.
public enum OrgUnit: Hashable, Sendable {
    /// 人社部门: the HR department of a province, city or county division.
    case department(DivisionCode)
    /// 服务点: a township centre, village or community point, or a cooperating bank branch.
    case servicePoint(id: UUID, kind: ServicePointKind, divisionCode: DivisionCode)

    /// Where a unit sits in the administration.
    public enum Level: String, CaseIterable, Hashable, Sendable {
        case provinceDepartment
        case cityDepartment
        case countyDepartment
        case servicePoint

        public var label: String {
            switch self {
            case .provinceDepartment: "省级人社部门"
            case .cityDepartment: "市级人社部门"
            case .countyDepartment: "县级人社部门"
            case .servicePoint: "服务点"
            }
        }
    }

    /// The unit's level, or nil for a malformed unit: a department below county level (there is no township HR
    /// department) or a service point whose kind does not fit its division (a village point on a township code).
    public var level: Level? {
        switch self {
        case .department(let code):
            switch code.depth {
            case 0: return .provinceDepartment
            case 1: return .cityDepartment
            case 2: return .countyDepartment
            default: return nil
            }
        case .servicePoint(_, let kind, let code):
            let fits = DivisionLevel.allCases.contains { code.admits($0) && kind.admits($0) }
            return fits ? .servicePoint : nil
        }
    }

    public var divisionCode: DivisionCode {
        switch self {
        case .department(let code): code
        case .servicePoint(_, _, let code): code
        }
    }

    public var servicePointKind: ServicePointKind? {
        if case .servicePoint(_, let kind, _) = self { kind } else { nil }
    }

    public var isProvinceDepartment: Bool { level == .provinceDepartment }
    public var isCityDepartment: Bool { level == .cityDepartment }
    public var isCountyDepartment: Bool { level == .countyDepartment }
    public var isServicePoint: Bool { level == .servicePoint }

    /// The province the unit lies in.
    public var province: DivisionCode { divisionCode.ancestor(atDepth: 0)! }

    /// The city the unit lies in; nil for the province department.
    public var city: DivisionCode? { divisionCode.ancestor(atDepth: 1) }

    /// The county the unit lies in; nil for province and city departments.
    public var county: DivisionCode? { divisionCode.ancestor(atDepth: 2) }

    /// What the unit's users may see: a department its division's subtree, a service point only its own point.
    public var scope: DataScope {
        switch self {
        case .department(let code): .subtree(code)
        case .servicePoint(let id, _, let code): .servicePoint(id, within: code)
        }
    }

    /// The kind of unit in Chinese (`县级人社部门`, `行政村服务点`); naming the division is left to the views.
    public var label: String {
        switch self {
        case .department: level?.label ?? "人社部门"
        case .servicePoint(_, let kind, _): kind.label
        }
    }
}

/// 数据范围: the records a user may see and change, by administrative division (S13).
public enum DataScope: Hashable, Sendable {
    /// A department's division and everything below it.
    case subtree(DivisionCode)
    /// One service point only.
    case servicePoint(UUID, within: DivisionCode)

    /// Whether a record that belongs to a division (and to no particular point) is visible. A point-scoped user
    /// sees no such record: division-level data is department data.
    public func covers(divisionCode: DivisionCode) -> Bool {
        switch self {
        case .subtree(let root): root.contains(divisionCode)
        case .servicePoint: false
        }
    }

    /// Whether the page of the division `code` opens: a department's division and those below it; a service point's
    /// own division only (its township, village or community: the one its point sits on). Links to a division are
    /// drawn by the same rule, so none leads to a page that answers 404.
    public func showsDivisionPage(_ code: DivisionCode) -> Bool {
        switch self {
        case .subtree(let root): root.contains(code)
        case .servicePoint(_, let within): within == code
        }
    }

    /// Whether a record of the service point `id`, which sits on `divisionCode`, is visible.
    public func covers(servicePoint id: UUID, in divisionCode: DivisionCode) -> Bool {
        switch self {
        case .subtree(let root): root.contains(divisionCode)
        case .servicePoint(let own, let within): own == id && within == divisionCode
        }
    }
}

extension DivisionCode {
    /// The division at `depth` on the path from the province down to this one (itself at its own depth), or nil
    /// when this division is above that depth.
    public func ancestor(atDepth depth: Int) -> DivisionCode? {
        guard depth <= self.depth else { return nil }
        var code = self
        while code.depth > depth, let parent = code.parent { code = parent }
        return code
    }
}
