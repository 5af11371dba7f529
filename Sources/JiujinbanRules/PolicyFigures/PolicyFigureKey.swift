/// 政策参数目录: every figure the insurance rules (and the later employment and skill issues) read, once. A key is
/// stable: computations store it with the row they used, so a key is never renamed, only added.
public enum PolicyFigureKey: String, CaseIterable, Sendable, Codable {
    // 城乡居民基本养老保险
    case centralBasicPension = "resident.basic-pension.central"
    case provincialBasicPension = "resident.basic-pension.provincial"
    case countyBasicPension = "resident.basic-pension.county"
    case extraPerYearBeyond15 = "resident.basic-pension.extra-per-year"
    case residentDivisor = "resident.account-divisor"
    case residentGrades = "resident.grades"
    case personalAccountInterest = "resident.account-interest"
    case ruralPensionStart = "resident.start.rural"
    case urbanResidentPensionStart = "resident.start.urban"
    // 城乡居民补充养老保险
    case supplementaryStart = "supplementary.start"
    case supplementaryDivisor = "supplementary.account-divisor"
    case supplementaryGrades = "supplementary.grades"
    case supplementaryExit65to79 = "supplementary.exit-subsidy.65"
    case supplementaryExit80 = "supplementary.exit-subsidy.80"
    case supplementaryLowIncomeAddOn = "supplementary.low-income-add-on"
    // 最低工资与失业保险金
    case minimumWageClass1 = "wage.minimum.class-1"
    case minimumWageClass2 = "wage.minimum.class-2"
    case minimumWageClass3 = "wage.minimum.class-3"
    case countyMinimumWageClass = "wage.minimum.county-class"
    case unemploymentBenefitRate = "unemployment.benefit-rate"
    // 技能提升补贴
    case skillSubsidyJunior = "skill-subsidy.junior"
    case skillSubsidyIntermediate = "skill-subsidy.intermediate"
    case skillSubsidySenior = "skill-subsidy.senior"
    // 灵活就业人员参加企业职工基本养老保险
    case flexibleAverageWage = "flexible.average-wage"
    case flexibleBaseLower = "flexible.base.lower"
    case flexibleBaseUpper = "flexible.base.upper"
    case employeeContributionRate = "employee.contribution-rate"
    case employeePersonalAccountRate = "employee.personal-account-rate"
    // 平台运行规则 (once compiled in as dated schedules)
    case problemReplyWorkingDays = "platform.problem-reply-working-days"
    case monthlyReportDeadlineDay = "platform.monthly-report-deadline-day"
    case acceptancePassMark = "platform.acceptance-pass-mark"
    // 我要学技能
    case trainingFollowUpWait = "training.follow-up-wait"

