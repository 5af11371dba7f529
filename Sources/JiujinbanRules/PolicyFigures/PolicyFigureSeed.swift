import Foundation

/// The figures researched in `policy-figures.md` (December 2026), every row with its document and confidence, loaded
/// once into a fresh database (`M0036CreatePolicyFigures`). Kept as Swift data rather than a JSON asset: the keys,
/// kinds and dates are checked by the compiler and by the rules' tests, and the migration cannot meet a file that
/// fails to read at start-up.
///
/// Nothing here is invented. A row is confirmed only when the document gives its value and its day and the source
/// is official or a secondary report; anything else is 待核实: with the value when one was found, without when not.
/// A figure whose start day was not found at all is entered from `undatedFrom`, the start of the resident pension
/// pilots, so that every computation on any day finds it and waits for its confirmation.
public enum PolicyFigureSeed {
    public struct Row: Sendable {
        public let key: PolicyFigureKey
        /// The 6-digit county code of a county's row; nil for the province.
        public let countyCode: String?
        public let from: CalendarDate
        /// Whether the document gives the day the value takes effect (a year alone does not).
        public let dayFound: Bool
        public let value: PolicyFigureValue?
        public let source: String
        public let confidence: PolicyFigureConfidence

        public var status: PolicyFigureStatus {
            value != nil && dayFound && [.official, .secondary].contains(confidence) ? .confirmed : .unconfirmed
        }

        public var county: DivisionCode? { countyCode.flatMap { try? DivisionCode.county($0) } }
    }

