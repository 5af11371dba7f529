import Fluent
import Foundation
import JiujinbanRules

/// One scheduled session as the lists show it (`TrainingSessions.list`): areas and counties already named.
struct TrainingSessionLine: Sendable {
    let date: String
    let time: String
    let topic: String
    /// The business areas' labels, joined with 、.
    let areas: String
    /// The counties' names where `countyNames` knows them, else their codes, joined with 、.
    let counties: String
    let venue: String

    init(date: String, time: String, topic: String, areas: String, counties: String, venue: String) {
        (self.date, self.time, self.topic, self.areas, self.counties, self.venue) = (date, time, topic, areas, counties, venue)
    }

    init(_ record: TrainingSessionRecord, countyNames: [String: String]) {
        self.init(date: record.date, time: record.time, topic: record.topic,
                  areas: record.areaValues.map(\.label).joined(separator: "、"),
                  counties: record.countyCodes.map { countyNames[$0] ?? $0 }.joined(separator: "、"), venue: record.venue)
    }
}

extension TrainingSessions {
    /// Sessions from `today` on that concern the user: those for the user's county, and for an overseer above
    /// counties every session for a county of its division.
    static func upcoming(for staff: SignedInStaff, today: CalendarDate, countyNames: [String: String] = [:],
                         on db: any Database) async throws -> [TrainingSessionLine] {
        let sessions = try await TrainingSessionRecord.query(on: db).filter(\.$date >= today.description)
            .sort(\.$date).sort(\.$time).limit(200).all()
        return sessions.filter { concerns($0, staff) }.map { TrainingSessionLine($0, countyNames: countyNames) }
    }

    static func concerns(_ session: TrainingSessionRecord, _ staff: SignedInStaff) -> Bool {
        let unit = staff.account.unit
        if let county = unit.county { return session.countyCodes.contains(county.value) }
        guard staff.may(.problemOversight) else { return false }
        return session.countyCodes.contains { code in (try? DivisionCode(code)).map(staff.scope.covers(divisionCode:)) == true }
    }
}
