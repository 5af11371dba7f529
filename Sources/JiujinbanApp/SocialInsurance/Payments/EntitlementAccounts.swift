import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 待遇发放账户 (M0062): the account an entitlement is paid into, given with its claim. The account stays sealed
/// (`LedgerCrypto.bankAccountContext`, the payments' context, so a payment copies it as it is); only the payment
/// run's bank file and the core system's outbound file (`export-pending`) open it, and pages show it masked.
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

    /// The account a claim's approval gives its entitlement: the sealed account, and whether it is the one the ledger
    /// already had (`existing`, kept) or one typed with the claim. It travels with the entitlement's outbound record.
    struct Given: Sendable, Equatable {
        let bank: String
        let accountSealed: String
        let kept: Bool

        init(_ account: Sealed, kept: Bool) {
            bank = account.bank
            accountSealed = account.accountSealed
            self.kept = kept
        }
    }

    /// A scheme's row as stored, for the ledger writer's before- and after-images (`LedgerImages.account`).
    struct Stored: Codable, Sendable, Equatable {
        let bank: String
        let accountSealed: String
        let caseID: UUID?
        let updatedAtMs: Int64
    }

    /// The scheme's row, if any.
    static func stored(citizen: UUID, scheme: String, on sql: any SQLDatabase) async throws -> Stored? {
        guard let row = try await sql.select().columns("bank", "account_sealed", "case_id", "updated_at_ms").from("insurance_entitlement_accounts")
            .where("citizen_id", .equal, SQLBind(citizen)).where("scheme", .equal, SQLBind(scheme)).first() else { return nil }
        return Stored(bank: try row.decode(column: "bank", as: String.self), accountSealed: try row.decode(column: "account_sealed", as: String.self),
                      caseID: try row.decode(column: "case_id", as: UUID?.self), updatedAtMs: try row.decode(column: "updated_at_ms", as: Int64.self))
    }

    /// Makes the scheme's row `row`, replacing any it had, or removes it (`nil`), in the caller's transaction: the
    /// ledger writer gives an entitlement its account this way, and a rejection puts back the one it replaced.
    static func put(_ row: Stored?, citizen: UUID, scheme: String, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "insurance_entitlement_accounts").where("citizen_id", .equal, SQLBind(citizen))
            .where("scheme", .equal, SQLBind(scheme)).run()
        guard let row else { return }
        try await sql.insert(into: "insurance_entitlement_accounts")
            .columns("citizen_id", "scheme", "bank", "account_sealed", "case_id", "updated_at_ms")
            .values(SQLBind(citizen), SQLBind(scheme), SQLBind(row.bank), SQLBind(row.accountSealed), SQLBind(row.caseID), SQLBind(row.updatedAtMs))
            .run()
    }
}
