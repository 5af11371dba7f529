import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 待遇发放账户 (M0062): the account an entitlement is paid into, given with its claim. The account stays sealed
/// (`LedgerCrypto.bankAccountContext`, the payments' context, so a payment copies it as it is); only the payment
/// run's bank file opens it, and pages show it masked.
enum EntitlementAccounts {
    /// A bank with its sealed account.
    struct Sealed: Sendable, Equatable {
        let bank: String
        let accountSealed: String
    }

    /// The account the ledger already pays the person into, for a claim that keeps it: the account given with one of
    /// the person's resident entitlements (the latest given), else that of their latest resident-pension payment;
    /// nil when the ledger has none.
    static func existing(citizen: UUID, on db: any Database) async throws -> Sealed? {
        let sql = db as! any SQLDatabase
        let schemes = PaymentBatch.schemes.sorted()
        if let row = try await sql.raw("""
            SELECT bank, account_sealed FROM insurance_entitlement_accounts
            WHERE citizen_id = \(bind: citizen) AND scheme IN (\(binds: schemes)) ORDER BY updated_at_ms DESC, scheme LIMIT 1
            """).first() {
            return Sealed(bank: try row.decode(column: "bank", as: String.self), accountSealed: try row.decode(column: "account_sealed", as: String.self))
        }
        guard let row = try await sql.raw("""
            SELECT bank, account_sealed FROM insurance_payments
            WHERE citizen_id = \(bind: citizen) AND scheme IN (\(binds: schemes)) ORDER BY month DESC, scheme LIMIT 1
            """).first() else { return nil }
        return Sealed(bank: try row.decode(column: "bank", as: String.self), accountSealed: try row.decode(column: "account_sealed", as: String.self))
    }

    /// The existing account as the counter is offered it: the bank and the masked number.
    static func existingMasked(citizen: UUID, cipher: PersonalDataCipher, on db: any Database) async throws -> String? {
        guard let existing = try await existing(citizen: citizen, on: db) else { return nil }
        let account = try cipher.open(existing.accountSealed, context: LedgerCrypto.bankAccountContext)
        return PaymentAccount(bank: existing.bank, account: account).masked
    }

    /// The entitlement's account, replacing any the scheme had, in the caller's transaction.
    static func save(_ account: Sealed, scheme: InsuranceScheme, for effect: CaseEffect, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.delete(from: "insurance_entitlement_accounts").where("citizen_id", .equal, SQLBind(effect.citizenID))
            .where("scheme", .equal, SQLBind(scheme.rawValue)).run()
        try await sql.insert(into: "insurance_entitlement_accounts")
            .columns("citizen_id", "scheme", "bank", "account_sealed", "case_id", "updated_at_ms")
            .values(SQLBind(effect.citizenID), SQLBind(scheme.rawValue), SQLBind(account.bank), SQLBind(account.accountSealed),
                    SQLBind(effect.caseID), SQLBind(OutboundExchange.milliseconds(effect.at)))
            .run()
    }
}
