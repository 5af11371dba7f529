import Fluent
import Foundation
import JiujinbanApp
import JiujinbanRules
import SQLKit
import Vapor

/// Writes synthetic people, operators and cases for `generate-data`, in batches of one transaction each.
struct SyntheticData {
    let app: Application
    let seed: UInt64
    let progress: GeneratorProgress

    static let citizenBatch = 1_000
    static let caseBatch = 500

    private var services: PlatformServices { app.jiujinban }

    /// The county's villages and communities, where people live.
    func residences() async throws -> [DivisionCode] {
        let rows = try await Division.query(on: app.db)
            .filter(\.$id =~ GenerateDataCommand.county)
            .filter(\.$level ~~ [DivisionLevel.village.rawValue, DivisionLevel.community.rawValue])
            .sort(\.$id).all()
        let codes = rows.compactMap { $0.id.flatMap { try? DivisionCode($0) } }
        guard !codes.isEmpty else {
            throw PublicError(.conflict, "数据库中没有芮城县的村、社区：请先以演示数据启动一次（载入区划与服务点）")
        }
        return codes
    }

    // MARK: operators

    /// One operator account, role associated, at each of the first `count` service points of the county that have
    /// no live operator yet.
    func operators(_ count: Int) async throws -> Int {
        let staffed = Set(try await AccountRecord.query(on: app.db).filter(\.$post == Post.operator.rawValue)
            .filter(\.$status != AccountStatus.deactivated.rawValue).all().compactMap(\.unitServicePointID))
        let points = try await ServicePoint.query(on: app.db).filter(\.$divisionCode =~ GenerateDataCommand.county)
            .sort(\.$code).all().filter { $0.id.map { !staffed.contains($0) } ?? false }.prefix(count)
        var people = SyntheticPopulation(seed: seed ^ 0x5354_4146, residences: try await residences(),
                                         regionCode: GenerateDataCommand.county)
        let now = services.clock.now(), today = services.clock.today
        let (cipher, catalogue) = (services.cipher, services.catalogue)
        var made = 0
        for point in points {
            guard let id = point.id, let kind = ServicePointKind(rawValue: point.kind),
                  let code = try? DivisionCode(point.divisionCode) else { continue }
            var person = people.next()
            while person.birthDate.year > 2000 { person = people.next() }
            let unit = OrgUnit.servicePoint(id: id, kind: kind, divisionCode: code)
            let phone = person.phone ?? "1390359" + String(1000 + made)
            try await services.writer.write(on: app.db) { [person] db in
                let personID = try await StaffRegistry.person(name: person.name, idNumber: person.idNumber, phone: phone,
                                                              isDemo: true, today: today, cipher: cipher, on: db)
                let account = AccountRecord(personID: personID, post: .operator, unit: unit, createdAt: now)
                account.roleAssociatedAt = now
                try await account.create(on: db)
                try await StaffRegistry.setGrants(PermissionPolicy.ceiling(post: .operator, unit: unit, catalogue: catalogue),
                                                  of: try account.requireID(), on: db)
            }
            made += 1
        }
        return made
    }

    /// The demonstration people holding an active, role-associated operator account in the county.
    func demoOperatorPeople() async throws -> [UUID] {
        let accounts = try await AccountRecord.query(on: app.db).filter(\.$post == Post.operator.rawValue)
            .filter(\.$status == AccountStatus.active.rawValue).filter(\.$unitDivisionCode =~ GenerateDataCommand.county)
            .sort(\.$unitDivisionCode).all().filter { $0.roleAssociatedAt != nil }
        var people: [UUID] = []
        for account in accounts where !people.contains(account.personID) {
            if try await StaffPerson.find(account.personID, on: app.db)?.isDemo == true { people.append(account.personID) }
        }
        return people
    }

    /// For each operator person: the generated seekers living in its point's division (the ones it may open).
    func visibleSeekers(_ seekers: [(citizen: UUID, residence: String)], of people: [UUID]) async throws -> [String: [UUID]] {
        guard !seekers.isEmpty else { return [:] }
        var result: [String: [UUID]] = [:]
        for person in people {
            guard let account = try await AccountRecord.query(on: app.db).filter(\.$personID == person)
                .filter(\.$post == Post.operator.rawValue).first(), let root = try? DivisionCode(account.unitDivisionCode) else { continue }
            result[person.uuidString] = seekers.filter { $0.residence.hasPrefix(root.scopePrefix) }.prefix(50).map(\.citizen)
        }
        return result
    }

    // MARK: citizens

