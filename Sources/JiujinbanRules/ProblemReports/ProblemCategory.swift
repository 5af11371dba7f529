/// 问题分类 of attachment 4: what kind of problem a service point reports decides where it goes first.
public enum ProblemCategory: String, CaseIterable, Hashable, Sendable, Codable {
    /// 系统问题: an illogical flow, inconvenient operation, poor layout.
    case system
    /// 功能性问题: a module that real work needs is missing.
    case functional
    /// 业务指导性问题: an operation error, not knowing how to do something.
    case guidance

    public var label: String {
        switch self {
        case .system: "系统问题"
        case .functional: "功能性问题"
        case .guidance: "业务指导性问题"
        }
    }

    public var explanation: String {
        switch self {
        case .system: "流程不符合逻辑、操作不便捷、界面不美观等"
        case .functional: "缺少与实际工作对应的操作模块"
        case .guidance: "操作错误、不懂操作"
        }
    }
}

/// Who holds a report: the provincial task force (省工作专班), or the HR department of a city or county.
public enum ProblemDesk: Hashable, Sendable {
    case taskForce
    case department(DivisionCode)

    /// Where a report goes first (attachment 4, 三): system and functional problems straight to the provincial task
    /// force; guidance questions to the HR department of the reporter's county. nil when the reporter's unit lies
    /// above a county (a guidance question from a city or the province is not this flow's).
    public static func first(for category: ProblemCategory, reporterDivision: DivisionCode) -> ProblemDesk? {
        switch category {
        case .system, .functional:
            return .taskForce
        case .guidance:
            guard reporterDivision.depth >= 2, let county = reporterDivision.ancestor(atDepth: 2) else { return nil }
            return .department(county)
        }
    }

    /// The next step up when this desk cannot solve it: county → city → provincial task force; nil at the top.
    public var escalation: ProblemDesk? {
        switch self {
        case .taskForce: return nil
        case .department(let code):
            if code.depth >= 2, let city = code.ancestor(atDepth: 1) { return .department(city) }
            return .taskForce
        }
    }
}

extension ProblemDesk {
    /// The desk an account answers for, from its capabilities and unit: the task force's members at the province,
    /// a city's officers at the city department, a county's 业务骨干 and business admin (who takes the questions of
    /// areas without an expert) at the county department. nil for everyone else, who only reports.
    public static func held(by capabilities: Set<Capability>, in unit: OrgUnit) -> ProblemDesk? {
        switch unit.level {
        case .provinceDepartment? where capabilities.contains(.taskForceQueue):
            .taskForce
        case .cityDepartment? where capabilities.contains(.handleEscalatedQuestions):
            .department(unit.divisionCode)
        case .countyDepartment? where capabilities.contains(.handleGuidanceQuestions):
            .department(unit.divisionCode)
        default:
            nil
        }
    }

    /// What the database stores: `task_force`, or the department's division code.
    public var storageKey: String {
        switch self {
        case .taskForce: "task_force"
        case .department(let code): code.value
        }
    }

    public init?(storageKey: String) {
        if storageKey == "task_force" {
            self = .taskForce
        } else if let code = try? DivisionCode(storageKey), code.depth <= 2 {
            self = .department(code)
        } else {
            return nil
        }
    }

    /// A chain as stored: desks separated by spaces, oldest first.
    public static func chain(fromStorage text: String) -> [ProblemDesk] {
        text.split(separator: " ").compactMap { ProblemDesk(storageKey: String($0)) }
    }

    public static func storage(of chain: [ProblemDesk]) -> String {
        chain.map(\.storageKey).joined(separator: " ")
    }
}
