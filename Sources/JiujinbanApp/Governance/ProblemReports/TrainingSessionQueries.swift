import Fluent
import Foundation
import JiujinbanRules

extension TrainingSessions {
    /// Sessions from `today` on that concern the user: those for the user's county, and for an overseer above
    /// counties every session for a county of its division.
    static func upcoming(for staff: SignedInStaff, today: CalendarDate, on db: any Database) async throws -> [TrainingSessionRecord] {
        let sessions = try await TrainingSessionRecord.query(on: db).filter(\.$date >= today.description)
            .sort(\.$date).sort(\.$time).limit(200).all()
        return sessions.filter { concerns($0, staff) }
    }

    static func concerns(_ session: TrainingSessionRecord, _ staff: SignedInStaff) -> Bool {
        let unit = staff.account.unit
        if let county = unit.county { return session.countyCodes.contains(county.value) }
        guard staff.may(.problemOversight) else { return false }
        return session.countyCodes.contains { code in (try? DivisionCode(code)).map(staff.scope.covers(divisionCode:)) == true }
    }
}
