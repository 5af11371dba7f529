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
