import Foundation

extension SiteURL {
    /// 缴费信息查询 (item 33): a person's contributions by year in both resident schemes, printable.
    static func insuranceContributions(citizen: UUID) -> SiteURL {
        SiteURL(["insurance", "contributions", ":citizen"], "/insurance/contributions/\(citizen.uuidString.lowercased())")
    }

    /// 待遇发放记录查询 (item 36): the entitlements with this month's composition and the payment records, printable.
    static func insurancePayments(citizen: UUID) -> SiteURL {
        SiteURL(["insurance", "payments", ":citizen"], "/insurance/payments/\(citizen.uuidString.lowercased())")
    }
}
