import Foundation

/// The codes the ledger and the exchange files share: schemes, contribution types, statuses.
///
/// The codes are this platform's own (English words, stable, documented in docs/insurance-exchange.md); an adapter
/// maps a core system's codes onto them.
public enum InsuranceScheme: String, CaseIterable, Sendable, Codable {
    /// 城乡居民基本养老保险
    case residentBasic = "resident_basic"
    /// 山西省城乡居民补充养老保险
    case residentSupplementary = "resident_supplementary"
    /// 企业职工基本养老保险 (next issue; the model already holds it)
    case employeePension = "employee_pension"
    /// 失业保险 (next issue)
    case unemployment = "unemployment"

    public var chinese: String {
        switch self {
        case .residentBasic: "城乡居民基本养老保险"
        case .residentSupplementary: "城乡居民补充养老保险"
        case .employeePension: "企业职工基本养老保险"
        case .unemployment: "失业保险"
        }
    }

    /// The first year a contribution to the scheme can belong to: a sanity bound of the file check, not a policy
    /// figure (those are the dated scheme start dates per county). 新农保 pilots began in 2009 (国发〔2009〕32号);
    /// Shanxi's supplementary scheme on 2021-01-01 (domain rules §4); the employee schemes long before any record
    /// this platform will hold.
    public var earliestYear: Int {
        switch self {
        case .residentBasic: 2009
        case .residentSupplementary: 2021
        case .employeePension: 1951
        case .unemployment: 1986
        }
    }

    /// Whether a resident scheme: its enrolment names the start kind (新农保 / 城居保) and a grade. Which grades
    /// exist on a date is a dated policy figure (`ExchangeGrades`), never a list compiled here.
    public var isResident: Bool { self == .residentBasic || self == .residentSupplementary }
}

/// 新农保 or 城居保: which of the two schemes merged in 2014 the person's enrolment started in; its start date
/// (a dated figure per county) decides the required years of a claim.
public enum SchemeStartKind: String, CaseIterable, Sendable, Codable {
    case newRural = "新农保"
    case urbanResident = "城居保"
}

/// 参保缴费, 暂停缴费, 终止.
public enum EnrolmentStatus: String, CaseIterable, Sendable, Codable {
    case contributing = "参保缴费"
    case suspended = "暂停缴费"
    case terminated = "终止"
}

/// 正常 (the year's own contribution) or 补缴 (a back payment).
public enum ContributionKind: String, CaseIterable, Sendable, Codable {
    case regular = "正常"
    case backPayment = "补缴"
}

/// 正常, 暂停, 终止.
public enum EntitlementStatus: String, CaseIterable, Sendable, Codable {
    case paying = "正常"
    case suspended = "暂停"
    case terminated = "终止"
}

/// 成功 or 失败.
public enum PaymentResult: String, CaseIterable, Sendable, Codable {
    case succeeded = "成功"
    case failed = "失败"
}
