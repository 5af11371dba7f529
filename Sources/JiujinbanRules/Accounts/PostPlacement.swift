extension OrgUnit {
    /// Whether an account of `post` may belong to this unit (article 3 and issue 3): administrators at province
    /// and county departments, operators at service points, reviewers and experts at county departments, the task
    /// force at the province department, city officers at city departments, auditors at any department.
    public func mayHold(_ post: Post) -> Decision {
        guard let level else { return .refused(.malformedUnit) }
        let allowed = switch post {
        case .systemAdmin, .businessAdmin: level == .provinceDepartment || level == .countyDepartment
        case .operator: level == .servicePoint
        case .reviewer, .expert: level == .countyDepartment
        case .taskForce: level == .provinceDepartment
        case .cityOfficer: level == .cityDepartment
        case .auditor: level != .servicePoint
        }
        return Decision.require(allowed, else: .postNotAllowedAtUnit(post, level))
    }

    /// Whether two values name the same unit. A service point is identified by its id alone, so a point whose
    /// kind was corrected is still the same unit.
    public func isSameUnit(as other: OrgUnit) -> Bool {
        switch (self, other) {
        case (.department(let a), .department(let b)): a == b
        case (.servicePoint(let a, _, _), .servicePoint(let b, _, _)): a == b
        default: false
        }
    }
}

extension Post {
    /// Where accounts of this post may be, as said in refusal messages.
    public var placementRule: String {
        switch self {
        case .systemAdmin, .businessAdmin: "\(label)只能设在省级或县级人社部门"
        case .operator: "业务操作员只能设在乡镇（街道）、行政村（社区）服务点和合作银行网点"
        case .reviewer, .expert: "\(label)只能设在县级人社部门"
        case .taskForce: "省工作专班成员只能设在省级人社部门"
        case .cityOfficer: "市级人社工作人员只能设在市级人社部门"
        case .auditor: "审计员只能设在省、市、县级人社部门"
        }
    }
}
