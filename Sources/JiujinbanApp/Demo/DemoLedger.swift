import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// Writes exchange-format rows (`SyntheticLedger.Rows`) into the ledger the way an import does: each row read and
/// checked by the import's reader (grades by date included), the people found or registered by `LedgerPeople`, the
/// rows stored by `LedgerStore`. For the demonstration data and `generate-data`; a row the reader refuses is a bug
/// of the generator, and stops it naming the row.
package struct LedgerRowsWriter: Sendable {
    let services: PlatformServices
    let operatorID: UUID
    /// What the people registered here are marked as imported from.
    let source: String
    let levels: [String: DivisionLevel]
    let grades: ExchangeGrades

    package static func make(services: PlatformServices, operatorID: UUID, source: String, on db: any Database) async throws -> LedgerRowsWriter {
        LedgerRowsWriter(services: services, operatorID: operatorID, source: source, levels: try await LedgerImport.divisionLevels(on: db),
                         grades: ExchangeGrades(try await PolicyFigureBook.load(on: db)))
    }

    /// The rows of every kind, enrolments first; returns how many rows were stored new.
    @discardableResult
    package func write(_ rows: SyntheticLedger.Rows, on db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        let now = services.clock.now()
        let people = LedgerPeople(cipher: services.cipher, operatorID: operatorID, fileName: source, now: now)
        var inserted = 0
        for kind in ExchangeKind.importable where !rows.rows(kind).isEmpty {
            let header = try ExchangeFormat.header(SyntheticLedger.headers[kind]!, kind: kind).get()
            var reader = ExchangeRowReader(header: header, today: services.clock.today, divisionLevel: { [levels] in levels[$0.value] },
                                           grades: grades)
            var read: [ExchangeRow] = []
            for (index, fields) in rows.rows(kind).enumerated() {
                switch reader.read(CSVReader.Record(line: index + 2, fields: fields)) {
                case .success(let row): read.append(row)
                case .failure(let problems):
                    throw PublicError(.internalServerError, "合成\(kind.chinese)第\(index + 2)行有误：" + problems.problems.map(\.text).joined(separator: "；"))
                }
            }
            let (ids, created, _) = try await people.resolve(read.map(\.person), known: [:], on: sql)
            let store = LedgerStore(table: .of(kind), cipher: services.cipher, nowMilliseconds: Int64(now.timeIntervalSince1970 * 1000))
            inserted += try await store.apply(read.map { LedgerLine($0, citizen: ids[$0.person.idNumber.value]!) }, newPeople: created, on: sql).inserted
        }
        return inserted
    }
}

/// Ruicheng's demonstration ledger (`DemoLedgerPeople`): its people registered, as imported from the
/// demonstration data, by the county's business admin.
enum DemoLedger {
    static let source = "演示数据"

    static func seed(services: PlatformServices, on db: any Database) async throws {
        guard let admin = try await AccountRecord.query(on: db).filter(\.$post == Post.businessAdmin.rawValue)
            .filter(\.$unitDivisionCode == DemoLedgerPeople.county).first()?.requireID() else {
            throw DemoDataError.badReferenceRow("no business admin in \(DemoLedgerPeople.county)")
        }
        let today = services.clock.today
        let writer = try await LedgerRowsWriter.make(services: services, operatorID: admin, source: source, on: db)
        try await writer.write(DemoLedgerPeople.ledger(today: today).rows, on: db)
        let teenager = DemoLedgerPeople.teenager(today: today)
        // Registered as the counter registers a person: through the registration form's own checks.
        let draft = CitizenDraft(idNumber: teenager.idNumber, name: teenager.name, hukouDivision: teenager.hukou, residenceDivision: teenager.hukou,
                                 ethnicity: "汉族")
        let levels = try await LedgerImport.divisionLevels(on: db)
        guard case .success(let facts) = draft.validate(today: today, divisionLevel: { levels[$0.value] }) else {
            throw DemoDataError.badReferenceRow("demonstration person \(teenager.name) does not register")
        }
        _ = try await CitizenRegistry.register(facts, by: admin, at: services.clock.now(), cipher: services.cipher, on: db)
    }
}
