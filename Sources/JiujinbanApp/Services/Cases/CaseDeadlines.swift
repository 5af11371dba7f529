import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// A deadline that runs into a year whose holiday notice is not loaded yet is stored as provisional (暂定). When the
/// province loads that year, every open case with such a deadline is counted again on the new calendar, in the
/// loading's own transaction, so no page keeps showing a guess once the real dates are known.
enum CaseDeadlines {
    struct Recount: Equatable, Sendable {
        /// Open cases whose provisional deadline was counted again.
        var counted = 0
        /// Of those, the ones whose date moved.
        var moved = 0
    }

    static func recountProvisional(on db: any Database, calendar: WorkCalendar, catalogue: ServiceCatalogue) async throws -> Recount {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT id, item_seq, accepted_on, deadline FROM cases
            WHERE deadline_provisional = \(bind: true) AND state IN (\(binds: CaseSummary.openStates))
            """).all()
        var recount = Recount()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            guard let item = catalogue.items.first(where: { $0.seq == (try? row.decode(column: "item_seq", as: Int.self)) }),
                  let start = try await start(of: id, acceptedOn: try row.decode(column: "accepted_on", as: String.self), on: sql)
            else { continue }
            // The time limit runs from acceptance, or from the last resubmission after a return (as `CaseEngine.act`).
            let deadline = calendar.addingWorkingDays(item.workingDays, to: start)
            try await sql.raw("""
                UPDATE cases SET deadline = \(bind: deadline.date.iso), deadline_provisional = \(bind: deadline.isProvisional)
                WHERE id = \(bind: id)
                """).run()
            recount.counted += 1
            if try row.decode(column: "deadline", as: String?.self) != deadline.date.iso { recount.moved += 1 }
        }
        return recount
    }

    /// The day the case's time limit started: its last resubmission, or else its acceptance.
    private static func start(of id: UUID, acceptedOn: String, on sql: any SQLDatabase) async throws -> CalendarDate? {
        let resubmitted = try await sql.raw("""
            SELECT at FROM case_steps WHERE case_id = \(bind: id) AND action = \(bind: CaseFile.Action.resubmit.stepName)
            ORDER BY at DESC LIMIT 1
            """).first()?.decode(column: "at", as: Date.self)
        return resubmitted.map { CalendarDate($0) } ?? CalendarDate(iso: acceptedOn)
    }
}
