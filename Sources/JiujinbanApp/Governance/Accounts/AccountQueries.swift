import Fluent
import Foundation
import JiujinbanRules

/// An account as the account pages show it: masked personal data, its unit's name, status and grants.
struct AccountSummary: Sendable {
    let account: StaffAccount
    let name: String
    let maskedIDNumber: String
    let maskedPhone: String
    let unitName: String
    let statusReason: String?
    let lastLoginAt: Date?
    /// The latest of creation, last login and last unlock: what idleness is counted from.
    let lastSignOfLife: Date
    let leakReportedAt: Date?
    let grants: Set<ItemPermission>
    /// An expert's business areas (loaded with the grants).
    let areas: Set<BusinessArea>
}

enum AccountQueries {
    /// Accounts whose unit lies in `scope` (the administrator's subtree), newest first.
    static func list(in scope: DivisionCode, on db: any Database, cipher: PersonalDataCipher) async throws -> [AccountSummary] {
        let records = try await AccountRecord.query(on: db).filter(\.$unitDivisionCode =~ scope.scopePrefix)
            .sort(\.$unitDivisionCode).sort(\.$post).all()
        var summaries: [AccountSummary] = []
        for record in records {
            if let summary = try await summary(record, on: db, cipher: cipher, withGrants: false) { summaries.append(summary) }
        }
        return summaries
    }

    static func find(_ id: UUID, on db: any Database, cipher: PersonalDataCipher) async throws -> AccountSummary? {
        guard let record = try await AccountRecord.find(id, on: db) else { return nil }
        return try await summary(record, on: db, cipher: cipher, withGrants: true)
    }

    static func summary(_ record: AccountRecord, on db: any Database, cipher: PersonalDataCipher, withGrants: Bool) async throws -> AccountSummary? {
        guard let (account, unitName) = try await StaffDirectory.resolve(record, on: db),
              let person = try await StaffPerson.find(record.personID, on: db) else { return nil }
        let idNumber = try cipher.open(person.idNumberSealed, context: StaffCrypto.idNumberContext)
        let phone = try cipher.open(person.phoneSealed, context: StaffCrypto.phoneContext)
        return AccountSummary(
            account: account, name: person.name, maskedIDNumber: Masking.maskedIDNumber(idNumber),
            maskedPhone: Masking.maskedPhone(phone), unitName: unitName,
            statusReason: record.statusReason, lastLoginAt: record.lastLoginAt,
            lastSignOfLife: IdleLockRule.lastSignOfLife(createdAt: record.createdAt ?? .distantPast, lastLoginAt: record.lastLoginAt,
                                                       lastUnlockedAt: record.lastUnlockedAt),
            leakReportedAt: record.leakReportedAt,
            grants: withGrants ? try await StaffDirectory.grants(of: account.id, on: db) : [],
            areas: withGrants && account.post == .expert ? try await StaffDirectory.areas(of: account.id, on: db) : [])
    }

    /// The units an administrator can place accounts in: departments and service points of its subtree.
    static func units(in scope: DivisionCode, on db: any Database) async throws -> [(unit: OrgUnit, name: String)] {
        var units: [(OrgUnit, String)] = []
        let departments = try await Division.query(on: db)
            .filter(\.$level ~~ [DivisionLevel.province, .city, .county].map(\.rawValue))
            .filter(\.$id =~ scope.scopePrefix).sort(\.$id).all()
        for division in departments {
            guard let code = try? DivisionCode(division.id ?? "") else { continue }
            units.append((.department(code), division.name + "人社部门"))
        }
        let points = try await ServicePoint.query(on: db).filter(\.$divisionCode =~ scope.scopePrefix)
            .filter(\.$status == ServicePointStatus.active.rawValue).sort(\.$divisionCode).sort(\.$code).all()
        for point in points {
            guard let id = point.id, let kind = ServicePointKind(rawValue: point.kind),
                  let code = try? DivisionCode(point.divisionCode) else { continue }
            units.append((.servicePoint(id: id, kind: kind, divisionCode: code), "服务点：" + point.institution))
        }
        return units
    }

    /// The form value of a unit: `dept:<code>` or `sp:<uuid>` (the same key the one-account-per-unit index uses).
    static func unit(fromKey key: String, on db: any Database) async throws -> OrgUnit? {
        if key.hasPrefix("dept:") { return (try? DivisionCode(String(key.dropFirst(5)))).map(OrgUnit.department) }
        guard key.hasPrefix("sp:"), let id = UUID(uuidString: String(key.dropFirst(3))),
              let point = try await ServicePoint.find(id, on: db), let kind = ServicePointKind(rawValue: point.kind),
              let code = try? DivisionCode(point.divisionCode) else { return nil }
        return .servicePoint(id: id, kind: kind, divisionCode: code)
    }
}
