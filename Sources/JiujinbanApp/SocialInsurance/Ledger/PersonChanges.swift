import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// One field of the citizen record a case changed, each value as the `citizens` table stores it: sex as its code,
/// the phone and the residence address sealed under the record's own contexts, so the outbound record holds them
/// exactly as sealed as the record does. `before` is nil when the field was not recorded.
struct PersonFieldChange: Codable, Sendable, Equatable {
    let field: PersonChangeField
    let before: String?
    let after: String
}

/// The writer of item 30's changes to the person (人员信息变更), beside `LedgerChanges`: `apply` writes the changed
/// fields to the citizen record and enqueues one outbound record of kind `personChanges`, in the case's transaction;
/// its payload is the changes, sealed (`PersonChangeExport` opens them into the core system's file). A rejection
/// `reverse`s them field by field.
enum PersonChanges {
    /// The `citizens` column of a field.
    static func column(_ field: PersonChangeField) -> String {
        switch field {
        case .sex: "sex"
        case .ethnicity: "ethnicity"
        case .residenceAddress: "residence_address_sealed"
        case .phone: "phone_sealed"
        }
    }

    /// The sealing context of a field that is personal data (the citizen record's own).
    static func context(_ field: PersonChangeField) -> String? {
        switch field {
        case .sex, .ethnicity: nil
        case .residenceAddress: CitizenCrypto.residenceAddressContext
        case .phone: CitizenCrypto.phoneContext
        }
    }

    /// Writes `changes` to the case's person and enqueues their outbound record; nil, writing nothing, when there
    /// are none (a case that changed nothing the core system holds sends nothing).
    @discardableResult
    static func apply(_ changes: [PersonFieldChange], scheme: InsuranceScheme, for effect: CaseEffect, on db: any Database) async throws -> UUID? {
        guard !changes.isEmpty else { return nil }
        let update = (db as! any SQLDatabase).update("citizens").set("updated_at", to: SQLBind(effect.at))
        for change in changes { update.set(SQLIdentifier(column(change.field)), to: SQLBind(change.after)) }
        try await update.where("id", .equal, SQLBind(effect.citizenID)).run()
        return try await OutboundExchange.enqueue(citizen: effect.citizenID, caseID: effect.caseID, scheme: scheme, kind: .personChanges,
                                                  payload: try encode(changes), at: effect.at, on: db)
    }

    /// What a rejection did: the fields put back, and those left with a later case's value.
    struct Reversal: Sendable, Equatable {
        var restored: [PersonChangeField] = []
        var kept: [PersonChangeField] = []
    }

    /// Puts each field back to its before-value, in the caller's transaction, only where it still holds this change's
    /// after-value (one conditional update per field, so a later change is never overwritten and is reported instead).
    static func reverse(_ changes: [PersonFieldChange], citizen: UUID, at now: Date, on db: any Database) async throws -> Reversal {
        let sql = db as! any SQLDatabase
        var reversal = Reversal()
        for change in changes {
            let target = SQLIdentifier(column(change.field))
            var before: any SQLExpression = SQLLiteral.null
            if let value = change.before { before = SQLBind(value) }
            let restored = try await sql.update("citizens").set(target, to: before).set("updated_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(citizen)).where(target, .equal, SQLBind(change.after))
                .returning("id").all()
            if restored.isEmpty { reversal.kept.append(change.field) } else { reversal.restored.append(change.field) }
        }
        return reversal
    }

    static func encode(_ changes: [PersonFieldChange]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(changes), as: UTF8.self)
    }

    static func decode(_ payload: String) throws -> [PersonFieldChange] {
        try JSONDecoder().decode([PersonFieldChange].self, from: Data(payload.utf8))
    }
}
