import Fluent
import Foundation
import JiujinbanRules

/// A person's accounts across all units, as the one-person-several-accounts rule (`PersonPosts`) and the pages
/// that explain it need them.
enum PersonAccounts {
    /// The person's live accounts with their units' names, oldest first: what `PersonPosts` compares a new account
    /// with. Call it inside the write, after `StaffRegistry.person` locked the person.
    static func held(ofPerson personID: UUID, on db: any Database) async throws -> [HeldAccount] {
        let records = try await AccountRecord.query(on: db).filter(\.$personID == personID)
            .filter(\.$status != AccountStatus.deactivated.rawValue).sort(\.$createdAt).all()
        var held: [HeldAccount] = []
        for record in records {
            if let (account, unitName) = try await StaffDirectory.resolve(record, on: db) {
                held.append(HeldAccount(account, unitName: unitName))
            }
        }
        return held
    }

    /// The live accounts of the person with this ID number, none for someone unknown: for pages that warn before
    /// anything is decided (the write checks again).
    static func held(idNumber: String, on db: any Database, cipher: PersonalDataCipher) async throws -> [HeldAccount] {
        let index = cipher.blindIndex(idNumber, context: StaffCrypto.idNumberContext)
        guard let person = try await StaffPerson.query(on: db).filter(\.$idNumberIndex == index).first() else { return [] }
        return try await held(ofPerson: try person.requireID(), on: db)
    }

    /// A person found by ID number, with every account they hold or held, for the account form.
    struct Listing: Sendable {
        let name: String
        let maskedIDNumber: String
        let accounts: [AccountSummary]
    }

    /// The person with this ID number and their accounts (deactivated ones too, with their status), or nil when no
    /// staff person has it.
    static func listing(idNumber: String, on db: any Database, cipher: PersonalDataCipher) async throws -> Listing? {
        let index = cipher.blindIndex(idNumber, context: StaffCrypto.idNumberContext)
        guard let person = try await StaffPerson.query(on: db).filter(\.$idNumberIndex == index).first() else { return nil }
        let records = try await AccountRecord.query(on: db).filter(\.$personID == person.requireID()).sort(\.$createdAt).all()
        var accounts: [AccountSummary] = []
        for record in records {
            if let summary = try await AccountQueries.summary(record, on: db, cipher: cipher, withGrants: false) {
                accounts.append(summary)
            }
        }
        return Listing(name: person.name, maskedIDNumber: Masking.maskedIDNumber(idNumber), accounts: accounts)
    }

    /// A conflicting pair as the monthly review shows it: whose, masked, and the two accounts.
    struct ConflictRow: Sendable {
        let name: String
        let maskedIDNumber: String
        let pair: ConflictingPair
    }

    /// 一人多岗冲突 for the monthly review of `scope`: the live accounts of every person who holds more than one
    /// and at least one in `scope`, judged by `PersonPosts.conflicts`. Listed only; the county resolves them.
    static func conflicts(in scope: DivisionCode, on db: any Database, cipher: PersonalDataCipher) async throws -> [ConflictRow] {
        let live = AccountStatus.deactivated.rawValue
        let inScope = try await AccountRecord.query(on: db).filter(\.$unitDivisionCode =~ scope.scopePrefix)
            .filter(\.$status != live).all()
        let people = Array(Set(inScope.map(\.personID)))
        guard !people.isEmpty else { return [] }
        var records: [AccountRecord] = []
        // In chunks, so that a county with thousands of accounts stays within the databases' parameter limits.
        for start in stride(from: 0, to: people.count, by: 500) {
            let chunk = Array(people[start..<min(start + 500, people.count)])
            records += try await AccountRecord.query(on: db).filter(\.$personID ~~ chunk).filter(\.$status != live)
                .sort(\.$createdAt).all()
        }
        let several = Dictionary(grouping: records, by: \.personID).filter { $0.value.count > 1 }
        var held: [HeldAccount] = []
        for record in several.values.joined() {
            if let (account, unitName) = try await StaffDirectory.resolve(record, on: db) {
                held.append(HeldAccount(account, unitName: unitName))
            }
        }
        var rows: [ConflictRow] = []
        for pair in PersonPosts.conflicts(among: held, touching: scope) {
            guard let person = try await StaffPerson.find(pair.personID, on: db) else { continue }
            let idNumber = try cipher.open(person.idNumberSealed, context: StaffCrypto.idNumberContext)
            rows.append(ConflictRow(name: person.name, maskedIDNumber: Masking.maskedIDNumber(idNumber), pair: pair))
        }
        return rows
    }
}
