import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// Finds the people of a batch of imported rows by the blind index of their ID number, and registers those not yet
/// known: sealed by the registry's own code (`CitizenRegistry.sealedRecord`), inserted many rows per statement, and
/// marked with the file and time they came from (`imported_file`, `imported_at`).
struct LedgerPeople {
    let cipher: PersonalDataCipher
    let operatorID: UUID
    let fileName: String
    let now: Date

    /// The citizen of every person in `people` (by ID number), which of them this call registered, and how many of
    /// `people` (one per row) name a registered person under another name: the registered name is kept, and the
    /// import's summary counts those rows for the business admin.
    func resolve(_ people: [ExchangePerson], known: [String: UUID], on sql: any SQLDatabase) async throws
        -> (ids: [String: UUID], created: Set<UUID>, renamedRows: Int)
    {
        var ids: [String: UUID] = [:]
        var unknown: [String: ExchangePerson] = [:]
        var firstSeen: [String] = []
        for person in people {
            let value = person.idNumber.value
            if let id = known[value] {
                ids[value] = id
            } else if unknown[value] == nil {
                unknown[value] = person
                firstSeen.append(value)
            }
        }
        // The registered name of everyone already stored, to tell the rows that name them otherwise.
        var registeredName: [String: String] = [:]
        let knownHere = Dictionary(ids.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        for chunk in Array(knownHere.keys).chunked(500) {
            for row in try await sql.raw("SELECT id, name FROM citizens WHERE id IN (\(binds: Array(chunk)))").all() {
                if let idNumber = knownHere[try row.decode(column: "id", as: UUID.self)] {
                    registeredName[idNumber] = try row.decode(column: "name", as: String.self)
                }
            }
        }
        var byIndex: [String: ExchangePerson] = [:]
        for person in unknown.values { byIndex[CitizenRegistry.index(of: person.idNumber, cipher: cipher)] = person }
        for chunk in Array(byIndex.keys).chunked(500) {
            let rows = try await sql.raw("SELECT id, id_number_index, name FROM citizens WHERE id_number_index IN (\(binds: Array(chunk)))").all()
            for row in rows {
                let index = try row.decode(column: "id_number_index", as: String.self)
                if let person = byIndex.removeValue(forKey: index) {
                    ids[person.idNumber.value] = try row.decode(column: "id", as: UUID.self)
                    registeredName[person.idNumber.value] = try row.decode(column: "name", as: String.self)
                }
            }
        }
        let renamedRows = people.filter { person in registeredName[person.idNumber.value].map { $0 != person.name } ?? false }.count
        var created: Set<UUID> = []
        // In the file's order, with ids that sort in the order they are made (`TimeOrderedUUIDs`): the people, and the
        // ledger rows keyed by them, are appended at their indexes' end instead of all over them.
        let stillUnknown = Set(byIndex.values.map(\.idNumber.value))
        let newcomers = firstSeen.filter(stillUnknown.contains).map { unknown[$0]! }
        var orderedIDs = TimeOrderedUUIDs()
        var random = SystemRandomNumberGenerator()
        let records = try newcomers.map { person in
            let record = try CitizenRegistry.sealedRecord(person.facts, by: operatorID, at: now, cipher: cipher)
            record.id = orderedIDs.next(at: Date(), using: &random)
            return record
        }
        for chunk in records.chunked(400) {
            let insert = sql.insert(into: CitizenRecord.schema)
                .columns("id", "id_number_sealed", "id_number_index", "name", "sex", "birth_date", "phone_sealed", "hukou_division_code",
                         "residence_division_code", "ethnicity", "card_number_sealed", "created_by", "created_at", "updated_at",
                         "imported_file", "imported_at")
            for record in chunk {
                insert.values(SQLBind(record.id), SQLBind(record.idNumberSealed), SQLBind(record.idNumberIndex), SQLBind(record.name),
                              SQLBind(record.sex), SQLBind(record.birthDate), SQLBind(record.phoneSealed),
                              SQLBind(record.hukouDivisionCode), SQLBind(record.residenceDivisionCode), SQLBind(record.ethnicity),
                              SQLBind(record.cardNumberSealed), SQLBind(record.createdBy), SQLBind(record.createdAt),
                              SQLBind(record.updatedAt), SQLBind(fileName), SQLBind(now))
            }
            try await insert.run()
        }
        for (record, person) in zip(records, newcomers) {
            let id = try record.requireID()
            ids[person.idNumber.value] = id
            created.insert(id)
        }
        return (ids, created, renamedRows)
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
