extension Capability {
    /// The capabilities of a post holding `grants`. Deny by default: a capability not listed here is refused.
    ///
    /// Only an operator turns `.handle` grants into capabilities and only a reviewer `.review` grants; any other
    /// stored grant is ignored, so an administrator never handles or reviews business whatever the database says
    /// (articles 4 and 5, S12). Grants beyond the unit's reach are caught when granted
    /// (`PermissionPolicy.maySetGrants`) and listed by the monthly review (`PermissionPolicy.excessGrants`).
    public static func granted(to post: Post, grants: Set<ItemPermission>) -> Set<Capability> {
        var capabilities = general(of: post)
        switch post {
        case .operator:
            capabilities.formUnion(grants.filter { $0.action == .handle }.map { .handle(item: $0.item) })
        case .reviewer:
            capabilities.formUnion(grants.filter { $0.action == .review }.map { .review(item: $0.item) })
        default:
            break
        }
        return capabilities
    }

    /// The capabilities of a post holding `grants` at `unit`: what the post has, less what its kind of unit cannot
    /// use. 调度表填报 belongs to the township point alone: a village, community or bank point's row is entered by its
    /// township (the table is per township), so their operators are neither offered the page nor let in.
    public static func granted(to post: Post, grants: Set<ItemPermission>, at unit: OrgUnit) -> Set<Capability> {
        var capabilities = granted(to: post, grants: grants)
        if unit.servicePointKind != .townshipCentre {
            capabilities.remove(.enterMonthlyReport)
            // 培训统计 is per township: its point's operators read their township's, a village's do not.
            if post == .operator { capabilities.remove(.viewTrainingStatistics) }
        }
        // The training registry and the 就业困难人员 recognitions are the county's own: a city's or the province's
        // business admin (or reviewer) neither keeps them nor is offered them.
        if !unit.isCountyDepartment {
            capabilities.subtract([.manageTraining, .recogniseHardship])
        }
        return capabilities
    }

    /// The capabilities a post has whatever its item grants.
    static func general(of post: Post) -> Set<Capability> {
        switch post {
        case .systemAdmin:
            [.viewDivisions, .viewServicePoints, .manageServicePoints, .manageDivisions, .manageAccounts,
             .reviewAccountStatus, .fileAccountApplication, .reviewAccountApplications, .manageWorkCalendar, .reportProblem,
             .manageKiosks, .searchEmploymentDirectories]
        case .businessAdmin:
            [.viewDivisions, .viewServicePoints, .assignRoles, .grantItemPermissions, .reviewAccountStatus,
             .fileAccountApplication, .reviewAccountApplications, .viewCaseStatistics, .reportProblem,
             .handleGuidanceQuestions, .manageResponsibilityList, .problemOversight, .viewMonthlyReport,
             .inspectServicePoints, .reviewMonthlyReport, .searchEmploymentDirectories, .manageEmploymentDirectories,
             .viewPolicyFigures, .managePolicyFigures, .manageTraining, .viewTrainingStatistics]
        case .operator:
            [.viewDivisions, .viewServicePoints, .fileAccountApplication, .serveCitizens, .viewOwnWork, .reportProblem,
             .enterMonthlyReport, .searchEmploymentDirectories, .registerEmployers, .viewTrainingStatistics]
        case .reviewer:
            [.viewDivisions, .viewServicePoints, .serveCitizens, .viewOwnWork, .viewCaseStatistics, .reportProblem, .searchEmploymentDirectories,
             .viewPolicyFigures, .recogniseHardship]
        case .expert:
            [.viewDivisions, .viewServicePoints, .viewOwnWork, .handleGuidanceQuestions, .reportProblem, .searchEmploymentDirectories]
        case .taskForce:
            [.viewDivisions, .viewServicePoints, .taskForceQueue, .viewCaseStatistics, .reportProblem, .problemOversight,
             .scheduleTraining, .viewMonthlyReport, .searchEmploymentDirectories]
        case .cityOfficer:
            [.viewDivisions, .viewServicePoints, .forwardAccountApplications, .receiveApplicationFilings,
             .handleEscalatedQuestions, .viewCaseStatistics, .reportProblem, .problemOversight, .viewMonthlyReport, .searchEmploymentDirectories]
        case .auditor:
            [.readAuditTrail]
        }
    }
}

extension StaffAccount {
    /// Whether this account may use `capability`. Only an active account whose role has been associated may do
    /// anything (S06): a frozen, locked or deactivated account is refused everything, which is what ends its
    /// sessions' rights at once, and so is a new account until its business admin associates its role.
    public func may(_ capability: Capability, grants: Set<ItemPermission> = []) -> Bool {
        isEffective && Capability.granted(to: post, grants: grants, at: unit).contains(capability)
    }
}