    /// What the figure is: its name, group, unit, scope and kind of value.
    public var definition: PolicyFigureDefinition {
        switch self {
        case .centralBasicPension: .init("中央基础养老金最低标准", .resident, .amount, "元/人·月", .province)
        case .provincialBasicPension: .init("省级提高的基础养老金", .resident, .amount, "元/人·月", .province)
        case .countyBasicPension: .init("县级加发基础养老金", .resident, .amount, "元/人·月", .county)
        case .extraPerYearBeyond15: .init("缴费超过15年每多缴1年加发（长缴多得）", .resident, .amount, "元/人·月", .province)
        case .residentDivisor: .init("个人账户养老金计发月数（60岁）", .resident, .count, "个月", .province)
        case .residentGrades: .init("缴费档次及政府补贴（入口补）", .resident, .grades, "元/年", .province)
        case .personalAccountInterest: .init("个人账户记账利率", .resident, .rate, "%/年", .province)
        case .ruralPensionStart: .init("新型农村社会养老保险（新农保）实施日期", .resident, .date, "日期", .county)
        case .urbanResidentPensionStart: .init("城镇居民社会养老保险（城居保）实施日期", .resident, .date, "日期", .county)
        case .supplementaryStart: .init("城乡居民补充养老保险实施日期", .supplementary, .date, "日期", .province)
        case .supplementaryDivisor: .init("补充养老保险个人账户计发月数", .supplementary, .count, "个月", .province)
        case .supplementaryGrades: .init("补充养老保险缴费档次及入口补", .supplementary, .grades, "元/年", .province)
        case .supplementaryExit65to79: .init("出口补（65–79周岁）", .supplementary, .amount, "元/人·月", .province)
        case .supplementaryExit80: .init("出口补（80周岁及以上）", .supplementary, .amount, "元/人·月", .province)
        case .supplementaryLowIncomeAddOn: .init("低收入无子女赡养人员加发", .supplementary, .amount, "元/人·月", .province)
        case .minimumWageClass1: .init("月最低工资标准（一类）", .wages, .amount, "元/月", .province)
        case .minimumWageClass2: .init("月最低工资标准（二类）", .wages, .amount, "元/月", .province)
        case .minimumWageClass3: .init("月最低工资标准（三类）", .wages, .amount, "元/月", .province)
        case .countyMinimumWageClass: .init("本县执行的最低工资类别", .wages, .count, "类", .county)
        case .unemploymentBenefitRate: .init("失业保险金标准（占最低工资标准的比例）", .wages, .rate, "%", .province)
        case .skillSubsidyJunior: .init("技能提升补贴（初级工/五级）", .skills, .amount, "元", .province)
        case .skillSubsidyIntermediate: .init("技能提升补贴（中级工/四级）", .skills, .amount, "元", .province)
        case .skillSubsidySenior: .init("技能提升补贴（高级工/三级）", .skills, .amount, "元", .province)
        case .flexibleAverageWage: .init("全口径城镇单位就业人员平均工资（缴费基数）", .flexible, .amount, "元/月", .province)
        case .flexibleBaseLower: .init("缴费基数下限", .flexible, .amount, "元/月", .province)
        case .flexibleBaseUpper: .init("缴费基数上限", .flexible, .amount, "元/月", .province)
        case .employeeContributionRate: .init("灵活就业人员养老保险缴费比例", .flexible, .rate, "%", .province)
        case .employeePersonalAccountRate: .init("其中计入个人账户的比例", .flexible, .rate, "%", .province)
        case .problemReplyWorkingDays: .init("问题反映答复时限（到达承办单位之日起）", .platform, .count, "个工作日", .province)
        case .monthlyReportDeadlineDay: .init("月报表报送截止日（每月）", .platform, .count, "日", .province)
        case .acceptancePassMark: .init("服务点验收合格分数线（满分100分）", .platform, .count, "分", .province)
        case .trainingFollowUpWait: .init("培训意向未开班跟踪反馈等待时限（登记或上次跟踪之日起）", .platform, .count, "个工作日", .province)
        }
    }
}

/// One key's description. Amounts are in fen, rates in basis points (1/10000: 90 % is 9000), counts and divisors
/// whole numbers, dates calendar days; a grade table lists each grade's contribution and government subsidy in fen.
public struct PolicyFigureDefinition: Sendable, Equatable {
    public enum Group: String, CaseIterable, Sendable {
        case resident, supplementary, wages, skills, flexible, platform

        public var label: String {
            switch self {
            case .resident: "城乡居民基本养老保险"
            case .supplementary: "城乡居民补充养老保险"
            case .wages: "最低工资与失业保险金"
            case .skills: "技能提升补贴"
            case .flexible: "灵活就业人员企业职工基本养老保险"
            case .platform: "平台运行规则"
            }
        }
    }

    public enum Kind: String, Sendable { case amount, count, rate, date, grades }

    /// Province-wide (set by the province) or per county (set by each county; no provincial fallback).
    public enum Scope: String, Sendable { case province, county }

    public let name: String
    public let group: Group
    public let kind: Kind
    public let unit: String
    public let scope: Scope

    init(_ name: String, _ group: Group, _ kind: Kind, _ unit: String, _ scope: Scope) {
        self.name = name
        self.group = group
        self.kind = kind
        self.unit = unit
        self.scope = scope
    }
}
