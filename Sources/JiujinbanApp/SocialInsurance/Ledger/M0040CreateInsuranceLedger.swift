import Fluent
import SQLKit

/// 参保台账: per person (`citizens`) and scheme, the enrolment, the contributions by year, the personal account by
/// year, the entitlement and the monthly payments, with the status histories of enrolments and entitlements.
///
/// Sized for a province: a million insured people with fifteen years of contributions each. Every table's primary
/// key starts with the person, so "everything of one person" is a range of each key (no separate index, no row id:
/// the contributions table is the largest, and a surrogate key would be a second index of fifteen million entries).
/// "A county's beneficiaries this month" reads `insurance_entitlements_county` and `insurance_payments_county`.
/// Amounts are fen (`BIGINT`), dates `YYYY-MM-DD` and months `YYYY-MM` as text, flags 0/1: the same on both
/// databases, and one union query reads a person's whole ledger (`InsuranceLedger.view`).
struct M0040CreateInsuranceLedger: AsyncMigration {
    var name: String { "JiujinbanApp.M0040CreateInsuranceLedger" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("insurance_enrolments")
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("scheme", .string, .required)
            .field("county_code", .string, .required)
            .field("start_kind", .string)
            .field("grade_yuan", .int64)
            .field("enrolled_on", .string, .required)
            .field("status", .string, .required)
            .field("status_date", .string, .required)
            .field("status_reason", .string)
            .field("updated_at_ms", .int64, .required)
            .compositeIdentifier(over: "citizen_id", "scheme")
            .create()
        try await statusHistory("insurance_enrolment_statuses", on: database)
        try await database.schema("insurance_contributions")
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("scheme", .string, .required)
            .field("year", .int64, .required)
            .field("kind", .string, .required)
            .field("grade_yuan", .int64)
            .field("personal_fen", .int64, .required)
            .field("subsidy_fen", .int64, .required)
            .field("collective_fen", .int64, .required)
            .field("arrived", .int64, .required)
            .field("arrived_on", .string)
            .field("updated_at_ms", .int64, .required)
            .compositeIdentifier(over: "citizen_id", "scheme", "year", "kind")
            .create()
        try await database.schema("insurance_accounts")
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("scheme", .string, .required)
            .field("year", .int64, .required)
            .field("opening_fen", .int64, .required)
            .field("credited_fen", .int64, .required)
            .field("interest_fen", .int64, .required)
            .field("closing_fen", .int64, .required)
            .compositeIdentifier(over: "citizen_id", "scheme", "year")
            .create()
        try await database.schema("insurance_entitlements")
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("scheme", .string, .required)
            .field("county_code", .string, .required)
            .field("start_month", .string, .required)
            .field("monthly_fen", .int64, .required)
            .field("basic_central_fen", .int64, .required)
            .field("basic_provincial_fen", .int64, .required)
            .field("basic_county_fen", .int64, .required)
            .field("basic_extra_fen", .int64, .required)
            .field("account_fen", .int64, .required)
            .field("exit_subsidy_fen", .int64, .required)
            // The dated policy figures' row ids the amount was computed with, `;`-separated.
            .field("figure_ids", .string)
            .field("status", .string, .required)
            .field("status_date", .string, .required)
            .field("status_reason", .string)
            .field("updated_at_ms", .int64, .required)
            .compositeIdentifier(over: "citizen_id", "scheme")
            .create()
        try await statusHistory("insurance_entitlement_statuses", on: database)
        try await database.schema("insurance_payments")
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("scheme", .string, .required)
            .field("month", .string, .required)
            .field("county_code", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("bank", .string, .required)
            // Sealed like the ID number (`PersonalDataCipher`); pages show it masked.
            .field("account_sealed", .string, .required)
            .field("result", .string, .required)
            .field("failure_reason", .string)
            .field("updated_at_ms", .int64, .required)
            .compositeIdentifier(over: "citizen_id", "scheme", "month")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "insurance_enrolments_county").on("insurance_enrolments").column("county_code").column("scheme")
            .column("status").run()
        try await sql.create(index: "insurance_entitlements_county").on("insurance_entitlements").column("county_code").column("status")
            .column("scheme").run()
        try await sql.create(index: "insurance_payments_county").on("insurance_payments").column("county_code").column("month").run()
    }

    /// Each change of status, with its date and reason; the current status is also on the parent row.
    private func statusHistory(_ table: String, on database: any Database) async throws {
        try await database.schema(table)
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("scheme", .string, .required)
            .field("effective_on", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("recorded_at_ms", .int64, .required)
            .compositeIdentifier(over: "citizen_id", "scheme", "effective_on", "status")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["insurance_payments", "insurance_entitlement_statuses", "insurance_entitlements", "insurance_accounts",
                      "insurance_contributions", "insurance_enrolment_statuses", "insurance_enrolments"] {
            try await database.schema(table).delete()
        }
    }
}
