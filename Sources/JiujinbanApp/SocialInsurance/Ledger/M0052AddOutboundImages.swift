import Fluent

/// The outbound record keeps what its ledger change did (`LedgerImages`: every touched row before and after, the
/// history rows it added), so the core system's rejection undoes exactly that change; a record enqueued without a
/// change of the ledger (none yet) has none.
struct M0052AddOutboundImages: AsyncMigration {
    var name: String { "JiujinbanApp.M0052AddOutboundImages" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("insurance_outbound").field("ledger_images", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("insurance_outbound").deleteField("ledger_images").update()
    }
}