    /// Up to `sampleSize` of the generated ID numbers, spread over the run, go into `sample`. With `ledger`, each
    /// batch's people get their insurance ledger (`SyntheticLedger`) in the same transaction, through the import's
    /// reader and the ledger's store (`LedgerRowsWriter`); `ledgerRows` counts the rows stored.
    func citizens(_ count: Int, sample: inout [String], sampleSize: Int = 10_000, ledger: Bool = false,
                  ledgerRows: inout Int) async throws -> Int {
        guard let registrar = try await AccountRecord.query(on: app.db).filter(\.$post == Post.operator.rawValue)
            .filter(\.$unitDivisionCode =~ GenerateDataCommand.county).sort(\.$unitDivisionCode).first()?.id else {
            throw PublicError(.conflict, "芮城县还没有经办人员账号：请先载入演示数据，或加 --operators 生成")
        }
        var people = SyntheticPopulation(seed: seed, residences: try await residences(), regionCode: GenerateDataCommand.county,
                                         formerRegionCode: GenerateDataCommand.formerCountyCode)
        let cipher = services.cipher
        let writer = ledger ? try await LedgerRowsWriter.make(services: services, operatorID: registrar, source: "合成数据", on: app.db) : nil
        var ledgerPeople = SyntheticLedger(seed: seed ^ 0x4C45_4447, county: GenerateDataCommand.county + "000000", today: services.clock.today)
        var done = 0, inserted = 0
        while done < count {
            let size = min(Self.citizenBatch, count - done)
            let now = services.clock.now()
            let stride = max(count / sampleSize, 1)
            var records: [CitizenRecord] = []
            var rows = SyntheticLedger.Rows()
            for offset in 0..<size {
                let person = people.next()
                if (done + offset) % stride == 0, sample.count < sampleSize { sample.append(person.idNumber) }
                records.append(try Self.record(person, by: registrar, at: now, cipher: cipher))
                if ledger {
                    ledgerPeople.add(.init(idNumber: person.idNumber, name: person.name, hukou: person.hukou.value, birthDate: person.birthDate),
                                     to: &rows)
                }
            }
            let (made, stored) = try await services.writer.write(on: app.db) { [records, rows] db in
                (try await Self.insert(records, on: db as! any SQLDatabase), try await writer?.write(rows, on: db) ?? 0)
            }
            inserted += made
            ledgerRows += stored
            let previous = done
            done += size
            progress.step("生成办事群众", done: done, of: count, previous: previous)
        }
        return inserted
    }

    /// One multi-row insert; a person already stored (a second run with the same seed) is skipped. Returns how many
    /// were inserted. (Plain SQL: building a Fluent model per row would cost more than the insert.)
    static func insert(_ records: [CitizenRecord], on sql: any SQLDatabase) async throws -> Int {
        let insert = sql.insert(into: CitizenRecord.schema)
            .columns("id", "id_number_sealed", "id_number_index", "name", "sex", "birth_date", "phone_sealed", "hukou_division_code",
                     "residence_division_code", "ethnicity", "card_number_sealed", "created_by", "created_at", "updated_at")
        for record in records {
            insert.values(SQLBind(record.id), SQLBind(record.idNumberSealed), SQLBind(record.idNumberIndex), SQLBind(record.name),
                          SQLBind(record.sex), SQLBind(record.birthDate), SQLBind(record.phoneSealed),
                          SQLBind(record.hukouDivisionCode), SQLBind(record.residenceDivisionCode), SQLBind(record.ethnicity),
                          SQLBind(record.cardNumberSealed), SQLBind(record.createdBy), SQLBind(record.createdAt),
                          SQLBind(record.updatedAt))
        }
        return try await insert.ignoringConflicts(with: ["id_number_index"]).returning("id").all().count
    }

    static func record(_ person: SyntheticPopulation.Person, by registrar: UUID, at now: Date, cipher: PersonalDataCipher) throws
        -> CitizenRecord
    {
        let record = CitizenRecord()
        record.id = UUID()
        record.idNumberSealed = try cipher.seal(person.idNumber, context: CitizenCrypto.idNumberContext)
        record.idNumberIndex = cipher.blindIndex(person.idNumber, context: CitizenCrypto.idNumberContext)
        record.name = person.name
        record.sex = person.sex.rawValue
        record.birthDate = person.birthDate.iso
        record.phoneSealed = try person.phone.map { try cipher.seal($0, context: CitizenCrypto.phoneContext) }
        record.hukouDivisionCode = person.hukou.value
        record.residenceDivisionCode = person.residence.value
        record.ethnicity = person.ethnicity
        record.createdBy = registrar
        record.createdAt = now
        record.updatedAt = now
        return record
    }
}
