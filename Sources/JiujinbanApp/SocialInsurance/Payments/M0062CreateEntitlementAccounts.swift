import Fluent
import SQLKit

/// 待遇发放账户: the bank and account a resident pension is paid into, per person and scheme, given with the claim
/// (items 34, 35) and written when it is approved; `payments run` pays an entitlement into it, and into the account
/// of the person's latest payment of the scheme only when it has none.
///
/// A table of its own rather than columns of `insurance_entitlements`: the entitlement row is what the ledger writer
/// keeps before- and after-images of in plain text, and what the import compares column by column; a sealed account
/// there would never compare equal (sealing is randomised). The ledger writer gives the entitlement its account here
/// and keeps this row's own images (`LedgerImages.account`, sealed), and the outbound record carries it sealed
/// beside the entitlement's line until `export-pending` opens it into the file. The account is sealed like the
/// payments' one (`LedgerCrypto.bankAccountContext`, `PersonalDataCipher`) and shown masked only.
struct M0062CreateEntitlementAccounts: AsyncMigration {
    var name: String { "JiujinbanApp.M0062CreateEntitlementAccounts" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("insurance_entitlement_accounts")
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("scheme", .string, .required)
            .field("bank", .string, .required)
            .field("account_sealed", .string, .required)
            // The claim whose approval gave it.
            .field("case_id", .uuid, .references("cases", "id"))
            .field("updated_at_ms", .int64, .required)
            .compositeIdentifier(over: "citizen_id", "scheme")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("insurance_entitlement_accounts").delete()
    }
}
