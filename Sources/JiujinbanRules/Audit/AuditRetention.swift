import Foundation

/// 审计日志保存期限 (S19): network logs are kept at least six months (Cybersecurity Law art. 21(3), art. 23(3) from
/// 2026-01-01), taken as 184 days, the longest six consecutive months. A purge removes only rows older than its cut,
/// and never a cut that would reach a row younger than 184 days by the platform clock.
public enum AuditRetention {
    public static let minimumDays = 184

    /// What the operator asked to keep.
    public enum Request: Hashable, Sendable {
        /// Purge rows from before midnight (Beijing time) starting this date.
        case before(CalendarDate)
        /// Purge rows older than this many days.
        case keepDays(Int)
    }

    /// The instant before which rows may be purged, or why the request is refused.
    public static func cut(_ request: Request, now: Date) -> Result<AuditInstant, AuditRetentionError> {
        let earliestAllowed = AuditInstant(now.addingTimeInterval(-Double(minimumDays) * 86_400))
        switch request {
        case .keepDays(let days):
            guard days >= minimumDays else { return .failure(.keepsTooFewDays(days)) }
            // Days beyond a few centuries cannot name a row of this platform; the cut then removes nothing.
            let kept = min(days, 100_000)
            return .success(AuditInstant(now.addingTimeInterval(-Double(kept) * 86_400)))
        case .before(let date):
            // Midnight at the start of `date` in Asia/Shanghai (UTC+8 without daylight saving since 1991).
            let cut = AuditInstant(millisecondsSince1970: Int64(date.dayNumber) * 86_400_000 - 8 * 3_600_000)
            guard cut <= earliestAllowed else {
                return .failure(.cutTooRecent(date, latestAllowed: CalendarDate(earliestAllowed.date)))
            }
            return .success(cut)
        }
    }
}

/// Why a purge was refused, in Chinese for the operator.
public enum AuditRetentionError: Error, Hashable, Sendable {
    case keepsTooFewDays(Int)
    /// Carries the latest date a `--before` may name today.
    case cutTooRecent(CalendarDate, latestAllowed: CalendarDate)

    public var message: String {
        switch self {
        case .keepsTooFewDays(let days):
            "审计日志至少保存\(AuditRetention.minimumDays)天（6个月），不能只保留\(days)天"
        case .cutTooRecent(let date, let latest):
            "审计日志至少保存\(AuditRetention.minimumDays)天（6个月）：不能清理\(date.chinese)之前的记录，"
                + "今天最晚只能清理\(latest.chinese)之前的记录"
        }
    }
}
