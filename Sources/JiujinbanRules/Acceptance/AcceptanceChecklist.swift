/// 服务点建设暨验收标准 (attachment 5): 11 criteria in four parts of 25 points each, 100 in all.
public enum AcceptanceCriterion: Int, CaseIterable, Sendable, Hashable, Codable {
    case premises = 1, equipment, publicNotice
    case staffMember, permissionApplied, trained
    case unifiedProcess, unifiedPlatform, publicity
    case agreement, serviceRules

    public enum Part: Int, CaseIterable, Sendable {
        case infrastructure = 1, staffing, business, rules

        public var label: String {
            switch self {
            case .infrastructure: "一、基础设施"
            case .staffing: "二、人员配备"
            case .business: "三、开展业务"
            case .rules: "四、制度建设"
            }
        }

        public var criteria: [AcceptanceCriterion] { AcceptanceCriterion.allCases.filter { $0.part == self } }
        public var maximum: Int { criteria.map(\.maximum).reduce(0, +) }
    }

    public var part: Part {
        switch rawValue {
        case 1...3: .infrastructure
        case 4...6: .staffing
        case 7...9: .business
        default: .rules
        }
    }

    public var maximum: Int {
        switch self {
        case .premises, .equipment, .staffMember, .trained, .unifiedProcess, .publicity, .serviceRules: 10
        case .publicNotice, .permissionApplied, .unifiedPlatform: 5
        case .agreement: 15
        }
    }

    public var text: String {
        switch self {
        case .premises: "有固定的办公场所和基本的办公家具。"
        case .equipment: "有电脑、自助设备，并接入互联网络。(自助设备仅要求行政村和社区配置)"
        case .publicNotice: "有公示服务事项和办理流程的渠道和载体。"
        case .staffMember: "配备至少一名负责就业社保业务的专兼职工作人员，确保就业社保业务有人负责。"
        case .permissionApplied: "工作人员完成登录就业社保服务信息系统权限申请。"
        case .trained: "工作人员参加了培训，并能掌握就业社保服务信息系统基本操作，了解基层开展就业社保业务的基本内容。"
        case .unifiedProcess: "按照省统一规定的业务内容和办理流程开展业务。"
        case .unifiedPlatform: "使用省统一的公共服务平台办理业务。"
        case .publicity: "通过微信工作群或张贴海报等形式对外宣传基层办理就业社保业务相关内容。"
        case .agreement: "与县级人社部门签订《合作协议》。"
        case .serviceRules: "落实国家人社部规定，实行首问负责制、全程代理制、一次性告知制和责任追究制。做到办事程序公开、办事依据公开、办事时限公开、办事结果公开。"
        }
    }

    /// How the criterion reads for a point of `kind`: a township point is not asked for self-service equipment, so
    /// criterion 2 is scored on its computers and internet access alone, out of the same 10.
    public func note(for kind: ServicePointKind) -> String? {
        guard self == .equipment else { return nil }
        return kind == .village || kind == .community
            ? "行政村、社区服务点须配置自助设备" : "乡镇服务点不要求配置自助设备，按电脑和网络接入情况评分（满分10分）"
    }
}

/// A county inspector's scores for one point, checked: every criterion scored, whole points from 0 to its maximum,
/// criterion 5 only when the accounts data shows the point's staff applied for their system permissions.
public struct AcceptanceScoring: Sendable, Equatable {
    public let scores: [AcceptanceCriterion: Int]
    public var total: Int { scores.values.reduce(0, +) }

    /// Whether the total reaches the pass mark in force on the inspection's day (验收合格分数线, a dated policy
    /// figure: `PolicyFigureKey.acceptancePassMark`).
    public func passes(mark: Int) -> Bool {
        total >= mark
    }

    /// Field names `score_1` … `score_11`.
    public static func validate(_ raw: [AcceptanceCriterion: String], permissionApplied: Bool) -> Result<AcceptanceScoring, FieldErrors> {
        var errors = FieldErrors()
        var scores: [AcceptanceCriterion: Int] = [:]
        for criterion in AcceptanceCriterion.allCases {
            let field = "score_\(criterion.rawValue)"
            let text = String(String.UnicodeScalarView(TypedInput.halfWidthWithoutSpaces(raw[criterion] ?? "")))
            guard !text.isEmpty else {
                errors.add(field, "请填写第\(criterion.rawValue)项的得分")
                continue
            }
            guard let score = Int(text), score >= 0 else {
                errors.add(field, "第\(criterion.rawValue)项的得分应为0至\(criterion.maximum)的整数")
                continue
            }
            if score > criterion.maximum {
                errors.add(field, "第\(criterion.rawValue)项满分\(criterion.maximum)分，得分不能超过满分（现为\(score)分）")
            } else if criterion == .permissionApplied, score > 0, !permissionApplied {
                errors.add(field, "该服务点尚无工作人员完成系统权限申请（账号数据中没有已办结的申请单或在岗账号），第5项不能得分")
            } else {
                scores[criterion] = score
            }
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(AcceptanceScoring(scores: scores))
    }
}
