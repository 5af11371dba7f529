/// Why a resident pension rule refused, with the Chinese message the counter shows (and the audit trail keeps).
///
/// One typed reason per problem, so an item names the problem in words and a test compares reasons, not strings.
/// Rules that check several conditions return every unmet one at once, so the counter can say them together.
public enum PensionRefusal: Error, Sendable, Equatable, Hashable {
    // Enrolment (items 28, 29)
    case underSixteen(turnsSixteenOn: CalendarDate)
    case fullTimeStudent
    case coveredBy(OtherPension)
    case alreadyEnrolled(PensionScheme)
    case notAtHukouPlace(hukouCounty: String, pointCounty: String)
    case notEnrolledInBasic
    case sixtyFiveOrOlder(turnedOn: CalendarDate)
    case gradeNotInForce(amountFen: Int, on: CalendarDate, inForce: [Int])

    // Claims (items 34, 35)
    case underDrawingAge(PensionScheme, reachesOn: CalendarDate)
    case drawsOtherPension(OtherPension)
    case alreadyDrawing(PensionScheme)
    case yearsShort(PensionScheme, required: Int, paid: Int)
    case notDrawingBasic
    case notEnrolledInSupplementary

    // Plain input
    case yearBefore1900(field: String, year: Int)
    case yearInFuture(field: String, year: Int, today: CalendarDate)
    case negativeAmount(field: String, fen: Int)
    case divisorNotPositive(field: String, divisor: Int)
    case negativeCount(field: String, value: Int)
    case negativeRate(year: Int, basisPoints: Int)
    case duplicateYear(field: String, year: Int)
    case yearsNotConsecutive(field: String, after: Int, next: Int)

    // Back payment (item 32)
    case noBackPaymentYearsRequested
    case backPaymentCurrentYear(Int)
    case backPaymentAlreadyPaid(Int)
    case backPaymentYearNotAllowed(Int, allowed: [Int])
    case topUpBeforeYearlyPayment(year: Int, unpaid: Int)
    case backPaymentBeyondFifteen(paid: Int, requested: Int)

    // Non-key changes (item 30)
    case keyField(InsuredPersonField)
    case sexFollowsIDNumber(Sex)

    // Suspension and stopping (items 31, 37)
    case contributionsAlreadySuspended(since: CalendarDate)
    case contributionsNotSuspended
    case dayBeforeSuspension(CalendarDate, suspendedOn: CalendarDate)
    case noResumptionAfterDeath
    case benefitStopped(from: PensionMonth)
    case benefitAlreadySuspended(from: PensionMonth)
    case benefitNotSuspended
    case onlyDuplicateSuspensionIsStopped
    case monthBeforeSuspension(PensionMonth, suspendedFrom: PensionMonth)
    case noEntitlement

