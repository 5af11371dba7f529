import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// What the platform's records say of a person's membership of the three record-decided key groups
/// (`KeyGroupCheck.Records`): an open unemployment registration (城镇登记失业人员), a 就业困难人员 recognition of the
/// county still in force, and the county's 防止返贫监测对象 list, matched by the keyed index of the ID number.
enum KeyGroupRecords {
    /// - Parameter county: the county whose recognitions and monitoring list count (the serving point's).
    static func records(of citizen: CitizenRecord, county: DivisionCode, on db: any Database) async throws -> KeyGroupCheck.Records {
        let id = try citizen.requireID()
        var records = KeyGroupCheck.Records()
        if case .unemployed(let since) = try await EmploymentRegistry.status(citizen: id, on: db) {
            records.unemployedSince = since
        }
        let sql = db as! any SQLDatabase
        records.hardshipRecognisedOn = try await sql.raw("""
            SELECT recognised_on FROM hardship_recognitions
            WHERE citizen_id = \(bind: id) AND county_code = \(bind: county.value) AND ended_on IS NULL
            ORDER BY recognised_on DESC LIMIT 1
            """).first().flatMap { CalendarDate(iso: try $0.decode(column: "recognised_on", as: String.self)) }
        records.monitoringListBatch = try await sql.raw("""
            SELECT batch FROM poverty_monitoring_entries
            WHERE county_code = \(bind: county.value) AND id_number_index = \(bind: citizen.idNumberIndex)
            """).first().map { try $0.decode(column: "batch", as: String.self) }
        return records
    }

    /// The three record-decided groups as the form shows them: each with its record, or that there is none.
    static func summary(_ records: KeyGroupCheck.Records) -> [String] {
        var members: [KeyGroupMembership] = []
        if case .success(let found) = KeyGroupCheck.resolve(records: records, declared: [:]) { members = found }
        return KeyGroup.allCases.filter { $0.record != nil }.map { group in
            group.chinese + "：" + (members.first { $0.group == group }?.basis.text ?? "平台中无记录")
        }
    }
}
