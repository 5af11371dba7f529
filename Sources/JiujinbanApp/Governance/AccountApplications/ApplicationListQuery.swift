import Fluent
import Foundation
import JiujinbanRules

/// One application as 申请单台账 lists it, its flow and state already named. Built by `ApplicationListQuery.lines`,
/// rendered by `ApplicationListPage`.
struct ApplicationListLine: Sendable {
    let id: UUID
    let number: String
    let applicantUnitName: String
    let flowLabel: String
    let itemSummary: String
    let stateLabel: String
    let filedAt: Date
}

enum ApplicationListQuery {
    /// The applications the user sees (`ApplicationStore.list`), newest first, as lines.
    static func lines(for staff: SignedInStaff, state: AccountApplication.State?, on db: any Database) async throws
        -> [ApplicationListLine]
    {
        try await ApplicationStore.list(for: staff, state: state, on: db).map(line)
    }

    static func line(_ record: AccountApplicationRecord) throws -> ApplicationListLine {
        ApplicationListLine(
            id: try record.requireID(), number: record.number, applicantUnitName: record.applicantUnitName,
            flowLabel: record.flowValue?.label ?? record.flow, itemSummary: record.itemSummary,
            stateLabel: record.stateValue?.label ?? record.state, filedAt: record.filedAt)
    }
}