    /// The day undated rows are entered from.
    public static let undatedFrom = day(2009, 1, 1)
    static let ruicheng = "140830"

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }
    static func yuan(_ y: Int) -> PolicyFigureValue { .amount(fen: y * 100) }
    static func percent(_ p: Int) -> PolicyFigureValue { .rate(basisPoints: p * 100) }
    static func grades(_ pairs: [(Int, Int)]) -> PolicyFigureValue {
        .grades(pairs.map { .init(contributionFen: $0.0 * 100, subsidyFen: $0.1 * 100) })
    }

    static func row(_ key: PolicyFigureKey, _ from: CalendarDate, _ value: PolicyFigureValue?, _ source: String,
                    _ confidence: PolicyFigureConfidence, county: String? = nil, dayFound: Bool = true) -> Row {
        Row(key: key, countyCode: county, from: from, dayFound: dayFound, value: value, source: source, confidence: confidence)
    }

    public static let rows: [Row] = firstRows + platform + training

    /// The rows `M0036CreatePolicyFigures` loads: fixed, since a migration that has run must not change.
    public static let firstRows: [Row] = resident + supplementary + wages + skills + flexible

    static let resident: [Row] = [
        row(.centralBasicPension, day(2018, 1, 1), yuan(88), "人社部、财政部2018年通知（转载）", .secondary),
        row(.centralBasicPension, day(2023, 7, 1), yuan(103), "人社部发〔2023〕42号（转载）", .secondary),
        row(.centralBasicPension, day(2024, 1, 1), yuan(123),
            "2024年政府工作报告（提高20元）；生效日期据省级通知“根据国家统一部署，从2024年1月1日起”推算", .inferred),
        row(.centralBasicPension, day(2025, 1, 1), yuan(143), "2025年政府工作报告（提高20元）；生效日期未找到", .secondary, dayFound: false),
        row(.centralBasicPension, day(2026, 1, 1), yuan(163), "2026年政府工作报告（仅公布）；生效日期未找到", .secondary, dayFound: false),
        row(.provincialBasicPension, undatedFrom, nil, "来源互相矛盾（一说2023-01-01起为123元）；未找到山西省文件", .weak, dayFound: false),
        row(.countyBasicPension, undatedFrom, nil, "运城市、芮城县加发标准未找到", .notFound, county: ruicheng, dayFound: false),
        row(.extraPerYearBeyond15, undatedFrom, yuan(1), "仅一处非官方网页；生效日期未找到", .weak, dayFound: false),
        row(.residentDivisor, day(2014, 1, 1), .count(139), "国发〔2014〕8号（仅知年份2014）", .secondary, dayFound: false),
        row(.residentGrades, undatedFrom,
            grades([(200, 35), (300, 40), (500, 60), (700, 80), (1000, 100), (1500, 140), (2000, 180), (3000, 220), (4000, 260), (5000, 300)]),
            "两处非官方网页一致；生效日期未找到。国家下限：最低档补贴不低于30元，500元及以上档不低于60元（国发〔2014〕8号）", .secondary,
            dayFound: false),
        row(.personalAccountInterest, undatedFrom, nil, "山西省个人账户记账利率未找到", .notFound, dayFound: false),
        row(.ruralPensionStart, undatedFrom, nil, "芮城县新农保实施日期未找到（全国首批试点2009年12月，中国政府网2011-12-14）", .notFound,
            county: ruicheng, dayFound: false),
        row(.urbanResidentPensionStart, undatedFrom, nil, "芮城县城居保实施日期未找到（全国试点2011-07-01，中国政府网2011-12-14）", .notFound,
            county: ruicheng, dayFound: false),
    ]

    static let supplementaryLaw = "《山西省城乡居民补充养老保险条例》（省人大常委会2020年通过，2021-01-01施行）"
    static let supplementary: [Row] = [
        row(.supplementaryStart, day(2021, 1, 1), .date(day(2021, 1, 1)), supplementaryLaw, .secondary),
        row(.supplementaryDivisor, day(2021, 1, 1), .count(120), supplementaryLaw + "；运城市办事指南公式相同", .secondary),
        row(.supplementaryGrades, day(2021, 1, 1), grades([(200, 70), (500, 120), (1000, 200), (2000, 360), (5000, 600)]),
            supplementaryLaw + "（三处来源一致）；补缴及未缴年度不补贴", .secondary),
        row(.supplementaryExit65to79, day(2021, 1, 1), yuan(20), supplementaryLaw, .secondary),
        row(.supplementaryExit80, day(2021, 1, 1), yuan(30), supplementaryLaw, .secondary),
        row(.supplementaryLowIncomeAddOn, day(2021, 1, 1), yuan(200), supplementaryLaw + "（单一来源）；不与低保、特困同享", .secondary),
    ]

    static let wages: [Row] = [
        row(.minimumWageClass1, day(2021, 10, 1), yuan(1880), "山西省2021年最低工资标准（文号未找到）", .secondary),
        row(.minimumWageClass2, day(2021, 10, 1), yuan(1760), "山西省2021年最低工资标准（文号未找到）", .secondary),
        row(.minimumWageClass3, day(2021, 10, 1), yuan(1630), "山西省2021年最低工资标准（文号未找到）", .secondary),
        row(.minimumWageClass1, day(2023, 1, 1), yuan(1980), "晋政办发〔2023〕9号", .secondary),
        row(.minimumWageClass2, day(2023, 1, 1), yuan(1880), "晋政办发〔2023〕9号", .secondary),
        row(.minimumWageClass3, day(2023, 1, 1), yuan(1780), "晋政办发〔2023〕9号", .secondary),
        row(.minimumWageClass1, day(2025, 1, 1), yuan(2150), "晋政办发〔2024〕58号（小时12.4元）", .official),
        row(.minimumWageClass2, day(2025, 1, 1), yuan(2050), "晋政办发〔2024〕58号（小时11.8元）", .official),
        row(.minimumWageClass3, day(2025, 1, 1), yuan(1950), "晋政办发〔2024〕58号（小时11.2元）", .official),
        row(.countyMinimumWageClass, day(2021, 10, 1), .count(2), "2021年山西省最低工资标准类区名单", .secondary, county: ruicheng),
        row(.countyMinimumWageClass, day(2023, 1, 1), .count(2), "晋政办发〔2023〕9号类区名单（推算，未见原文）", .inferred, county: ruicheng),
        row(.countyMinimumWageClass, day(2025, 1, 1), .count(2), "晋政办发〔2024〕58号类区名单", .secondary, county: ruicheng),
        row(.unemploymentBenefitRate, day(2018, 5, 1), percent(80), "省人社厅、财政厅通知：当地最低工资标准的80%", .secondary),
        row(.unemploymentBenefitRate, day(2021, 10, 1), percent(85), "《关于调整我省失业保险金标准的通知》：全省统一每月1598元", .secondary),
        row(.unemploymentBenefitRate, day(2023, 1, 1), percent(90),
            "晋人社厅发〔2022〕81号：一类最低工资标准的90%，全省统一，随之自动调整（2023–24年1782元，2025年起1935元）", .official),
    ]

    static let skillSource = "人社部发〔2017〕40号（2017年起，仅知年份）；人社部发〔2022〕23号、〔2024〕40号及2025年通知同为至多此数"
    static let skills: [Row] = [
        row(.skillSubsidyJunior, day(2017, 1, 1), yuan(1000), skillSource, .secondary, dayFound: false),
        row(.skillSubsidyIntermediate, day(2017, 1, 1), yuan(1500), skillSource, .secondary, dayFound: false),
        row(.skillSubsidySenior, day(2017, 1, 1), yuan(2000), skillSource, .secondary, dayFound: false),
    ]

    static let flexible: [Row] = [
        row(.flexibleAverageWage, day(2024, 1, 1), yuan(6855), "晋人社厅发〔2024〕39号", .secondary),
        row(.flexibleBaseLower, day(2024, 1, 1), yuan(4113), "晋人社厅发〔2024〕39号（平均工资的60%）", .secondary),
        row(.flexibleBaseUpper, day(2024, 1, 1), yuan(20564), "晋人社厅发〔2024〕39号（平均工资的300%）", .secondary),
        row(.flexibleAverageWage, day(2025, 1, 1), yuan(6997), "晋人社厅发〔2025〕35号", .secondary),
        row(.flexibleBaseLower, day(2025, 1, 1), yuan(4198), "晋人社厅发〔2025〕35号（平均工资的60%）", .secondary),
        row(.flexibleBaseUpper, day(2025, 1, 1), yuan(20991), "晋人社厅发〔2025〕35号（平均工资的300%）", .secondary),
        row(.employeeContributionRate, day(2006, 1, 1), percent(20), "国发〔2005〕38号（2006年起，仅知年份）", .secondary, dayFound: false),
        row(.employeePersonalAccountRate, day(2006, 1, 1), percent(8), "国发〔2005〕38号（2006年起，仅知年份）", .secondary, dayFound: false),
    ]

    /// The platform's own time limits and marks, compiled in as dated schedules until December 2026 and loaded by
    /// `M0061SeedPlatformFigures`. Only the monthly deadline has a document; the other two were the platform's
    /// choices and wait for the province to confirm them.
    public static let platform: [Row] = [
        row(.problemReplyWorkingDays, undatedFrom, .count(3),
            "附件4要求“反馈处理结果和反馈时限”，未规定天数；3个工作日为平台初设值，待省工作专班确定", .notFound, dayFound: false),
        row(.monthlyReportDeadlineDay, undatedFrom, .count(20),
            "附件2填表说明第5条：“本表按月填报，各乡(镇)在每月20日前汇总报送至县领导小组办公室”；施行日期未写明", .official, dayFound: false),
        row(.acceptancePassMark, undatedFrom, .count(80),
            "附件5（服务点建设暨验收标准，满分100分）未规定合格分数线；80分为平台初设值，待县人社局确定", .notFound, dayFound: false),
    ]

    /// 我要学技能's wait before a follow-up (item 18), loaded by `M0068AddTrainingFollowUpWait`. The issue gives a
    /// default and no document gives a number: 待核实 until the province sets it.
    public static let training: [Row] = [
        row(.trainingFollowUpWait, undatedFrom, .count(10), "issue 24 默认值（文件未规定）", .notFound, dayFound: false),
    ]
}
