import Foundation
import JiujinbanRules

// The policy pages' values: the controllers read the document, these turn it into what `PoliciesPage.show` and
// `PolicyMaintenancePage.withdrawal` show, so the renders take no Fluent model. (The search's `PolicyRecord.Hit` is
// already a plain value.)

/// 就业政策法规 page: one document, in force or withdrawn.
struct PolicyView: Sendable {
    struct Withdrawal: Sendable {
        let on: String
        let reason: String
    }

    let id: UUID
    let title: String
    /// 发文机关 · 文号 · 发布日期.
    let leadText: String
    let paragraphs: [String]
    let withdrawal: Withdrawal?
    /// The viewer may change it (and it is in force: a withdrawn document is not changed).
    let mayChange: Bool
}

/// 废止政策法规: the document the form withdraws.
struct PolicyHeading: Sendable {
    let id: UUID
    let title: String
    /// 发文机关 · 文号.
    let sourceText: String
}

enum PolicyQueries {
    static func view(_ record: PolicyRecord, maintains: Bool) throws -> PolicyView {
        PolicyView(
            id: try record.requireID(), title: record.title,
            leadText: [record.issuer, record.documentNumber, "发布日期：\(record.issuedOn)"].compactMap { $0 }.joined(separator: " · "),
            paragraphs: record.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
            withdrawal: record.withdrawnAt.map { PolicyView.Withdrawal(on: "\(CalendarDate($0))", reason: record.withdrawnReason ?? "") },
            mayChange: maintains && !record.isWithdrawn)
    }

    static func heading(_ record: PolicyRecord) throws -> PolicyHeading {
        PolicyHeading(id: try record.requireID(), title: record.title,
                      sourceText: [record.issuer, record.documentNumber].compactMap { $0 }.joined(separator: " · "))
    }
}