    public var message: String {
        switch self {
        case .underSixteen(let day): "未满16周岁，不能参保（\(day)年满16周岁）"
        case .fullTimeStudent: "在校学生不能参加城乡居民基本养老保险"
        case .coveredBy(let other): "已参加\(other.chinese)，不能参加城乡居民基本养老保险"
        case .alreadyEnrolled(let scheme): "已参加\(scheme.chinese)，不能重复参保"
        case .notAtHukouPlace(let hukou, let point):
            "须在户籍所在地参保：户籍所在县（\(hukou)）与本服务点所在县（\(point)）不一致"
        case .notEnrolledInBasic: "未参加城乡居民基本养老保险（或已暂停缴费），须先参加基本养老保险"
        case .sixtyFiveOrOlder(let day): "已于\(day)年满65周岁，不能参加城乡居民补充养老保险"
        case .gradeNotInForce(let fen, let day, let inForce):
            inForce.isEmpty ? "缴费档次\(Fen.yuan(fen))在\(day)不在执行期内，且当日没有执行中的缴费档次，请联系县社保经办机构"
                : "缴费档次\(Fen.yuan(fen))在\(day)不在执行期内，可选：\(inForce.map(Fen.yuan).joined(separator: "、"))"
        case .underDrawingAge(let scheme, let day):
            "未达\(scheme.shortChinese)领取年龄\(scheme.drawingAge)周岁，\(day)起方可申领"
        case .drawsOtherPension(let other): "已领取\(other.chinese)待遇，不能再领取城乡居民基本养老保险待遇"
        case .alreadyDrawing(let scheme): "已在领取\(scheme.chinese)待遇，不能重复申领"
        case .yearsShort(let scheme, let required, let paid):
            "\(scheme.shortChinese)累计缴费年限不足：应缴\(required)年，已缴\(paid)年，还差\(required - paid)年，可先办理补缴"
        case .notEnrolledInSupplementary: "未参加城乡居民补充养老保险，不能申领补充养老保险待遇"
        case .notDrawingBasic: "尚未领取城乡居民基本养老保险待遇，须先申领基本养老保险待遇，再申领补充养老保险待遇"
        case .yearBefore1900(let field, let year): "\(field)：\(year)年早于1900年，请核实"
        case .yearInFuture(let field, let year, let today): "\(field)：\(year)年晚于今天（\(today)），请核实"
        case .negativeAmount(let field, let fen): "\(field)不能为负数（\(Fen.yuan(fen))）"
        case .negativeCount(let field, let value): "\(field)不能为负数（\(value)）"
        case .negativeRate(let year, let points): "\(year)年度记账利率不能为负数（\(points)个基点）"
        case .divisorNotPositive(let field, let divisor): "\(field)应为正整数（现为\(divisor)）"
        case .duplicateYear(let field, let year): "\(field)：\(year)年度重复"
        case .yearsNotConsecutive(let field, let after, let next): "\(field)：\(after)年度之后应为\(after + 1)年度，不是\(next)年度"
        case .noBackPaymentYearsRequested: "请选择补缴年度"
        case .backPaymentCurrentYear(let year): "\(year)年度为当年，请按正常缴费办理，不能补缴"
        case .backPaymentAlreadyPaid(let year): "\(year)年度已缴费，不能重复补缴"
        case .backPaymentYearNotAllowed(let year, let allowed):
            allowed.isEmpty ? "\(year)年度不能补缴：不符合任何补缴情形"
                : "\(year)年度不在可补缴年度内（可补缴：\(allowed.map { "\($0)" }.joined(separator: "、"))）"
        case .topUpBeforeYearlyPayment(let year, let unpaid):
            "\(year)年度属于补足15年的补缴，须先逐年缴清制度实施以来的年度（\(unpaid)年度未缴）"
        case .backPaymentBeyondFifteen(let paid, let requested):
            "已缴\(paid)年，再补缴\(requested)年将超过15年，制度实施时距领取年龄不足15年的人员累计缴费不超过15年"
        case .keyField(let field): "\(field.chinese)属于关键信息，不能在服务点变更，请本人持身份证、户口本到县社保经办机构办理"
        case .sexFollowsIDNumber(let sex): "性别以身份证号码为准，应为\(sex.chinese)"
        case .contributionsAlreadySuspended(let day): "已于\(day)暂停缴费，不能重复暂停"
        case .contributionsNotSuspended: "当前未暂停缴费，无需恢复"
        case .dayBeforeSuspension(let day, let since): "恢复日期\(day)早于暂停日期\(since)"
        case .noResumptionAfterDeath: "因死亡暂停缴费的，不能恢复缴费"
        case .benefitStopped(let month): "待遇已自\(month)起终止，不能再暂停、恢复或终止"
        case .benefitAlreadySuspended(let month): "待遇已自\(month)起暂停"
        case .benefitNotSuspended: "待遇未暂停，无需恢复"
        case .onlyDuplicateSuspensionIsStopped: "只有因疑似重复领取暂停的待遇经核实后可终止；死亡请按死亡办理"
        case .monthBeforeSuspension(let month, let from): "\(month)早于暂停起始月\(from)"
        case .noEntitlement: "参保台账中没有该群众的城乡居民养老保险待遇记录，不能办理待遇暂停或终止"
        }
    }
}

/// 其他基本养老保险: coverage that excludes the resident basic scheme (domain-rules §4; a person cannot hold or draw
/// both, which is also the ground of the "suspected duplicate" suspension).
public enum OtherPension: String, Sendable, CaseIterable, Codable {
    case employeePension
    case civilServicePension

    public var chinese: String {
        switch self {
        case .employeePension: "职工基本养老保险"
        case .civilServicePension: "机关事业单位基本养老保险"
        }
    }
}

/// Every refusal of one computation, in the order found: the error of the rules that check several inputs at
/// once, so the counter can name them all in one pass.
public struct PensionRefusals: Error, Sendable, Equatable, ExpressibleByArrayLiteral {
    public let all: [PensionRefusal]

    public init(_ all: [PensionRefusal]) { self.all = all }
    public init(arrayLiteral elements: PensionRefusal...) { all = elements }

    public var messages: [String] { all.map(\.message) }
}
